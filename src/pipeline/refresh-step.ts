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
 *
 * The fields of the refresh table (src/contracts/refresh-fields.ts: workspace, semanticModel,
 * timeout, pollInterval, connection, pool) come from the table, with the rules and messages every
 * kind shares (src/pipeline/field-schema.ts); Power BI's refresh options are here.
 */
import { z } from 'zod';
import { normalizeConnectionName } from '../contracts/connection.js';
import type { Field } from '../contracts/fields.js';
import { REFRESH_FIELD_LIST, REFRESH_FIELDS } from '../contracts/refresh-fields.js';
import type { RefreshJobSpec } from '../contracts/semantic-model-refresh.js';
import { COMMIT_MODES, parseRefreshObjects, REFRESH_TIMEOUT_PATTERN, REFRESH_TYPES, type RefreshObject, type RefreshRequest } from '../fabric/powerbi/index.js';
import { fieldSchema, fieldsFromFile } from './field-schema.js';

export const REFRESH_KIND = 'semanticModelRefresh';
export const STEP_KINDS = ['job', REFRESH_KIND] as const;

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

/** The fields a refresh step or compensation adds to (or uses instead of) a job's. */
export const refreshFieldsShape = {
  kind: z.literal(REFRESH_KIND),
  // The refresh table's fields under their file keys (a refresh step's workspace may come from the pipeline).
  ...Object.fromEntries(REFRESH_FIELD_LIST.map((field) => [field.file, fieldSchema(field, !field.required || field === REFRESH_FIELDS.workspaceId)])),
  type: choice(REFRESH_TYPES).optional(),
  commitMode: choice(COMMIT_MODES).optional(),
  maxParallelism: z.int().min(1).optional(),
  retryCount: z.int().min(0).optional(),
  objects: z.array(objectEntry).min(1).optional(),
  applyRefreshPolicy: z.boolean().optional(),
  effectiveDate: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { error: 'not an ISO date or date-time' }).optional(),
  refreshTimeout: z.string().regex(REFRESH_TIMEOUT_PATTERN, { error: "must be hh:mm:ss, at most 23:59:59 (Power BI's own timeout of each attempt)" }).optional(),
};

export const refreshJobSchema = z.strictObject(refreshFieldsShape);
/** A refresh as a file writes it: Power BI's options typed, the table's fields by file key. */
export type PipelineFileRefresh = {
  kind: typeof REFRESH_KIND;
  /** One of REFRESH_TYPES (the schema has checked it). */
  type?: string;
  /** One of COMMIT_MODES (the schema has checked it). */
  commitMode?: string;
  maxParallelism?: number;
  retryCount?: number;
  objects?: readonly RefreshObject[];
  applyRefreshPolicy?: boolean;
  effectiveDate?: string;
  refreshTimeout?: string;
} & Readonly<Record<string, unknown>>;

/** True for a step or compensation object that says `kind: semanticModelRefresh`. */
export function isRefreshEntry(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === REFRESH_KIND;
}

/**
 * The refresh a file entry describes: the table's fields in the input form, each from its file key
 * or the pipeline-wide default (`defaults`: workspace, connection), and Power BI's options.
 * Templates are left for the workflow to render; `checkTemplate` checks what they render to.
 */
export function toRefreshSpec(entry: PipelineFileRefresh, defaults: Readonly<Record<string, unknown>>, checkTemplate: (value: string, field: Field) => void = () => undefined): RefreshJobSpec {
  const options: RefreshRequest = { type: (entry.type ?? 'Full') as RefreshRequest['type'] };
  if (entry.commitMode !== undefined) options.commitMode = entry.commitMode as RefreshRequest['commitMode'];
  if (entry.maxParallelism !== undefined) options.maxParallelism = entry.maxParallelism;
  if (entry.retryCount !== undefined) options.retryCount = entry.retryCount;
  if (entry.objects !== undefined) options.objects = [...entry.objects];
  if (entry.applyRefreshPolicy !== undefined) options.applyRefreshPolicy = entry.applyRefreshPolicy;
  if (entry.effectiveDate !== undefined) options.effectiveDate = entry.effectiveDate;
  if (entry.refreshTimeout !== undefined) options.timeout = entry.refreshTimeout;
  const fields = fieldsFromFile(REFRESH_FIELD_LIST, entry, defaults, checkTemplate) as Omit<RefreshJobSpec, 'kind' | 'options'>;
  const spec: RefreshJobSpec = { kind: REFRESH_KIND, ...fields, options };
  if (spec.connection !== undefined) spec.connection = normalizeConnectionName(spec.connection);
  return spec;
}
