/** What the parts of `runFabricJob` share, and the one status poll they all use. */
import { sleep } from '@temporalio/workflow';
import type { RunFabricJobInput } from '../shared.js';
import type { GetJobStatusOutput } from '../activities/types.js';
import type { StatusPoll } from './job-activities.js';
import type { ResolvedPollInterval } from './poll-delay.js';
import type { JobRunState } from './run-state.js';

export interface JobContext {
  input: RunFabricJobInput;
  interval: ResolvedPollInterval;
  tracker: JobRunState;
  /** The status activity: local (default) or regular, as `input.pollActivity` says. */
  getStatus: StatusPoll;
}

/**
 * Polls the job once (it must be known) and records the answer. `timeLeftMs`, what is left before
 * the run's deadline, bounds the poll (see statusPoll).
 */
export async function pollStatus(ctx: JobContext, timeLeftMs?: number): Promise<GetJobStatusOutput> {
  const { tracker, input } = ctx;
  const job = tracker.job;
  if (!job) throw new Error('no job instance to poll');
  const request = { workspaceId: input.workspaceId, itemId: input.itemId, jobInstanceId: job.jobInstanceId, seen: tracker.seen };
  const out = await ctx.getStatus(request, timeLeftMs);
  tracker.recordPoll(out);
  return out;
}

/** A durable timer of `ms`, shown as `nextPollAt` in the state query while it runs. */
export async function waitBeforePoll(ctx: JobContext, ms: number): Promise<void> {
  ctx.tracker.waitingUntil(Date.now() + ms);
  await sleep(ms);
}
