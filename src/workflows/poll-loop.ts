/** The main poll loop: durable timer for Retry-After, poll, repeat; continue-as-new when suggested. */
import { continueAsNew, log, workflowInfo } from '@temporalio/workflow';
import { isKnownStatus, isTerminalStatus } from '../shared.js';
import type { JobInstance, RunFabricJobInput, RunFabricJobResult } from '../shared.js';
import { failAfterPollFailure } from './cancel-fabric-job.js';
import { pollStatus, waitBeforePoll } from './job-context.js';
import type { JobContext } from './job-context.js';
import { nextPollDelayMs } from './poll-delay.js';

type RunFabricJob = (input: RunFabricJobInput) => Promise<RunFabricJobResult>;

/**
 * Waits `firstDelayMs`, then polls until Fabric reports a terminal status (returned) or the deadline
 * passes (`'deadline'`). Every wait is exactly the Retry-After of the last answer, clamped by the
 * poll interval; a wait is cut short only by the deadline, and then no poll follows it. A poll that
 * fails for good cancels the job before the failure ends the run.
 */
export async function pollUntilTerminal(ctx: JobContext, firstDelayMs: number, deadlineMs: number | undefined): Promise<JobInstance | 'deadline'> {
  const { tracker } = ctx;
  let delay = firstDelayMs;
  for (;;) {
    tracker.pollDueAtMs = Date.now() + delay;
    const left = deadlineMs === undefined ? Number.POSITIVE_INFINITY : deadlineMs - Date.now();
    if (left <= 0) return 'deadline';
    const wait = Math.min(delay, left);
    await waitBeforePoll(ctx, wait);
    if (wait < delay) return 'deadline';
    const out = await pollStatus(ctx).catch((err: unknown) => failAfterPollFailure(ctx, err));
    const jobInstanceId = tracker.job?.jobInstanceId;
    if (out.found && isTerminalStatus(out.instance.status)) return out.instance;
    if (out.found && !isKnownStatus(out.instance.status)) {
      log.warn(`Job instance ${jobInstanceId} reports an unknown status ${out.instance.status}; polling on`, { jobInstanceId, status: out.instance.status });
    }
    delay = nextPollDelayMs(out.retryAfterMs, ctx.interval);
    if (workflowInfo().continueAsNewSuggested) {
      log.info(`Continuing as new while polling job instance ${jobInstanceId}`, { jobInstanceId, polls: tracker.polls, historyLength: workflowInfo().historyLength });
      await continueAsNew<RunFabricJob>({ ...ctx.input, resume: tracker.resumeState(delay) });
    }
  }
}
