/**
 * The naive baseline's activity: POST the job, then sleep Retry-After, GET, heartbeat, until the job
 * ends. It honours Retry-After (so its call count is as low as it can be); what it costs is the
 * activity slot and the heartbeats it holds for the whole job, and no durability of its own state.
 */
import { Context } from '@temporalio/activity';
import type { FabricClient } from '../../src/fabric/index.js';
import { isTerminalStatus } from '../../src/shared.js';
import type { NaiveActivities, NaiveJobInput, NaiveJobResult } from './types.js';

/** Heartbeat at least this often while sleeping (well inside the 30 s heartbeat timeout). */
const HEARTBEAT_EVERY_MS = 10_000;
const FALLBACK_WAIT_MS = 10_000;

async function sleepWithHeartbeats(ms: number, polls: number): Promise<void> {
  const ctx = Context.current();
  let left = ms;
  while (left > 0) {
    const step = Math.min(left, HEARTBEAT_EVERY_MS);
    await ctx.sleep(step);
    ctx.heartbeat({ polls });
    left -= step;
  }
}

export function createNaiveActivities(fabric: Pick<FabricClient, 'runOnDemandItemJob' | 'getItemJobInstance'>): NaiveActivities {
  return {
    async runJobAndPoll(input: NaiveJobInput): Promise<NaiveJobResult> {
      const { workspaceId, itemId, jobType } = input;
      const started = await fabric.runOnDemandItemJob({ workspaceId, itemId, jobType }, input.executionData ? { executionData: input.executionData } : {});
      const ids = { workspaceId, itemId, jobInstanceId: started.jobInstanceId };
      let wait = started.retryAfterMs ?? FALLBACK_WAIT_MS;
      for (let polls = 1; ; polls++) {
        await sleepWithHeartbeats(wait, polls - 1);
        const { instance, retryAfterMs } = await fabric.getItemJobInstance(ids);
        Context.current().heartbeat({ polls });
        if (isTerminalStatus(instance.status)) return { jobInstanceId: instance.id, status: instance.status, polls };
        wait = retryAfterMs ?? FALLBACK_WAIT_MS;
      }
    },
  };
}
