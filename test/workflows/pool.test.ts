/**
 * fabricPool with a real dev server and worker: FIFO grants, never more holders than slots, release
 * on finish and on cancellation, slots of terminated holders freed by the liveness check, an unknown
 * pool refused.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createPoolActivities } from '../../src/activities/pools.js';
import { POOL_STATE_QUERY, poolWorkflowId, type FabricPoolState } from '../../src/contracts/pool.js';
import { quietRuntime, sharedTemporal } from '../helpers/temporal.js';
import type { HeldSlot } from './fixtures/pool-holders.js';

const workflowsPath = fileURLToPath(new URL('./fixtures/pool-holders.ts', import.meta.url));
const slots: Record<string, number> = { three: 3, one: 1, reap: 1 };

let env: TestWorkflowEnvironment;
let taskQueue: string;
let stop: () => void;
let running: Promise<void>;

beforeAll(async () => {
  quietRuntime();
  env = await sharedTemporal();
  taskQueue = `pools-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: createPoolActivities(() => slots, { holderCheckMs: 1_000 }),
  });
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  running = worker.runUntil(stopped);
});
afterAll(async () => {
  stop?.();
  await running;
  await env?.teardown();
});

function startHolder(pool: string): Promise<WorkflowHandle> {
  return env.client.workflow.start('poolHolder', { taskQueue, workflowId: `holder-${randomUUID()}`, args: [pool] });
}

async function poolState(pool: string): Promise<FabricPoolState | undefined> {
  return env.client.workflow.getHandle(poolWorkflowId(pool)).query<FabricPoolState>(POOL_STATE_QUERY).catch(() => undefined);
}

/** Waits until the pool knows the run (holding or waiting). */
async function untilKnown(pool: string, workflowId: string): Promise<void> {
  await expect
    .poll(async () => {
      const state = await poolState(pool);
      return [...(state?.holders ?? []), ...(state?.waiters ?? [])].some((r) => r.workflowId === workflowId);
    }, { timeout: 30_000, interval: 100 })
    .toBe(true);
}

describe('fabricPool', () => {
  it('grants at most its slots at once, first in first out, and serves every waiter', async () => {
    const holders: WorkflowHandle[] = [];
    for (let i = 0; i < 10; i += 1) {
      const holder = await startHolder('three');
      await untilKnown('three', holder.workflowId);
      holders.push(holder);
    }
    const state = (await poolState('three'))!;
    expect(state.slots).toBe(3);
    expect(state.holders.map((h) => h.workflowId)).toEqual(holders.slice(0, 3).map((h) => h.workflowId));
    expect(state.waiters.map((w) => w.workflowId)).toEqual(holders.slice(3).map((h) => h.workflowId));
    await expect.poll(async () => (await poolState('three'))?.holders.every((h) => h.jobInstanceId !== undefined), { timeout: 15_000 }).toBe(true);

    // Finish holders one at a time, in order, each once it holds a slot.
    const results: HeldSlot[] = [];
    for (const holder of holders) {
      await expect.poll(async () => (await poolState('three'))?.holders.some((h) => h.workflowId === holder.workflowId), { timeout: 30_000, interval: 100 }).toBe(true);
      await holder.signal('finish');
      results.push((await holder.result()) as HeldSlot);
    }
    // Grants came in the order of the requests, and never more than three overlapped.
    const grants = results.map((r) => r.grantedAtMs);
    expect([...grants].sort((a, b) => a - b)).toEqual(grants);
    for (const r of results) {
      const overlapping = results.filter((o) => o.grantedAtMs <= r.grantedAtMs && o.releasedAtMs > r.grantedAtMs);
      expect(overlapping.length).toBeLessThanOrEqual(3);
    }
    await expect.poll(async () => (await poolState('three'))?.holders.length ?? 0, { timeout: 15_000 }).toBe(0);
    expect((await poolState('three'))?.served).toBe(10);
  });

  it('gives the slot back when a holder is cancelled, and withdraws a cancelled waiter', async () => {
    const holder = await startHolder('one');
    await untilKnown('one', holder.workflowId);
    const waiter = await startHolder('one');
    await untilKnown('one', waiter.workflowId);
    const next = await startHolder('one');
    await untilKnown('one', next.workflowId);

    await waiter.cancel();
    await expect(waiter.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect((await poolState('one'))?.waiters.map((w) => w.workflowId)).toEqual([next.workflowId]);

    await holder.cancel();
    await expect(holder.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    await expect.poll(async () => (await poolState('one'))?.holders.map((h) => h.workflowId), { timeout: 30_000, interval: 100 }).toEqual([next.workflowId]);
    await next.signal('finish');
    await next.result();
  });

  it('frees the slot of a holder that was terminated (it cannot release it itself)', async () => {
    const holder = await startHolder('reap');
    await untilKnown('reap', holder.workflowId);
    const waiter = await startHolder('reap');
    await untilKnown('reap', waiter.workflowId);
    await holder.terminate('test: a holder killed without clean-up');
    await expect.poll(async () => (await poolState('reap'))?.holders.map((h) => h.workflowId), { timeout: 30_000, interval: 200 }).toEqual([waiter.workflowId]);
    await waiter.signal('finish');
    await waiter.result();
  });

  it('refuses an unknown pool, naming the configured ones', async () => {
    const holder = await startHolder('nope');
    const err = await holder.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as { cause?: { type?: string; message?: string } };
    expect(cause.cause?.type).toBe('FabricUnknownPool');
    expect(cause.cause?.message).toMatch(/unknown pool "nope": configured pools: three, one, reap/);
  });
});
