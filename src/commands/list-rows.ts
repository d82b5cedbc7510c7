/**
 * A `list` row from Temporal's visibility record alone — no per-row history read — so that
 * `list --limit 1000` costs one RPC per page of 100 runs. The status comes from the execution
 * status, refined by the `FabricJobStatus` search attribute when runs upsert it
 * (FABRIC_SEARCH_ATTRIBUTES); ids from the memo or the search attributes. Pure: unit-tested.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../shared.js';
import { baseOutcome, type CliStatus, type JobOutcome } from './outcome.js';

export interface ListedRun extends JobOutcome {
  workspaceId: string | null;
  itemId: string | null;
  jobType: string | null;
  /** When the workflow run started / closed (ISO). */
  startTime: string;
  closeTime: string | null;
}

/** The part of the visibility record a row needs. */
export type VisibilityInfo = Pick<WorkflowExecutionInfo, 'workflowId' | 'runId' | 'memo' | 'searchAttributes' | 'startTime' | 'closeTime'> & {
  status: { name: string };
};

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null;
}

/** The CLI status of a closed run from its execution status and the last Fabric status it recorded. */
export function listedStatus(executionStatus: string, fabricStatus: string | null): CliStatus {
  switch (executionStatus) {
    case 'RUNNING':
      return 'Running';
    case 'COMPLETED':
      return fabricStatus === 'Deduped' ? 'Deduped' : 'Completed';
    case 'CANCELLED':
      return 'Cancelled';
    case 'TIMED_OUT':
      return 'TimedOut';
    case 'TERMINATED':
      return 'Terminated';
    default:
      // FAILED: Fabric's own ending when the run recorded it.
      return fabricStatus === 'Deduped' || fabricStatus === 'Cancelled' ? fabricStatus : 'Failed';
  }
}

export function listedRun(info: VisibilityInfo): ListedRun {
  const memo = info.memo ?? {};
  const attrs = (info.searchAttributes ?? {}) as Record<string, unknown>;
  const outcome = baseOutcome(info.workflowId, info.runId);
  outcome.status = listedStatus(info.status.name, text(attrs[SEARCH_ATTRIBUTES.status]));
  outcome.jobInstanceId = text(attrs[SEARCH_ATTRIBUTES.jobInstanceId]);
  return {
    ...outcome,
    workspaceId: text(memo.workspaceId) ?? text(attrs[SEARCH_ATTRIBUTES.workspaceId]),
    itemId: text(memo.itemId) ?? text(attrs[SEARCH_ATTRIBUTES.itemId]),
    jobType: text(memo.jobType) ?? text(attrs[SEARCH_ATTRIBUTES.jobType]),
    startTime: info.startTime.toISOString(),
    closeTime: info.closeTime?.toISOString() ?? null,
  };
}

/** A pipeline run in `list` and `pipeline list`, from its visibility record alone. */
export interface ListedPipeline {
  workflowId: string;
  runId: string;
  /** The pipeline's name: the memo's, or read from a schedule's or the default workflow id. */
  name: string | null;
  status: CliStatus;
  /** `{{ logicalDate }}` of a run for a date (`--logical-date`, schedules), else null. */
  logicalDate: string | null;
  /** The Temporal Schedule that started it, else null. */
  scheduleId: string | null;
  startTime: string;
  closeTime: string | null;
}

/** `pipeline-<name>-<8 hex>` (the default id) or `pipeline/<name>[@params]/<date>` (a logical date's run). */
function nameFromWorkflowId(workflowId: string): string | null {
  return /^pipeline-(.+)-[0-9a-f]{8}$/.exec(workflowId)?.[1] ?? /^pipeline\/([^/@]+)(?:@[^/]*)?\/\d{4}-\d{2}-\d{2}$/.exec(workflowId)?.[1] ?? null;
}

export function listedPipeline(info: VisibilityInfo): ListedPipeline {
  const memo = info.memo ?? {};
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    name: text(memo.pipeline) ?? nameFromWorkflowId(info.workflowId),
    status: listedStatus(info.status.name, null),
    logicalDate: text(memo.logicalDate) ?? /\/(\d{4}-\d{2}-\d{2})$/.exec(info.workflowId)?.[1] ?? null,
    scheduleId: text(memo.scheduleId),
    startTime: info.startTime.toISOString(),
    closeTime: info.closeTime?.toISOString() ?? null,
  };
}
