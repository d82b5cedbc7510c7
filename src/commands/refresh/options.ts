/**
 * The flags of `refresh`, parsed into the semanticModelRefresh input. Every bad flag is reported
 * (one message each) before anything is started. The workspace and the semantic model are ids or
 * names (a plain name for --semantic-model is a SemanticModel item); names stay in the input.
 */
import { randomUUID } from 'node:crypto';
import type { SemanticModelRefreshInput } from '../../contracts/semantic-model-refresh.js';
import { COMMIT_MODES, REFRESH_TYPES, type RefreshRequest } from '../../fabric/powerbi/models.js';
import { parseRefreshObjects, REFRESH_TIMEOUT_PATTERN } from '../../fabric/powerbi/refresh-request.js';
import { UsageError } from '../errors.js';
import { parseConnection, parseConnectionName } from '../parse/connection.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseDuration } from '../parse/duration.js';
import { parseChoice, parseCount, parseWorkflowId } from '../parse/ids.js';
import { SEMANTIC_MODEL_ITEM_TYPE } from '../../names/job-targets.js';
import { isItemPath, parseTypedItemRef, parseWorkspaceRef } from '../../names/reference.js';

export interface RawRefreshOptions {
  workspace?: string;
  semanticModel: string;
  type?: string;
  commitMode?: string;
  maxParallelism?: string;
  retryCount?: string;
  objects?: string;
  applyRefreshPolicy?: string;
  effectiveDate?: string;
  refreshTimeout?: string;
  timeout?: string;
  pollMin?: string;
  pollMax?: string;
  connection?: string;
  workflowId?: string;
  wait?: boolean;
  json?: boolean;
}

export interface RefreshRequestFlags {
  workflowId: string;
  input: SemanticModelRefreshInput;
}

/**
 * A workspace or semantic model as written (a UUID, a name, a path), trimmed: names are resolved
 * later (by the CLI before starting, and by the workflow). @throws UsageError with the reference's problem.
 */
function parseReference(parse: () => unknown, text: string): string {
  try {
    parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return text.trim();
}

/** One of `allowed`, case-insensitive (`--type full` is `Full`). */
function caseInsensitiveChoice<const T extends readonly string[]>(flag: string, text: string, allowed: T): T[number] {
  const found = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
  return found ?? parseChoice(flag, text, allowed);
}

/**
 * @throws UsageError listing every bad flag. With `connections` (the configured names), `--connection`
 * is checked against them too; without, only its form is (the configuration is read after the flags).
 */
export function parseRefreshOptions(raw: RawRefreshOptions, connections?: readonly string[]): RefreshRequestFlags {
  const c = new ProblemCollector();
  const semanticModelId = c.take(() => parseReference(() => parseTypedItemRef(raw.semanticModel, SEMANTIC_MODEL_ITEM_TYPE, '--semantic-model'), raw.semanticModel));
  const workspaceId = c.optional(raw.workspace, (t) => parseReference(() => parseWorkspaceRef(t, '--workspace'), t));
  if (raw.workspace === undefined && !isItemPath(raw.semanticModel)) {
    c.add(`--workspace is required (a workspace name or id), unless --semantic-model is a path: "Workspace.Workspace/${raw.semanticModel}"`);
  }
  const options: RefreshRequest = { type: c.take(() => caseInsensitiveChoice('--type', raw.type ?? 'Full', REFRESH_TYPES)) ?? 'Full' };
  const commitMode = c.optional(raw.commitMode, (t) => caseInsensitiveChoice('--commit-mode', t, COMMIT_MODES));
  if (commitMode !== undefined) options.commitMode = commitMode;
  const maxParallelism = c.optional(raw.maxParallelism, (t) => parseCount('--max-parallelism', t, 1, 1_000));
  if (maxParallelism !== undefined) options.maxParallelism = maxParallelism;
  const retryCount = c.optional(raw.retryCount, (t) => parseCount('--retry-count', t, 0, 100));
  if (retryCount !== undefined) options.retryCount = retryCount;
  const objects = c.optional(raw.objects, (t) => {
    try {
      return parseRefreshObjects(t);
    } catch (err) {
      throw new UsageError(`--objects ${JSON.stringify(t)}: ${(err as Error).message.replace(/^objects /, '')}; use Table or Table/Partition, comma-separated`);
    }
  });
  if (objects !== undefined) options.objects = objects;
  const policy = c.optional(raw.applyRefreshPolicy, (t) => parseChoice('--apply-refresh-policy', t.toLowerCase(), ['true', 'false'] as const));
  if (policy !== undefined) options.applyRefreshPolicy = policy === 'true';
  if (raw.effectiveDate !== undefined) {
    if (Number.isNaN(Date.parse(raw.effectiveDate))) c.add(`--effective-date ${JSON.stringify(raw.effectiveDate)}: not a date; use an ISO date or date-time, e.g. 2024-06-30`);
    else options.effectiveDate = raw.effectiveDate;
  }
  if (raw.refreshTimeout !== undefined) {
    if (!REFRESH_TIMEOUT_PATTERN.test(raw.refreshTimeout)) c.add(`--refresh-timeout ${JSON.stringify(raw.refreshTimeout)}: must be hh:mm:ss, at most 23:59:59 (Power BI's own timeout of each attempt)`);
    else options.timeout = raw.refreshTimeout;
  }
  const timeoutMs = c.optional(raw.timeout, (t) => parseDuration('--timeout', t));
  const minMs = c.optional(raw.pollMin, (t) => parseDuration('--poll-min', t));
  const maxMs = c.optional(raw.pollMax, (t) => parseDuration('--poll-max', t));
  if (minMs !== undefined && maxMs !== undefined && minMs > maxMs) c.add('--poll-min is longer than --poll-max: the minimum poll interval must not exceed the maximum');
  const connection = c.optional(raw.connection, (t) => (connections ? parseConnection('--connection', t, connections) : parseConnectionName('--connection', t)));
  const workflowId = c.optional(raw.workflowId, (t) => parseWorkflowId('--workflow-id', t));
  c.throwIfAny();

  const input: SemanticModelRefreshInput = { ...(workspaceId !== undefined && { workspaceId }), semanticModelId: semanticModelId!, options };
  if (connection !== undefined) input.connection = connection;
  if (timeoutMs !== undefined) input.timeoutMs = timeoutMs;
  if (minMs !== undefined || maxMs !== undefined) input.pollInterval = { ...(minMs !== undefined ? { minMs } : {}), ...(maxMs !== undefined ? { maxMs } : {}) };
  return { workflowId: workflowId ?? `powerbi-refresh-${randomUUID()}`, input };
}
