/**
 * The flags shared by `run` and `start`, parsed into the workflow input. Every bad flag is reported
 * (one message each) before anything is started.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_POLL_INTERVAL, type RunFabricJobInput } from '../../shared.js';
import { ProblemCollector } from './collect.js';
import { formatDuration } from '../../duration.js';
import { parseDuration } from './duration.js';
import { parseChoice, parseJobType, parseUuid, parseWorkflowId } from './ids.js';
import { parseJobParameters, parseJsonObject } from './json-input.js';

/** The raw option values commander hands over (all strings; required ones are checked by commander). */
export interface RawJobOptions {
  workspace: string;
  item: string;
  jobType: string;
  executionData?: string;
  parameters?: string;
  timeout?: string;
  pollMin?: string;
  pollMax?: string;
  onDeduped?: string;
  route?: string;
  workflowId?: string;
}

export interface JobRequest {
  workflowId: string;
  input: RunFabricJobInput;
}

export const ON_DEDUPED = ['fail', 'succeed'] as const;
export const ROUTES = ['query', 'path'] as const;

/** A readable default workflow id: `fabric-<jobType>-<uuid>`. */
export function defaultWorkflowId(jobType: string): string {
  return `fabric-${jobType}-${randomUUID()}`;
}

/**
 * Parses and checks the job flags. `searchAttributes` comes from the configuration (FABRIC_SEARCH_ATTRIBUTES).
 * @throws UsageError listing every bad flag.
 */
export function parseJobOptions(raw: RawJobOptions, searchAttributes = false): JobRequest {
  const c = new ProblemCollector();
  const workspaceId = c.take(() => parseUuid('--workspace', raw.workspace));
  const itemId = c.take(() => parseUuid('--item', raw.item));
  const jobType = c.take(() => parseJobType('--job-type', raw.jobType));
  const executionData = c.optional(raw.executionData, (t) => parseJsonObject('--execution-data', t));
  const parameters = c.optional(raw.parameters, (t) => parseJobParameters('--parameters', t));
  const timeoutMs = c.optional(raw.timeout, (t) => parseDuration('--timeout', t));
  const minMs = c.optional(raw.pollMin, (t) => parseDuration('--poll-min', t));
  const maxMs = c.optional(raw.pollMax, (t) => parseDuration('--poll-max', t));
  const onDeduped = c.optional(raw.onDeduped, (t) => parseChoice('--on-deduped', t, ON_DEDUPED));
  const runRoute = c.optional(raw.route, (t) => parseChoice('--route', t, ROUTES));
  const workflowId = c.optional(raw.workflowId, (t) => parseWorkflowId('--workflow-id', t));
  // Checked against the defaults too: `--poll-min 10m` alone exceeds the default maximum (5m).
  const min = minMs ?? DEFAULT_POLL_INTERVAL.minMs;
  const max = maxMs ?? DEFAULT_POLL_INTERVAL.maxMs;
  if ((minMs !== undefined || maxMs !== undefined) && min > max) {
    const minText = `${minMs === undefined ? 'the default ' : ''}--poll-min ${formatDuration(min)}`;
    const maxText = `${maxMs === undefined ? 'the default ' : ''}--poll-max ${formatDuration(max)}`;
    c.add(`${minText} is longer than ${maxText}: the minimum poll interval must not exceed the maximum`);
  }
  c.throwIfAny();

  const input: RunFabricJobInput = { workspaceId: workspaceId!, itemId: itemId!, jobType: jobType! };
  if (executionData !== undefined) input.executionData = executionData;
  if (parameters !== undefined) input.parameters = parameters;
  if (timeoutMs !== undefined) input.timeoutMs = timeoutMs;
  if (minMs !== undefined || maxMs !== undefined) {
    input.pollInterval = {};
    if (minMs !== undefined) input.pollInterval.minMs = minMs;
    if (maxMs !== undefined) input.pollInterval.maxMs = maxMs;
  }
  if (onDeduped !== undefined) input.onDeduped = onDeduped;
  if (runRoute !== undefined) input.runRoute = runRoute;
  if (searchAttributes) input.searchAttributes = true;
  return { workflowId: workflowId ?? defaultWorkflowId(input.jobType), input };
}
