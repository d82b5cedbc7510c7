/**
 * What one `semanticModelRefresh` run knows (its `refreshState` query), its activity proxies, input
 * checks, poll cadence and how a finished refresh becomes the result or a typed failure.
 * Sandbox-safe.
 *
 * Phase-1 note: the poll cadence and the failed-poll retry mirror runFabricJob's (poll-delay.ts,
 * poll-retry.ts); they are to be shared once its files have settled.
 */
import { ActivityCancellationType, ApplicationFailure, defineQuery, log, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/workflow';
import type { GetRefreshStatusInput, GetRefreshStatusOutput, RefreshActivities } from '../../activities/refresh-types.js';
import { isConnectionName } from '../../contracts/connection.js';
import { REFRESH_STATE_QUERY, RefreshFailureTypes } from '../../contracts/semantic-model-refresh.js';
import type {
  SemanticModelRefreshInput,
  SemanticModelRefreshResult,
  SemanticModelRefreshResume,
  SemanticModelRefreshState,
} from '../../contracts/semantic-model-refresh.js';
import type { RefreshDetail, RefreshStatus } from '../../fabric/powerbi/models.js';
import { SEMANTIC_MODEL_ITEM_TYPE } from '../../names/job-targets.js';
import { isItemPath, typedItemRefProblem, workspaceRefProblem } from '../../names/reference.js';
import { DEFAULT_POLL_INTERVAL, FailureTypes } from '../../shared.js';
import type { PollInterval } from '../../shared.js';

export const refreshStateQuery = defineQuery<SemanticModelRefreshState>(REFRESH_STATE_QUERY);

const TERMINAL: readonly string[] = ['Completed', 'Failed', 'Cancelled', 'Disabled', 'TimedOut'];
export const isTerminal = (status: RefreshStatus | undefined): boolean => status !== undefined && TERMINAL.includes(status);

// --- activities --------------------------------------------------------------------------------

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/** The start: WAIT_CANCELLATION_COMPLETED, so a refresh being created is never abandoned. */
export const { startRefresh } = proxyActivities<Pick<RefreshActivities, 'startRefresh'>>({
  startToCloseTimeout: '2 minutes',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { ...retry, initialInterval: '2 seconds' },
});

export const { cancelRefresh, findRefresh } = proxyActivities<Pick<RefreshActivities, 'cancelRefresh' | 'findRefresh'>>({ startToCloseTimeout: '1 minute', retry });

/** One attempt per status poll (a local activity): the workflow retries a failed poll on a durable timer. */
export function getRefreshStatus(input: GetRefreshStatusInput, timeLeftMs?: number): Promise<GetRefreshStatusOutput> {
  return proxyLocalActivities<Pick<RefreshActivities, 'getRefreshStatus'>>({
    startToCloseTimeout: '1 minute',
    retry: { ...retry, maximumAttempts: 1 },
    ...(timeLeftMs !== undefined ? { scheduleToCloseTimeout: Math.max(1, Math.ceil(timeLeftMs)) } : {}),
  }).getRefreshStatus(input);
}

// --- input and cadence -------------------------------------------------------------------------

export type Interval = Readonly<Required<PollInterval>>;

function invalid(problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`Invalid semanticModelRefresh input: ${problem}`, FailureTypes.InvalidInput);
}

/**
 * Checks the input (the refresh options themselves are checked by the client before sending): ids
 * or names that can be read (they are resolved after); returns the poll interval.
 */
export function validateRefreshInput(input: SemanticModelRefreshInput | undefined): Interval {
  if (typeof input !== 'object' || input === null) throw invalid('the input must be an object');
  const model = typedItemRefProblem(input.semanticModelId, SEMANTIC_MODEL_ITEM_TYPE);
  if (model !== undefined) throw invalid(`semanticModelId ${JSON.stringify(input.semanticModelId)}: ${model}`);
  if (input.workspaceId === undefined) {
    if (!isItemPath(input.semanticModelId)) throw invalid('workspaceId is required (a workspace id or name), unless semanticModelId is a path "Workspace.Workspace/Name"');
  } else {
    const workspace = workspaceRefProblem(input.workspaceId);
    if (workspace !== undefined) throw invalid(`workspaceId ${JSON.stringify(input.workspaceId)}: ${workspace}`);
  }
  if (input.connection !== undefined && !isConnectionName(input.connection)) throw invalid(`connection must be a connection name, got ${JSON.stringify(input.connection)}`);
  if (input.timeoutMs !== undefined && !(Number.isFinite(input.timeoutMs) && input.timeoutMs > 0)) throw invalid(`timeoutMs must be a positive number, got ${JSON.stringify(input.timeoutMs)}`);
  if (input.options !== undefined && (typeof input.options !== 'object' || input.options === null || Array.isArray(input.options))) throw invalid('options must be an object');
  const interval = { ...DEFAULT_POLL_INTERVAL, ...input.pollInterval };
  for (const [field, value] of Object.entries(interval)) {
    if (!Number.isFinite(value) || value <= 0) throw invalid(`pollInterval.${field} must be a positive number of milliseconds, got ${value}`);
  }
  if (interval.minMs > interval.maxMs) throw invalid(`pollInterval.minMs (${interval.minMs}) is greater than pollInterval.maxMs (${interval.maxMs})`);
  return interval;
}

/** Power BI's Retry-After clamped to [minMs, maxMs]; `fallbackMs` (clamped) when it sent none. */
export function pollDelayMs(retryAfterMs: number | undefined, interval: Interval): number {
  const wanted = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : interval.fallbackMs;
  return Math.min(interval.maxMs, Math.max(interval.minMs, Math.ceil(wanted)));
}

// --- run state ---------------------------------------------------------------------------------

export class RefreshRun {
  private readonly state: SemanticModelRefreshState;
  refreshId: string | undefined;
  adopted = false;
  seen = false;
  /** Workflow time before which the last Retry-After forbids the next poll. */
  pollDueAtMs: number | undefined;

  constructor(
    readonly input: SemanticModelRefreshInput,
    readonly startedAtMs: number,
  ) {
    this.state = { phase: 'starting', polls: 0, startedAt: new Date(startedAtMs).toISOString() };
    setHandler(refreshStateQuery, () => ({ ...this.state }));
    const resume = input.resume;
    if (resume) {
      this.setRefresh(resume.refreshId, resume.adopted);
      this.seen = resume.seen;
      this.state.polls = resume.polls;
    }
  }

  get polls(): number {
    return this.state.polls;
  }
  get status(): RefreshStatus | undefined {
    return this.state.status;
  }
  get detail(): RefreshDetail | undefined {
    return this.state.detail;
  }
  get ended(): boolean {
    return isTerminal(this.state.status);
  }

  setRefresh(refreshId: string, adopted: boolean): void {
    Object.assign(this, { refreshId, adopted });
    Object.assign(this.state, { phase: 'polling', refreshId, adopted });
  }

  setPhase(phase: SemanticModelRefreshState['phase']): void {
    this.state.phase = phase;
    if (phase === 'done') delete this.state.nextPollAt;
  }

  waitingUntil(atMs: number): void {
    this.state.nextPollAt = new Date(atMs).toISOString();
  }

  record(out: GetRefreshStatusOutput): void {
    this.state.polls += 1;
    delete this.state.nextPollAt;
    if (!out.found) return;
    this.seen = true;
    if (out.status !== this.state.status) log.info(`Refresh ${this.refreshId} is ${out.status}`, { refreshId: this.refreshId, status: out.status });
    Object.assign(this.state, { status: out.status, detail: out.detail });
  }

  resumeState(nextPollDelayMs: number): SemanticModelRefreshResume {
    return { refreshId: this.refreshId!, adopted: this.adopted, polls: this.polls, startedAtMs: this.startedAtMs, nextPollDelayMs, seen: this.seen };
  }

  /** The result as of the last poll. */
  result(): SemanticModelRefreshResult {
    const detail = this.state.detail ?? {};
    const status = this.state.status ?? 'Unknown';
    const messages = detail.messages ?? [];
    const error = messages.find((m) => m.type === 'Error') ?? messages[0];
    let failureReason: SemanticModelRefreshResult['failureReason'] = null;
    if (status !== 'Completed' && isTerminal(status)) {
      failureReason = error
        ? { errorCode: error.code ?? status, message: error.message ?? `the refresh ended ${status}` }
        : { errorCode: status, message: `the refresh ended ${status}; Power BI sent no error message` };
    }
    return { refreshId: this.refreshId ?? '', status, startTime: detail.startTime ?? null, endTime: detail.endTime ?? null, failureReason, messages, polls: this.polls };
  }
}

// --- outcome -----------------------------------------------------------------------------------

/** The failure a finished refresh means for the run, or undefined when it Completed. */
export function refreshOutcomeFailure(result: SemanticModelRefreshResult): ApplicationFailure | undefined {
  const id = result.refreshId;
  const why = result.failureReason ? `${result.failureReason.errorCode}: ${result.failureReason.message}` : 'no reason given';
  switch (result.status) {
    case 'Completed':
      return undefined;
    case 'Cancelled':
      return ApplicationFailure.nonRetryable(`Refresh ${id} was cancelled outside this workflow`, RefreshFailureTypes.Cancelled, result);
    case 'Disabled':
      return ApplicationFailure.nonRetryable(`Refresh ${id} is Disabled (by a selective refresh)`, RefreshFailureTypes.Disabled, result);
    case 'TimedOut':
      return ApplicationFailure.nonRetryable(`Refresh ${id} timed out in Power BI (its own per-attempt timeout): ${why}`, RefreshFailureTypes.Failed, result);
    default:
      return ApplicationFailure.nonRetryable(`Refresh ${id} failed: ${why}`, RefreshFailureTypes.Failed, result);
  }
}

/** The failure of a run whose timeout passed (the refresh was cancelled, or none was started). */
export function refreshTimedOut(run: RefreshRun, timeoutMs: number, unconfirmed?: string): ApplicationFailure {
  const id = run.refreshId;
  let end: string;
  if (!id) end = '; no refresh was started';
  else if (unconfirmed !== undefined) end = `; it was cancelled, but Power BI has not confirmed its end (${unconfirmed})`;
  else end = `; it was cancelled and ended ${run.status ?? 'in an unknown state'}`;
  return ApplicationFailure.nonRetryable(`Refresh ${id ?? ''} did not finish within ${timeoutMs} ms${end}`.replace('Refresh  ', 'The refresh '), RefreshFailureTypes.TimedOut, ...(id ? [run.result()] : []));
}
