/**
 * Pools with real processes: runs started by the CLI wait in a pool of one slot; the worker process
 * is SIGKILLed while they wait and another one takes over. No waiter is lost, no slot leaks, the
 * jobs never overlap, and `pools describe` shows holders and waiters in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL_STATE_QUERY, poolWorkflowId, type FabricPoolState } from '../../src/contracts/pool.js';
import { startCliHarness, type CliHarness } from './harness.js';
import { jsonOf, runCli, spawnWorker, type Spawned } from './process.js';

const POOLS = { FABRIC_POOLS: 'solo=1' };
let h: CliHarness;
let worker: Spawned | undefined;

beforeAll(async () => {
  h = await startCliHarness({ worker: false });
});
afterAll(async () => {
  worker?.child.kill('SIGKILL');
  await worker?.done;
  await h?.close();
});

async function poolState(): Promise<FabricPoolState | undefined> {
  return h.env.client.workflow.getHandle(poolWorkflowId('solo')).query<FabricPoolState>(POOL_STATE_QUERY).catch(() => undefined);
}

/** Starts a worker process and waits until it says it is ready. */
async function startWorker(): Promise<Spawned> {
  const spawned = spawnWorker(h.workerEnv(POOLS), 600_000);
  await expect.poll(() => spawned.output().stdout, { timeout: 180_000, interval: 250 }).toContain('ready');
  return spawned;
}

describe('pools across a worker crash', () => {
  it('a SIGKILLed worker loses no waiter and leaks no slot; the next worker serves them in order', { timeout: 600_000 }, async () => {
    worker = await startWorker();
    const items: string[] = [];
    const workflowIds: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { itemId, flags } = await h.item({ durationMs: 25_000 });
      items.push(itemId);
      const started = await runCli(['start', ...flags, '--pool', 'solo', '--json'], h.cliEnv(POOLS), 180_000);
      expect(started.code, started.stderr).toBe(0);
      const workflowId = jsonOf(started).workflowId as string;
      workflowIds.push(workflowId);
      await expect
        .poll(async () => {
          const state = await poolState();
          return [...(state?.holders ?? []), ...(state?.waiters ?? [])].some((r) => r.workflowId === workflowId);
        }, { timeout: 120_000, interval: 250 })
        .toBe(true);
    }

    const described = await runCli(['pools', 'describe', 'solo', '--json'], h.cliEnv(POOLS), 180_000);
    expect(described.code, described.stderr).toBe(0);
    const pool = jsonOf(described) as { configuredSlots: number; holderRuns: { workflowId: string }[]; waiterRuns: { workflowId: string }[] };
    expect(pool.configuredSlots).toBe(1);
    expect(pool.holderRuns.length + pool.waiterRuns.length, described.stdout + described.stderr).toBeGreaterThanOrEqual(2);

    // Kill the worker while runs wait, then let another one take over.
    worker.child.kill('SIGKILL');
    await worker.done;
    worker = await startWorker();

    for (const workflowId of workflowIds) {
      const result = await h.env.client.workflow.getHandle(workflowId).result();
      expect((result as { status: string }).status).toBe('Completed');
    }
    const jobs = (await h.admin.jobs()).filter((job) => items.includes(job.itemId));
    expect(jobs).toHaveLength(3);
    // One slot: no two jobs in progress at once, and they ran in the order the runs were started.
    const byStart = [...jobs].sort((a, b) => a.createdAtMs - b.createdAtMs);
    expect(byStart.map((job) => job.itemId)).toEqual(items);
    for (let i = 1; i < byStart.length; i += 1) expect(byStart[i]!.createdAtMs).toBeGreaterThanOrEqual(byStart[i - 1]!.endedAtMs!);
    await expect.poll(async () => (await poolState())?.holders.length ?? 0, { timeout: 60_000, interval: 250 }).toBe(0);
    expect((await poolState())?.waiters ?? []).toEqual([]);
  });
});
