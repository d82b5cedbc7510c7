/** What the parts of `runFabricJob` share, and the one status poll they all use. */
import { sleep } from '@temporalio/workflow';
import type { RunFabricJobInput } from '../shared.js';
import type { GetJobStatusInput, GetJobStatusOutput } from '../activities/types.js';
import type { ResolvedPollInterval } from './poll-delay.js';
import type { JobRunState } from './run-state.js';

export interface JobContext {
  input: RunFabricJobInput;
  interval: ResolvedPollInterval;
  tracker: JobRunState;
  /** The status activity: local (default) or regular, as `input.pollActivity` says. */
  getStatus: (input: GetJobStatusInput) => Promise<GetJobStatusOutput>;
}

/** Polls the job once (it must be known) and records the answer. */
export async function pollStatus(ctx: JobContext): Promise<GetJobStatusOutput> {
  const { tracker, input } = ctx;
  const job = tracker.job;
  if (!job) throw new Error('no job instance to poll');
  const out = await ctx.getStatus({
    workspaceId: input.workspaceId,
    itemId: input.itemId,
    jobInstanceId: job.jobInstanceId,
    seen: tracker.seen,
  });
  tracker.recordPoll(out);
  return out;
}

/** A durable timer of `ms`, shown as `nextPollAt` in the state query while it runs. */
export async function waitBeforePoll(ctx: JobContext, ms: number): Promise<void> {
  ctx.tracker.waitingUntil(Date.now() + ms);
  await sleep(ms);
}
