/** Cancelling the Fabric job and waiting until Fabric confirms that it has ended. */
import { ActivityFailure, CancellationScope, isCancellation, log } from '@temporalio/workflow';
import { isTerminalStatus } from '../shared.js';
import type { JobInstance } from '../shared.js';
import { cancelJob } from './job-activities.js';
import { waitBeforePoll } from './job-context.js';
import type { JobContext } from './job-context.js';
import { nextPollDelayMs } from './poll-delay.js';
import { isFailedPoll, pollRetryDelayMs, tryPoll } from './poll-retry.js';
import type { FailedPoll } from './poll-retry.js';

/**
 * Fabric's Retry-After on the cancel answer, else (JobAlreadyCompleted carries none) whatever is
 * left of the previous Retry-After, so that the confirming poll is never early either.
 */
function firstDelayAfterCancel(ctx: JobContext, retryAfterMs: number | undefined): number {
  const due = ctx.tracker.pollDueAtMs;
  if (retryAfterMs !== undefined || due === undefined) return nextPollDelayMs(retryAfterMs, ctx.interval);
  return Math.max(ctx.interval.minMs, due - Date.now());
}

/**
 * Asks Fabric to cancel the job, then polls (honouring Retry-After) until Fabric reports a terminal
 * status, which it returns. JobAlreadyCompleted counts as a successful cancel: the job had ended and
 * the next poll shows how. A confirming poll that fails (5xx, 429, transport) is retried, after its
 * Retry-After or a backoff; with `stopOnPollFailure` (after the run's deadline), it ends the wait
 * instead and is returned: the cancel has been requested, only its confirmation is missing. Run it
 * in a non-cancellable scope when the workflow is being cancelled.
 */
export function cancelAndConfirm(ctx: JobContext, why: string): Promise<JobInstance>;
export function cancelAndConfirm(ctx: JobContext, why: string, options: { stopOnPollFailure: true }): Promise<JobInstance | FailedPoll>;
export async function cancelAndConfirm(ctx: JobContext, why: string, options?: { stopOnPollFailure: true }): Promise<JobInstance | FailedPoll> {
  const { tracker, input } = ctx;
  const job = tracker.job;
  if (!job) throw new Error('no job instance to cancel');
  const jobInstanceId = job.jobInstanceId;
  if (tracker.ended && tracker.instance) return tracker.instance;
  tracker.setPhase('cancelling');
  log.info(`Cancelling Fabric job instance ${jobInstanceId}: ${why}`, { jobInstanceId });
  const cancelled = await cancelJob({ workspaceId: input.workspaceId, itemId: input.itemId, jobInstanceId, seen: tracker.seen });
  if (cancelled.alreadyCompleted) {
    log.info(`Job instance ${jobInstanceId} had already ended when cancelled`, { jobInstanceId });
  }
  let delay = firstDelayAfterCancel(ctx, cancelled.retryAfterMs);
  let failuresInARow = 0;
  for (;;) {
    await waitBeforePoll(ctx, delay);
    const polled = await tryPoll(ctx);
    if (isFailedPoll(polled)) {
      if (options?.stopOnPollFailure) return polled;
      failuresInARow += 1;
      delay = pollRetryDelayMs(polled, failuresInARow, ctx.interval.minMs);
      log.info(`Confirming poll of job instance ${jobInstanceId} failed (${failuresInARow} in a row); retrying in ${delay} ms: ${polled.message}`, { jobInstanceId });
      continue;
    }
    failuresInARow = 0;
    if (polled.found && isTerminalStatus(polled.instance.status)) {
      log.info(`Job instance ${jobInstanceId} ended ${polled.instance.status} after the cancel request`, { jobInstanceId, status: polled.instance.status });
      return polled.instance;
    }
    delay = nextPollDelayMs(polled.retryAfterMs, ctx.interval);
  }
}

function messageOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * A status poll failed for good (401 after the token refresh, 403, 404 after the job was seen, ...):
 * before the run fails with that failure, it asks Fabric to cancel the job and waits for the end, as
 * on every other abort path, so that no job is left running untracked (the cancel needs other rights
 * than the poll, and the failure may have been passing). A clean-up that fails too is logged.
 */
export async function failAfterPollFailure(ctx: JobContext, failure: unknown): Promise<never> {
  if (!isCancellation(failure)) {
    const why = messageOf(failure);
    try {
      await CancellationScope.nonCancellable(() => cancelAndConfirm(ctx, `the status poll failed: ${why}`));
    } catch (cleanup) {
      const jobInstanceId = ctx.tracker.job?.jobInstanceId;
      log.warn(`Could not cancel job instance ${jobInstanceId} after the failed poll: ${messageOf(cleanup)}`, { jobInstanceId });
    }
    ctx.tracker.setPhase('done');
  }
  throw failure;
}
