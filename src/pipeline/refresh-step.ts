/**
 * `kind: semanticModelRefresh` steps and compensations of pipeline files: their fields (zod) and
 * their conversion into the semanticModelRefresh input (docs/semantic-models.md, docs/pipelines.md).
 *
 * ```yaml
 * - id: refresh-sales
 *   kind: semanticModelRefresh
 *   semanticModel: Sales          # UUID, name, Sales.SemanticModel, "Sales Prod.Workspace/Sales" or {{ params.x }}
 *   workspace: Sales Prod         # UUID or name (else the pipeline's; not needed for a path)
 *   type: Full                    # and commitMode, maxParallelism, retryCount, objects, applyRefreshPolicy, effectiveDate, refreshTimeout
 *   objects: [Sales, Dates/2024]  # or [{ table: Sales }, { table: Dates, partition: "2024" }]
 *   timeout: 2h
 *   connection: sales
 * ```
 */
import { z } from 'zod';
import { isConnectionName, normalizeConnectionName } from '../contracts/connection.js';
import type { RefreshJobSpec } from '../contracts/semantic-model-refresh.js';
// The request's models and rules alone, not the Power BI client (pipeline validate starts without the HTTP client).
import { COMMIT_MODES, REFRESH_TYPES, type RefreshObject, type RefreshRequest } from '../fabric/powerbi/models.js';
import { parseRefreshObjects, REFRESH_TIMEOUT_PATTERN } from '../fabric/powerbi/refresh-request.js';
import { durationToMs } from '../duration.js';
import { hasTemplate } from '../templates.js';
import { SEMANTIC_MODEL_ITEM_TYPE } from '../names/job-targets.js';
import { typedItemRefProblem, workspaceRefProblem } from '../names/reference.js';

export const REFRESH_KIND = 'semanticModelRefresh';
export const STEP_KINDS = ['job', REFRESH_KIND] as const;

/** A reference (checked as `problem` says) or a `{{ }}` template (checked once rendered). */
const referenceOrTemplate = (problem: (text: string) => string | undefined) =>
  z.string().superRefine((v, ctx) => {
    const why = hasTemplate(v) ? undefined : problem(v);
    if (why !== undefined) ctx.addIssue({ code: 'custom', message: why });
  });
const choice = (allowed: readonly string[]) =>
  z.string().transform((v, ctx) => {
    const found = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
    if (found === undefined) ctx.addIssue({ code: 'custom', message: `must be one of ${allowed.join(', ')}` });
    return found ?? v;
  });
const objectEntry = z.union([
  z.string().transform((v, ctx) => {
    try {
      return parseRefreshObjects(v)[0]!;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be Table or Table/Partition' });
      return { table: v };
    }
  }),
  z.strictObject({ table: z.string().min(1), partition: z.string().min(1).optional() }),
]);
const durationText = z.string().refine((v) => (durationToMs(v) ?? 0) > 0, { error: 'not a duration above 0; use e.g. 90s, 5m, 2h, 1h30m' });

/** The fields a refresh step or compensation adds to (or uses instead of) a job's. */
export const refreshFieldsShape = {
  kind: z.literal(REFRESH_KIND),
  workspace: referenceOrTemplate(workspaceRefProblem).optional(),
  semanticModel: referenceOrTemplate((v) => typedItemRefProblem(v, SEMANTIC_MODEL_ITEM_TYPE)),
  type: choice(REFRESH_TYPES).optional(),
  commitMode: choice(COMMIT_MODES).optional(),
  maxParallelism: z.int().min(1).optional(),
  retryCount: z.int().min(0).optional(),
  objects: z.array(objectEntry).min(1).optional(),
  applyRefreshPolicy: z.boolean().optional(),
  effectiveDate: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { error: 'not an ISO date or date-time' }).optional(),
  refreshTimeout: z.string().regex(REFRESH_TIMEOUT_PATTERN, { error: "must be hh:mm:ss, at most 23:59:59 (Power BI's own timeout of each attempt)" }).optional(),
  timeout: durationText.optional(),
  pollInterval: z.strictObject({ min: durationText.optional(), max: durationText.optional(), fallback: durationText.optional() }).optional(),
  connection: z.string().refine(isConnectionName, { error: 'not a connection name (letters, digits, _ or -)' }).optional(),
};

export const refreshJobSchema = z.strictObject(refreshFieldsShape);
export type PipelineFileRefresh = z.infer<typeof refreshJobSchema>;

/** True for a step or compensation object that says `kind: semanticModelRefresh`. */
export function isRefreshEntry(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === REFRESH_KIND;
}

/**
 * The refresh a file entry describes, with the pipeline's workspace and connection as defaults.
 * Durations are in milliseconds; templates are left for the workflow to render.
 */
export function toRefreshSpec(entry: PipelineFileRefresh, defaults: { workspace?: string; connection?: string }): RefreshJobSpec {
  const options: RefreshRequest = { type: entry.type ?? 'Full' };
  if (entry.commitMode !== undefined) options.commitMode = entry.commitMode;
  if (entry.maxParallelism !== undefined) options.maxParallelism = entry.maxParallelism;
  if (entry.retryCount !== undefined) options.retryCount = entry.retryCount;
  if (entry.objects !== undefined) options.objects = entry.objects as RefreshObject[];
  if (entry.applyRefreshPolicy !== undefined) options.applyRefreshPolicy = entry.applyRefreshPolicy;
  if (entry.effectiveDate !== undefined) options.effectiveDate = entry.effectiveDate;
  if (entry.refreshTimeout !== undefined) options.timeout = entry.refreshTimeout;
  const workspaceId = entry.workspace ?? defaults.workspace;
  const spec: RefreshJobSpec = { kind: REFRESH_KIND, ...(workspaceId !== undefined && { workspaceId }), semanticModelId: entry.semanticModel, options };
  const connection = entry.connection ?? defaults.connection;
  if (connection !== undefined) spec.connection = normalizeConnectionName(connection);
  if (entry.timeout !== undefined) spec.timeoutMs = durationToMs(entry.timeout)!;
  if (entry.pollInterval !== undefined) {
    const { min, max, fallback } = entry.pollInterval;
    spec.pollInterval = {
      ...(min !== undefined ? { minMs: durationToMs(min)! } : {}),
      ...(max !== undefined ? { maxMs: durationToMs(max)! } : {}),
      ...(fallback !== undefined ? { fallbackMs: durationToMs(fallback)! } : {}),
    };
  }
  return spec;
}
