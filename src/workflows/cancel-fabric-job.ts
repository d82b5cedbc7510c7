/** Cancelling the Fabric job and waiting until Fabric confirms that it has ended. */
import { log } from '@temporalio/workflow';
import { isTerminalStatus } from '../shared.js';
import type { JobInstance } from '../shared.js';
import { cancelJob } from './job-activities.js';
import { pollStatus, waitBeforePoll } from './job-context.js';
import type { JobContext } from './job-context.js';
import { nextPollDelayMs } from './poll-delay.js';

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
 * the next poll shows how. Run it in a non-cancellable scope when the workflow is being cancelled.
 */
export async function cancelAndConfirm(ctx: JobContext, why: string): Promise<JobInstance> {
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
  for (;;) {
    await waitBeforePoll(ctx, delay);
    const out = await pollStatus(ctx);
    if (out.found && isTerminalStatus(out.instance.status)) {
      log.info(`Job instance ${jobInstanceId} ended ${out.instance.status} after the cancel request`, { jobInstanceId, status: out.instance.status });
      return out.instance;
    }
    delay = nextPollDelayMs(out.retryAfterMs, ctx.interval);
  }
}
