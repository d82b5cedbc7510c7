/** The main poll loop: durable timer for Retry-After, poll, repeat; continue-as-new when suggested. */
import { continueAsNew, log, workflowInfo } from '@temporalio/workflow';
import { isKnownStatus, isTerminalStatus } from '../shared.js';
import type { JobInstance, RunFabricJobInput, RunFabricJobResult } from '../shared.js';
import { failAfterPollFailure } from './cancel-fabric-job.js';
import { waitBeforePoll } from './job-context.js';
import type { JobContext } from './job-context.js';
import { nextPollDelayMs } from './poll-delay.js';
import { isFailedPoll, pollRetryDelayMs, tryPoll } from './poll-retry.js';

type RunFabricJob = (input: RunFabricJobInput) => Promise<RunFabricJobResult>;

function timeLeftMs(deadlineMs: number | undefined): number {
  return deadlineMs === undefined ? Number.POSITIVE_INFINITY : deadlineMs - Date.now();
}

/**
 * Waits `firstDelayMs`, then polls until Fabric reports a terminal status (returned) or the deadline
 * passes (`'deadline'`). Every wait is exactly the Retry-After of the last answer, clamped by the
 * poll interval; a poll that failed (5xx, 429, transport) is retried after its Retry-After or a
 * backoff. A wait is cut short only by the deadline, and then no poll follows it; a poll in flight
 * at the deadline is stopped by its scheduleToCloseTimeout. A poll that fails for good cancels the
 * job before the failure ends the run.
 */
export async function pollUntilTerminal(ctx: JobContext, firstDelayMs: number, deadlineMs: number | undefined): Promise<JobInstance | 'deadline'> {
  const { tracker } = ctx;
  let delay = firstDelayMs;
  let failuresInARow = 0;
  for (;;) {
    tracker.pollDueAtMs = Date.now() + delay;
    const left = timeLeftMs(deadlineMs);
    if (left <= 0) return 'deadline';
    const wait = Math.min(delay, left);
    await waitBeforePoll(ctx, wait);
    const leftNow = timeLeftMs(deadlineMs);
    if (wait < delay || leftNow <= 0) return 'deadline';
    const polled = await tryPoll(ctx, deadlineMs === undefined ? undefined : leftNow).catch((err: unknown) => failAfterPollFailure(ctx, err));
    const jobInstanceId = tracker.job?.jobInstanceId;
    if (isFailedPoll(polled)) {
      failuresInARow += 1;
      delay = pollRetryDelayMs(polled, failuresInARow, ctx.interval.minMs);
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
      delay = nextPollDelayMs(polled.retryAfterMs, ctx.interval);
    }
    if (workflowInfo().continueAsNewSuggested) {
      log.info(`Continuing as new while polling job instance ${jobInstanceId}`, { jobInstanceId, polls: tracker.polls, historyLength: workflowInfo().historyLength });
      await continueAsNew<RunFabricJob>({ ...ctx.input, resume: tracker.resumeState(delay) });
    }
  }
}
