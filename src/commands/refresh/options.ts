/**
 * The flags of `refresh`, parsed into the semanticModelRefresh input. The flags of the refresh table
 * (src/contracts/refresh-fields.ts: workspace, semantic model, timeout, poll interval, connection,
 * pool) are parsed by the table, with the rules and messages every kind shares; Power BI's refresh
 * options here. Every bad flag is reported (one message each) before anything is started. The
 * workspace and the semantic model are ids or names (a plain name for --semantic-model is a
 * SemanticModel item); names stay in the input.
 */
import { randomUUID } from 'node:crypto';
import { normalizeConnectionName } from '../../contracts/connection.js';
import { REFRESH_FIELD_LIST, type RefreshFieldSpec } from '../../contracts/refresh-fields.js';
import type { SemanticModelRefreshInput } from '../../contracts/semantic-model-refresh.js';
import { COMMIT_MODES, parseRefreshObjects, REFRESH_TIMEOUT_PATTERN, REFRESH_TYPES, type RefreshRequest } from '../../fabric/powerbi/index.js';
import { UsageError } from '../errors.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseChoice, parseCount, parseWorkflowId } from '../parse/ids.js';
import { parseFieldFlags, workspaceFlagRequired } from '../parse/job-options.js';
import { isItemPath } from '../../names/reference.js';

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
  pollFallback?: string;
  connection?: string;
  pool?: string;
  workflowId?: string;
  wait?: boolean;
  json?: boolean;
}

export interface RefreshRequestFlags {
  workflowId: string;
  input: SemanticModelRefreshInput;
}

/** One of `allowed`, case-insensitive (`--type full` is `Full`). */
function caseInsensitiveChoice<const T extends readonly string[]>(flag: string, text: string, allowed: T): T[number] {
  const found = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
  return found ?? parseChoice(flag, text, allowed);
}

/**
 * @throws UsageError listing every bad flag. The connection and the pool are checked against the
 * configuration after (src/commands/configured-names.ts).
 */
export function parseRefreshOptions(raw: RawRefreshOptions): RefreshRequestFlags {
  const c = new ProblemCollector();
  const fields = c.take(() => parseFieldFlags(REFRESH_FIELD_LIST, { ...raw })) as Partial<RefreshFieldSpec> | undefined;
  if (raw.workspace === undefined && !isItemPath(raw.semanticModel)) c.add(workspaceFlagRequired('--semantic-model', raw.semanticModel));
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
  const workflowId = c.optional(raw.workflowId, (t) => parseWorkflowId('--workflow-id', t));
  c.throwIfAny();

  const { workspaceId, semanticModelId, connection, ...rest } = fields!;
  const input: SemanticModelRefreshInput = { ...(workspaceId !== undefined && { workspaceId }), semanticModelId: semanticModelId!, options, ...rest };
  if (connection !== undefined) input.connection = normalizeConnectionName(connection);
  return { workflowId: workflowId ?? `powerbi-refresh-${randomUUID()}`, input };
}
