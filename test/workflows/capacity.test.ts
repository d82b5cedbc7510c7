/**
 * Capacity-aware runs over the emulator: run requests refused with HTTP 430 are sent again after a
 * wait and create exactly one job; runs in a pool never have more Fabric jobs in progress than the
 * pool's slots, start first in, first out, and all complete.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { POOL_GRANTED_SIGNAL, POOL_STATE_QUERY, poolWorkflowId, type FabricPoolState } from '../../src/contracts/pool.js';
import type { RunFabricJobState } from '../../src/shared.js';
import { stateQuery } from '../../src/workflows/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ pools: { trio: 3 } });
});
afterAll(async () => {
  await h?.close();
});

describe('waiting for capacity (HTTP 430)', () => {
  it('sends the run request again after each 430, creates exactly one job, and says it waited', async () => {
    const input = await h.job({ durationMs: 1_000, faults: [{ op: 'run', kind: '430', count: 2 }] }, { capacityWaitMs: 1_000, capacityWaitMaxMs: 2_000 });
    const handle = await h.start(input);
    const seen: RunFabricJobState[] = [];
    await expect
      .poll(
        async () => {
          const state = await handle.query(stateQuery).catch(() => undefined);
          if (state) seen.push(state);
          return state?.capacity?.refusals ?? 0;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(1);
    const result = await handle.result();
    expect(result.status).toBe('Completed');
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    const runs = (await h.admin.requests()).filter((r) => r.itemId === input.itemId && r.op === 'run');
    expect(runs.map((r) => r.statusCode)).toEqual([430, 430, 202]);
    const waiting = seen.find((s) => s.phase === 'waitingForCapacity');
    expect(waiting?.capacity).toMatchObject({ refusals: expect.any(Number), lastMessage: expect.stringContaining('TooManyRequestsForCapacity') });
    expect(waiting?.capacity?.nextTryAt).toBeDefined();
  });

  it('times out while waiting for capacity without ever creating a job', async () => {
    const input = await h.job({ faults: [{ op: 'run', kind: '430', count: -1 }] }, { capacityWaitMs: 1_000, timeoutMs: 3_000 });
    const handle = await h.start(input);
    await expect(handle.result()).rejects.toThrow();
    const err = (await handle.result().catch((e: unknown) => e)) as { cause?: { type?: string; message?: string } };
    expect(err.cause?.type).toBe('FabricJobTimedOut');
    expect(err.cause?.message).toContain('no job instance was created');
    expect(await h.admin.jobs(input.itemId)).toHaveLength(0);
  });
});

describe('pools', () => {
  it('10 runs in a pool of 3: never more than 3 Fabric jobs in progress, first in first out, all complete', async () => {
    const workspaceId = randomUUID();
    const handles: WorkflowHandle[] = [];
    const items: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const input = await h.job({ durationMs: 1_500 }, { workspaceId, pool: 'trio' });
      items.push(input.itemId);
      const handle = await h.start(input);
      // Each run is queued before the next starts, so the order of requests is the order of starts.
      await expect
        .poll(async () => {
          const pool = await h.env.client.workflow.getHandle(poolWorkflowId('trio')).query<FabricPoolState>(POOL_STATE_QUERY).catch(() => undefined);
          const known = [...(pool?.holders ?? []), ...(pool?.waiters ?? [])].some((r) => r.workflowId === handle.workflowId);
          return known || (await h.admin.jobs(input.itemId)).length > 0;
        }, { timeout: 60_000, interval: 100 })
        .toBe(true);
      handles.push(handle);
    }
    const results = await Promise.all(handles.map((handle) => handle.result()));
    expect(results.every((r) => (r as { status: string }).status === 'Completed')).toBe(true);

    const jobs = (await h.admin.jobs()).filter((job) => items.includes(job.itemId));
    expect(jobs).toHaveLength(10);
    // At most three jobs between creation and end at any instant.
    for (const job of jobs) {
      const overlapping = jobs.filter((other) => other.createdAtMs <= job.createdAtMs && (other.endedAtMs ?? Infinity) > job.createdAtMs);
      expect(overlapping.length).toBeLessThanOrEqual(3);
    }
    // First in, first out: the pool granted the slots in the order the runs asked, as its own history
    // records the grants (not the Fabric creation times: two runs granted together race to Fabric,
    // and under load either may create its job first).
    const poolHistory = await h.env.client.workflow.getHandle(poolWorkflowId('trio')).fetchHistory();
    const ours = new Set(handles.map((handle) => handle.workflowId));
    const granted = (poolHistory.events ?? [])
      .map((event) => event.signalExternalWorkflowExecutionInitiatedEventAttributes)
      .filter((signal) => signal?.signalName === POOL_GRANTED_SIGNAL && ours.has(signal.workflowExecution?.workflowId ?? ''))
      .map((signal) => signal!.workflowExecution!.workflowId);
    expect(granted).toEqual(handles.map((handle) => handle.workflowId));
    const created = [...jobs].sort((a, b) => a.createdAtMs - b.createdAtMs);
    expect(created.slice(0, 3).map((job) => job.itemId).sort()).toEqual(items.slice(0, 3).sort());
  });
});
