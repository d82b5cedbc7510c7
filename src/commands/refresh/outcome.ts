/**
 * The CLI's view of a refresh run: the `--json` object and its status, from the workflow's result
 * or failure type (RefreshFailureTypes). Pure: unit-tested without Temporal.
 */
import { RefreshFailureTypes, type RefreshFailureReason, type SemanticModelRefreshResult, type SemanticModelRefreshState } from '../../contracts/semantic-model-refresh.js';
import { classifyEnding, endingMessage, failureDetail } from '../run-ending.js';

export type RefreshCliStatus = 'Running' | 'Completed' | 'Failed' | 'Cancelled' | 'Disabled' | 'TimedOut' | 'Terminated';

/** What `refresh --json` prints: exactly these keys, in this order. */
export interface RefreshOutcome {
  workflowId: string;
  runId: string | null;
  status: RefreshCliStatus;
  refreshId: string | null;
  startTime: string | null;
  endTime: string | null;
  failureReason: RefreshFailureReason | null;
}

const BY_TYPE: Readonly<Record<string, RefreshCliStatus>> = {
  [RefreshFailureTypes.Failed]: 'Failed',
  [RefreshFailureTypes.Cancelled]: 'Cancelled',
  [RefreshFailureTypes.Disabled]: 'Disabled',
  [RefreshFailureTypes.TimedOut]: 'TimedOut',
};


function isResult(value: unknown): value is SemanticModelRefreshResult {
  const v = value as Partial<SemanticModelRefreshResult> | null;
  return typeof v === 'object' && v !== null && typeof v.refreshId === 'string' && typeof v.status === 'string';
}

export function baseRefreshOutcome(workflowId: string, runId: string | null, state?: SemanticModelRefreshState): RefreshOutcome {
  return {
    workflowId,
    runId,
    status: 'Running',
    refreshId: state?.refreshId ?? null,
    startTime: state?.detail?.startTime ?? null,
    endTime: state?.detail?.endTime ?? null,
    failureReason: null,
  };
}

function withResult(base: RefreshOutcome, r: SemanticModelRefreshResult): RefreshOutcome {
  return { ...base, refreshId: r.refreshId || base.refreshId, startTime: r.startTime, endTime: r.endTime, failureReason: r.failureReason };
}

export function refreshOutcomeFromResult(base: RefreshOutcome, result: SemanticModelRefreshResult): RefreshOutcome {
  return { ...withResult(base, result), status: 'Completed' };
}

/** The outcome of a run that failed, was cancelled, terminated or timed out (`error`: what handle.result() threw). */
export function refreshOutcomeFromFailure(base: RefreshOutcome, error: unknown): RefreshOutcome {
  const ended = classifyEnding(error, BY_TYPE);
  const carried = failureDetail(ended, isResult);
  const outcome = carried ? withResult(base, carried) : { ...base };
  if (ended.status === 'Failed' && outcome.failureReason === null) {
    const culprit = ended.application ?? ended.root;
    outcome.failureReason = { errorCode: ended.application?.type ?? culprit?.name ?? 'WorkflowFailed', message: endingMessage(ended) ?? 'the run failed' };
  }
  return { ...outcome, status: ended.status };
}

/** One human line: `Completed: refresh <id> (workflow …)`, with the failure reason when there is one. */
export function describeRefreshOutcome(o: RefreshOutcome): string {
  const refresh = o.refreshId ? `refresh ${o.refreshId}` : 'no refresh';
  const reason = o.failureReason ? ` — ${o.failureReason.errorCode}: ${o.failureReason.message}` : '';
  return `${o.status}: ${refresh} (workflow ${o.workflowId})${reason}`;
}
