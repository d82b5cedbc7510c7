/**
 * Polling a started Fabric job, in `runFabricJob`: the wait between polls (Fabric's Retry-After,
 * clamped), the poll loop (continue-as-new when suggested), retrying a failed poll on durable
 * timers, and cancelling the job then waiting until Fabric confirms its end. Sandbox-safe.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActivityOptions, LocalActivityOptions, RetryPolicy } from '@temporalio/workflow';
import { DEFAULT_POLL_INTERVAL, isKnownStatus, isTerminalStatus } from '../../shared.js';
import type { JobInstance, PollInterval, RunFabricJobInput, RunFabricJobResult } from '../../shared.js';
import type { FabricFailureDetails } from '../../activities/failures.js';
import type { FabricActivities, GetJobStatusInput, GetJobStatusOutput } from '../../activities/types.js';
import type { JobRunState } from './run-state.js';
import { connectionOf } from '../../contracts/connection.js';


// ---------------------------------------------------------------------------------------------
// The wait between polls

export type ResolvedPollInterval = Readonly<Required<PollInterval>>;

/** Fills in the defaults (the bounds were checked with the input, src/workflows/validate-input.ts). */
export function resolvePollInterval(interval: PollInterval = {}): ResolvedPollInterval {
  return {
    minMs: interval.minMs ?? DEFAULT_POLL_INTERVAL.minMs,
    maxMs: interval.maxMs ?? DEFAULT_POLL_INTERVAL.maxMs,
    fallbackMs: interval.fallbackMs ?? DEFAULT_POLL_INTERVAL.fallbackMs,
  };
}

/**
 * The wait before the next poll: exactly Fabric's Retry-After, clamped to [minMs, maxMs];
 * `fallbackMs` (also clamped) when Fabric sent none.
 */
export function nextPollDelayMs(retryAfterMs: number | undefined, interval: ResolvedPollInterval): number {
  const wanted = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : interval.fallbackMs;
  return Math.min(interval.maxMs, Math.max(interval.minMs, Math.ceil(wanted)));
}

// ---------------------------------------------------------------------------------------------
// Failed polls

/** Backoff between retries of a failing poll that brought no Retry-After: 1 s, ×2, at most 1 minute. */
export const POLL_RETRY_BACKOFF = { initialMs: 1_000, coefficient: 2, maximumMs: 60_000 } as const;

/** A status poll that failed in a way worth another attempt (5xx, 429, transport, timeout). */
export interface FailedPoll {
  failed: true;
  /** What went wrong (the activity's failure message), for logs and the timeout's message. */
  message: string;
  /** Fabric's Retry-After on the failed answer (a 429's, or a 5xx that sent one). */
  retryAfterMs: number | undefined;
}

function retryAfterOf(failure: ApplicationFailure): number | undefined {
  const details = failure.details?.[0] as FabricFailureDetails | undefined;
  const ms = details?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * The failed poll to retry, or undefined when `err` must end the poll loop: a cancellation, a
 * non-retryable failure (401 after the token refresh, 403, 404 after the job was seen, ...), or an
 * error that did not come from the activity. A regular activity's failure arrives wrapped in an
 * ActivityFailure; a local activity's as the ApplicationFailure (or TimeoutFailure) itself.
 */
export function retryablePollFailure(err: unknown): FailedPoll | undefined {
  if (isCancellation(err)) return undefined;
  const failure = err instanceof ActivityFailure ? err.cause : err;
  if (failure instanceof ApplicationFailure) {
    if (failure.nonRetryable) return undefined;
    return { failed: true, message: failure.message, retryAfterMs: retryAfterOf(failure) };
  }
  // A timeout (start-to-close; schedule-to-close at the deadline), or a failure of the worker itself.
  if (failure instanceof TimeoutFailure) return { failed: true, message: failure.message, retryAfterMs: undefined };
  if (err instanceof ActivityFailure) return { failed: true, message: err.cause?.message || err.message, retryAfterMs: undefined };
  return undefined;
}

/**
 * The wait before retrying a failed poll: Fabric's Retry-After when it sent one (never earlier than
 * Fabric asks), else the backoff for the `failuresInARow`-th failure in a row; at least `minMs`.
 */
export function pollRetryDelayMs(failure: FailedPoll, failuresInARow: number, minMs: number): number {
  const { initialMs, coefficient, maximumMs } = POLL_RETRY_BACKOFF;
  const backoff = Math.min(maximumMs, initialMs * coefficient ** Math.max(0, failuresInARow - 1));
  return Math.max(minMs, Math.ceil(failure.retryAfterMs ?? backoff));
}

export function isFailedPoll<T extends object>(value: T | FailedPoll): value is FailedPoll {
  return 'failed' in value && value.failed === true;
}

function messageOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------
// The activities of polling and cancelling

/** No attempt cap: outages and throttling are waited out; a 429's Retry-After replaces the backoff. */
const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

const { cancelJob } = proxyActivities<Pick<FabricActivities, 'cancelJob'>>({ startToCloseTimeout: '1 minute', retry });

type StatusActivity = Pick<FabricActivities, 'getJobStatus'>;

/**
 * One attempt per status poll, of either kind: the workflow retries a failed poll itself, on a
 * durable timer, and checks the run's deadline before each attempt. Retries inside the activity
 * could not be bounded by the deadline: Core drops a local activity's scheduleToCloseTimeout that
 * expires while it backs off between two attempts, and the retries go on; and the clean-up after a
 * timeout must see a failing poll instead of waiting out an outage.
 */
const statusOptions = { startToCloseTimeout: '1 minute', retry: { ...retry, maximumAttempts: 1 } } satisfies ActivityOptions & LocalActivityOptions;

/** One status poll; `timeLeftMs` is what is left before the run's deadline, if it has one. */
export type StatusPoll = (input: GetJobStatusInput, timeLeftMs?: number) => Promise<GetJobStatusOutput>;

/**
 * The status poll as a local activity (`'local'`: one marker event instead of three activity
 * events) or a regular one (`'regular'`). `timeLeftMs` becomes the scheduleToCloseTimeout, so that
 * an attempt in flight at the deadline is stopped; it adds no event.
 */
export function statusPoll(kind: 'local' | 'regular'): StatusPoll {
  return (input, timeLeftMs) => {
    const options = timeLeftMs === undefined ? statusOptions : { ...statusOptions, scheduleToCloseTimeout: Math.max(1, Math.ceil(timeLeftMs)) };
    if (kind === 'regular') return proxyActivities<StatusActivity>(options).getJobStatus(input);
    return proxyLocalActivities<StatusActivity>(options).getJobStatus(input);
  };
}

type RunFabricJob = (input: RunFabricJobInput) => Promise<RunFabricJobResult>;

function timeLeftMs(deadlineMs: number | undefined): number {
  return deadlineMs === undefined ? Number.POSITIVE_INFINITY : deadlineMs - Date.now();
}

// ---------------------------------------------------------------------------------------------
// The poller

/** Polls one run's job: the loop, the retries of failed polls, the cancel and its confirmation. */
export class JobPoller {
  private readonly getStatus: StatusPoll;

  constructor(
    private readonly input: RunFabricJobInput,
    readonly interval: ResolvedPollInterval,
    private readonly tracker: JobRunState,
  ) {
    this.getStatus = statusPoll(input.pollActivity === 'regular' ? 'regular' : 'local');
  }

  /**
   * Waits `firstDelayMs`, then polls until Fabric reports a terminal status (returned) or the deadline
   * passes (`'deadline'`). Every wait is exactly the Retry-After of the last answer, clamped by the
   * poll interval; a poll that failed (5xx, 429, transport) is retried after its Retry-After or a
   * backoff. A wait is cut short only by the deadline, and then no poll follows it; a poll in flight
   * at the deadline is stopped by its scheduleToCloseTimeout. A poll that fails for good cancels the
   * job before the failure ends the run.
   */
  async untilTerminal(firstDelayMs: number, deadlineMs: number | undefined): Promise<JobInstance | 'deadline'> {
    const { tracker } = this;
    let delay = firstDelayMs;
    let failuresInARow = 0;
    for (;;) {
      tracker.pollDueAtMs = Date.now() + delay;
      const left = timeLeftMs(deadlineMs);
      if (left <= 0) return 'deadline';
      const wait = Math.min(delay, left);
      await this.wait(wait);
      const leftNow = timeLeftMs(deadlineMs);
      if (wait < delay || leftNow <= 0) return 'deadline';
      const polled = await this.tryPoll(deadlineMs === undefined ? undefined : leftNow).catch((err: unknown) => this.failAfterPollFailure(err));
      const jobInstanceId = tracker.job?.jobInstanceId;
      if (isFailedPoll(polled)) {
        failuresInARow += 1;
        delay = pollRetryDelayMs(polled, failuresInARow, this.interval.minMs);
        log.info(`Status poll of job instance ${jobInstanceId} failed (${failuresInARow} in a row); retrying in ${delay} ms: ${polled.message}`, {
          jobInstanceId,
          failuresInARow,
        });
      } else {
        failuresInARow = 0;
        if (polled.found && isTerminalStatus(polled.instance.status)) return polled.instance;
        if (polled.found && !isKnownStatus(polled.instance.status)) {
          log.warn(`Job instance ${jobInstanceId} reports an unknown status ${polled.instance.status}; polling on`, { jobInstanceId, status: polled.instance.status });
        }
        delay = nextPollDelayMs(polled.retryAfterMs, this.interval);
      }
      if (workflowInfo().continueAsNewSuggested) {
        log.info(`Continuing as new while polling job instance ${jobInstanceId}`, { jobInstanceId, polls: tracker.polls, historyLength: workflowInfo().historyLength });
        await continueAsNew<RunFabricJob>({ ...this.input, resume: tracker.resumeState(delay) });
      }
    }
  }

  /**
   * Asks Fabric to cancel the job, then polls (honouring Retry-After) until Fabric reports a terminal
   * status, which it returns. JobAlreadyCompleted counts as a successful cancel: the job had ended and
   * the next poll shows how. A confirming poll that fails (5xx, 429, transport) is retried, after its
   * Retry-After or a backoff; with `stopOnPollFailure` (after the run's deadline), it ends the wait
   * instead and is returned: the cancel has been requested, only its confirmation is missing. Run it
   * in a non-cancellable scope when the workflow is being cancelled.
   */
  cancelAndConfirm(why: string): Promise<JobInstance>;
  cancelAndConfirm(why: string, options: { stopOnPollFailure: true }): Promise<JobInstance | FailedPoll>;
  async cancelAndConfirm(why: string, options?: { stopOnPollFailure: true }): Promise<JobInstance | FailedPoll> {
    const { tracker, input } = this;
    const job = tracker.job;
    if (!job) throw new Error('no job instance to cancel');
    const jobInstanceId = job.jobInstanceId;
    if (tracker.ended && tracker.instance) return tracker.instance;
    tracker.setPhase('cancelling');
    log.info(`Cancelling Fabric job instance ${jobInstanceId}: ${why}`, { jobInstanceId });
    const cancelled = await cancelJob({ workspaceId: input.workspaceId, itemId: input.itemId, jobInstanceId, seen: tracker.seen, ...connectionOf(input) });
    if (cancelled.alreadyCompleted) {
      log.info(`Job instance ${jobInstanceId} had already ended when cancelled`, { jobInstanceId });
    }
    let delay = this.firstDelayAfterCancel(cancelled.retryAfterMs);
    let failuresInARow = 0;
    for (;;) {
      await this.wait(delay);
      const polled = await this.tryPoll();
      if (isFailedPoll(polled)) {
        if (options?.stopOnPollFailure) return polled;
        failuresInARow += 1;
        delay = pollRetryDelayMs(polled, failuresInARow, this.interval.minMs);
        log.info(`Confirming poll of job instance ${jobInstanceId} failed (${failuresInARow} in a row); retrying in ${delay} ms: ${polled.message}`, { jobInstanceId });
        continue;
      }
      failuresInARow = 0;
      if (polled.found && isTerminalStatus(polled.instance.status)) {
        log.info(`Job instance ${jobInstanceId} ended ${polled.instance.status} after the cancel request`, { jobInstanceId, status: polled.instance.status });
        return polled.instance;
      }
      delay = nextPollDelayMs(polled.retryAfterMs, this.interval);
    }
  }

  /**
   * Fabric's Retry-After on the cancel answer, else (JobAlreadyCompleted carries none) whatever is
   * left of the previous Retry-After, so that the confirming poll is never early either.
   */
  private firstDelayAfterCancel(retryAfterMs: number | undefined): number {
    const due = this.tracker.pollDueAtMs;
    if (retryAfterMs !== undefined || due === undefined) return nextPollDelayMs(retryAfterMs, this.interval);
    return Math.max(this.interval.minMs, due - Date.now());
  }

  /**
   * A status poll failed for good (401 after the token refresh, 403, 404 after the job was seen, ...):
   * before the run fails with that failure, it asks Fabric to cancel the job and waits for the end, as
   * on every other abort path, so that no job is left running untracked (the cancel needs other rights
   * than the poll, and the failure may have been passing). A clean-up that fails too is logged.
   */
  private async failAfterPollFailure(failure: unknown): Promise<never> {
    if (!isCancellation(failure)) {
      const why = messageOf(failure);
      try {
        await CancellationScope.nonCancellable(() => this.cancelAndConfirm(`the status poll failed: ${why}`));
      } catch (cleanup) {
        const jobInstanceId = this.tracker.job?.jobInstanceId;
        log.warn(`Could not cancel job instance ${jobInstanceId} after the failed poll: ${messageOf(cleanup)}`, { jobInstanceId });
      }
      this.tracker.setPhase('done');
    }
    throw failure;
  }

  /** A durable timer of `ms`, shown as `nextPollAt` in the state query while it runs. */
  private async wait(ms: number): Promise<void> {
    this.tracker.waitingUntil(Date.now() + ms);
    await sleep(ms);
  }

  /**
   * One status poll (the job must be known): Fabric's answer (recorded in the run state), or the
   * failure to retry. Anything else (see {@link retryablePollFailure}) is thrown. `timeLeftMs`, what is
   * left before the run's deadline, bounds the attempt.
   */
  private async tryPoll(timeLeft?: number): Promise<GetJobStatusOutput | FailedPoll> {
    const { tracker, input } = this;
    const job = tracker.job;
    if (!job) throw new Error('no job instance to poll');
    try {
      const out = await this.getStatus({ workspaceId: input.workspaceId, itemId: input.itemId, jobInstanceId: job.jobInstanceId, seen: tracker.seen, ...connectionOf(input) }, timeLeft);
      tracker.recordPoll(out);
      return out;
    } catch (err) {
      const failed = retryablePollFailure(err);
      if (!failed) throw err;
      return failed;
    }
  }
}
