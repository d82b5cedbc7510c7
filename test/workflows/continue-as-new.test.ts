/** runFabricJob continues as new when Temporal suggests it, carrying the job, polls and timeout. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '../../src/workflows/index.js';
import { failureOf } from './failures.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { runsOf } from './history.js';

/** Temporal suggests continue-as-new from this many events (the default is 4,096). */
const SUGGEST_AT = 30;

let h: Harness;
beforeAll(async () => {
  // A server of its own: the low continue-as-new suggestion is server-wide dynamic config.
  h = await startHarness({ devServer: { dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': SUGGEST_AT } } });
});
afterAll(async () => {
  await h?.close();
});


describe('runFabricJob continue-as-new', () => {
  it('polls a long job across several runs and returns the job result once', async () => {
    // A job type without run details: its only regular activity is the start (a notebook's run would also read its details at the end).
    const input = await h.job({ durationMs: 12_000, retryAfterSeconds: 1 }, { jobType: 'TableMaintenance', pollInterval: { minMs: 100 } });
    const handle = await h.start(input);
    const result = await handle.result();
    expect(result.status).toBe('Completed');

    const runs = await runsOf(handle);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs.slice(0, -1)) {
      expect(run.events.at(-1)).toBe('WorkflowExecutionContinuedAsNew');
      // Each run stops soon after the suggestion: one poll cycle (6 events) plus the closing events.
      expect(run.events.length).toBeLessThanOrEqual(SUGGEST_AT + 8);
    }
    // Only the first run starts the job; later runs only poll.
    expect(runs.slice(1).every((r) => !r.events.includes('ActivityTaskScheduled'))).toBe(true);

    const [job, ...others] = await h.admin.jobs(input.itemId);
    expect(others).toHaveLength(0);
    expect(result.jobInstanceId).toBe(job!.id);
    expect(result.polls).toBe(job!.polls);
    expect((await h.admin.requests()).filter((r) => r.itemId === input.itemId && r.early)).toEqual([]);

    const state = await handle.query(stateQuery);
    const lastRunStart = (await h.env.client.workflow.getHandle(handle.workflowId, runs.at(-1)!.runId).describe()).startTime;
    expect(Date.parse(state.startedAt)).toBeLessThan(lastRunStart.getTime());
    expect(state).toMatchObject({ phase: 'done', polls: result.polls, jobInstanceId: job!.id });
  });

  it('counts the timeout from the first start across runs', async () => {
    const input = await h.job({ durationMs: 60_000, retryAfterSeconds: 1 }, { pollInterval: { minMs: 100 }, timeoutMs: 8_000 });
    const handle = await h.start(input);
    const failure = await failureOf(handle.result());
    expect(failure.type).toBe('FabricJobTimedOut');
    expect((await runsOf(handle)).length).toBeGreaterThanOrEqual(2);
    const [job] = await h.admin.jobs(input.itemId);
    expect(job!.status).toBe('Cancelled');
  });
});
