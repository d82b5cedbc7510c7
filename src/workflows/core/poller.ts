/**
 * The one poller of every durable-operation kind: the poll loop on durable timers (continue-as-new
 * when suggested), retrying a failed poll, and cancelling the operation then waiting until Fabric
 * confirms its end. The kind plugs in through its {@link Operation} adapter. Sandbox-safe.
 */
import { CancellationScope, continueAsNew, isCancellation, log, sleep, workflowInfo } from '@temporalio/workflow';
import type { Operation, OperationRef, OperationRun, PollAnswer } from './operation.js';
import { nextPollDelayMs } from './poll-interval.js';
import { isFailedPoll, messageOf, pollRetryDelayMs, retryablePollFailure, type FailedPoll } from './poll-retry.js';

/** How a cancel-and-confirm ended: Fabric confirmed a terminal status, the kind cannot be cancelled, or a failing confirming poll. */
export type CancelEnd = 'ended' | 'notCancellable' | FailedPoll;

function timeLeftMs(deadlineMs: number | undefined): number {
  return deadlineMs === undefined ? Number.POSITIVE_INFINITY : deadlineMs - Date.now();
}

/** "Job instance 42", "Refresh 7". */
export function describeOperation(op: Pick<Operation<PollAnswer, unknown>, 'names'>, id: string | undefined): string {
  const noun = op.names.instance;
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${id ?? '(none)'}`;
}

/** Polls one run's operation: the loop, the retries of failed polls, the cancel and its confirmation. */
export class Poller<Answer extends PollAnswer, Result> {
  constructor(
    private readonly op: Operation<Answer, Result>,
    private readonly run: OperationRun<Answer>,
  ) {}

  /**
   * Waits `firstDelayMs`, then polls until Fabric reports a terminal status (that answer is
   * returned) or the deadline passes (`'deadline'`). Every wait is exactly the Retry-After of the
   * last answer, clamped by the poll interval; a poll that failed (5xx, 429, transport) is retried
   * after its Retry-After or a backoff. A wait is cut short only by the deadline, and then no poll
   * follows it; a poll in flight at the deadline is stopped by its scheduleToCloseTimeout. A poll
   * that fails for good cancels the operation before the failure ends the run.
   */
  async untilTerminal(firstDelayMs: number, deadlineMs: number | undefined): Promise<Answer | 'deadline'> {
    const { run, op } = this;
    let delay = firstDelayMs;
    let failuresInARow = 0;
    for (;;) {
      run.pollDueAtMs = Date.now() + delay;
      const left = timeLeftMs(deadlineMs);
      if (left <= 0) return 'deadline';
      const wait = Math.min(delay, left);
      await this.wait(wait);
      const leftNow = timeLeftMs(deadlineMs);
      if (wait < delay || leftNow <= 0) return 'deadline';
      const polled = await this.tryPoll(deadlineMs === undefined ? undefined : leftNow).catch((err: unknown) => this.failAfterPollFailure(err));
      const id = run.handle?.id;
      const what = describeOperation(op, id);
      if (isFailedPoll(polled)) {
        failuresInARow += 1;
        delay = pollRetryDelayMs(polled, failuresInARow, op.interval.minMs);
        log.info(`Status poll of ${op.names.instance} ${id} failed (${failuresInARow} in a row); retrying in ${delay} ms: ${polled.message}`, { operationId: id, failuresInARow });
      } else {
        failuresInARow = 0;
        const status = op.statusOf(polled);
        if (status !== undefined && op.isTerminal(status)) return polled;
        if (status !== undefined && op.isKnownStatus && !op.isKnownStatus(status)) {
          log.warn(`${what} reports an unknown status ${status}; polling on`, { operationId: id, status });
        }
        delay = nextPollDelayMs(polled.retryAfterMs, op.interval);
      }
      if (workflowInfo().continueAsNewSuggested) {
        log.info(`Continuing as new while polling ${op.names.instance} ${id}`, { operationId: id, polls: run.polls, historyLength: workflowInfo().historyLength });
        await continueAsNew<(input: unknown) => Promise<unknown>>(op.continueAsNewInput(delay));
      }
    }
  }

  /**
   * Asks Fabric to cancel the operation, then polls (honouring Retry-After) until Fabric reports a
   * terminal status (`'ended'`). An "already ended" answer counts as a successful cancel: the next
   * poll shows how it ended. A confirming poll that fails (5xx, 429, transport) is retried, after its
   * Retry-After or a backoff; with `stopOnPollFailure` (after the run's deadline), it ends the wait
   * instead and is returned: the cancel has been requested, only its confirmation is missing. A kind
   * without `cancel` is not waited for: `'notCancellable'` (the operation goes on in Fabric). Run it
   * in a non-cancellable scope when the workflow is being cancelled.
   */
  async cancelAndConfirm(why: string, options?: { stopOnPollFailure: true }): Promise<CancelEnd> {
    const { run, op } = this;
    const handle = run.handle;
    if (!handle) throw new Error(`no ${op.names.instance} to cancel`);
    const id = handle.id;
    const what = describeOperation(op, id);
    if (run.ended) return 'ended';
    if (!op.cancel) {
      log.warn(`${what} cannot be cancelled (${why}); it goes on in Fabric, this run stops waiting for it`, { operationId: id });
      return 'notCancellable';
    }
    run.setPhase('cancelling');
    log.info(`Cancelling ${op.names.instance} ${id}: ${why}`, { operationId: id });
    const cancelled = await op.cancel(this.ref());
    if (cancelled.alreadyEnded) log.info(`${what} had already ended when cancelled`, { operationId: id });
    let delay = this.firstDelayAfterCancel(cancelled.retryAfterMs);
    let failuresInARow = 0;
    for (;;) {
      await this.wait(delay);
      const polled = await this.tryPoll();
      if (isFailedPoll(polled)) {
        if (options?.stopOnPollFailure) return polled;
        failuresInARow += 1;
        delay = pollRetryDelayMs(polled, failuresInARow, op.interval.minMs);
        log.info(`Confirming poll of ${op.names.instance} ${id} failed (${failuresInARow} in a row); retrying in ${delay} ms: ${polled.message}`, { operationId: id });
        continue;
      }
      failuresInARow = 0;
      const status = op.statusOf(polled);
      if (status !== undefined && op.isTerminal(status)) {
        log.info(`${what} ended ${status} after the cancel request`, { operationId: id, status });
        return 'ended';
      }
      delay = nextPollDelayMs(polled.retryAfterMs, op.interval);
    }
  }

  /**
   * Fabric's Retry-After on the cancel answer, else (an "already ended" answer carries none)
   * whatever is left of the previous Retry-After, so that the confirming poll is never early either.
   */
  private firstDelayAfterCancel(retryAfterMs: number | undefined): number {
    const due = this.run.pollDueAtMs;
    if (retryAfterMs !== undefined || due === undefined) return nextPollDelayMs(retryAfterMs, this.op.interval);
    return Math.max(this.op.interval.minMs, due - Date.now());
  }

  /**
   * A status poll failed for good (401 after the token refresh, 403, 404 after the operation was
   * seen, ...): before the run fails with that failure, it asks Fabric to cancel the operation and
   * waits for the end, as on every other abort path, so that nothing is left running untracked (the
   * cancel needs other rights than the poll, and the failure may have been passing). A clean-up that
   * fails too is logged.
   */
  private async failAfterPollFailure(failure: unknown): Promise<never> {
    if (!isCancellation(failure)) {
      const why = messageOf(failure);
      try {
        await CancellationScope.nonCancellable(() => this.cancelAndConfirm(`the status poll failed: ${why}`));
      } catch (cleanup) {
        const id = this.run.handle?.id;
        log.warn(`Could not cancel ${this.op.names.instance} ${id} after the failed poll: ${messageOf(cleanup)}`, { operationId: id });
      }
      this.run.setPhase('done');
    }
    throw failure;
  }

  /** A durable timer of `ms`, shown as `nextPollAt` in the state query while it runs. */
  private async wait(ms: number): Promise<void> {
    this.run.waitingUntil(Date.now() + ms);
    await sleep(ms);
  }

  private ref(): OperationRef {
    const handle = this.run.handle;
    if (!handle) throw new Error(`no ${this.op.names.instance} to poll`);
    return { id: handle.id, seen: this.run.seen };
  }

  /**
   * One status poll (the operation must be known): Fabric's answer (recorded in the run state), or
   * the failure to retry. Anything else (see {@link retryablePollFailure}) is thrown. `timeLeft`,
   * what is left before the run's deadline, bounds the attempt.
   */
  private async tryPoll(timeLeft?: number): Promise<Answer | FailedPoll> {
    const ref = this.ref();
    try {
      const out = await this.op.poll(ref, timeLeft);
      this.run.recordPoll(out);
      return out;
    } catch (err) {
      const failed = retryablePollFailure(err);
      if (!failed) throw err;
      return failed;
    }
  }
}
