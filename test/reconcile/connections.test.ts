/**
 * The orphan reconciler reads each run's job with the connection the run recorded: a terminated
 * run of the `sales` connection has its job read and cancelled with the sales token. A real dev
 * server, the emulator (one token per identity) and a real worker with one client per connection.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createActivities } from '../../src/activities/index.js';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { reconcileOrphans } from '../../src/reconcile/orphans.js';
import { sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';

const TOKENS = { default: `tok-default-${randomUUID()}`, sales: `tok-sales-${randomUUID()}` };
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let stop: () => Promise<void>;
const taskQueue = `reconcile-connections-${randomUUID()}`;
const fabric = (token: string) => new FabricClient({ credential: new StaticTokenCredential(token), baseUrl: emulator.apiUrl, timeoutMs: 10_000 });

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await sharedTemporal();
  emulator = await startEmulator({ identities: TOKENS });
  admin = new EmulatorAdmin(emulator.adminUrl);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...testWorkflowCode(),
    activities: createActivities(connectionClients({ default: fabric(TOKENS.default), sales: fabric(TOKENS.sales) }), { lookupDelayMs: 300 }),
  });
  const running = worker.run();
  stop = async () => {
    worker.shutdown();
    await running;
  };
}, 120_000);

afterAll(async () => {
  await stop?.();
  await emulator?.close();
  await env?.teardown();
});

/** Starts a long job with `connection` and terminates its run once the emulator holds the job InProgress. */
async function orphan(connection: string): Promise<{ workflowId: string; itemId: string }> {
  const itemId = randomUUID();
  await admin.setScenario(itemId, { durationMs: 600_000, retryAfterSeconds: 1 });
  const workflowId = `orphan-${randomUUID()}`;
  const input = { workspaceId: randomUUID(), itemId, jobType: 'RunNotebook', connection };
  await env.client.workflow.start('runFabricJob', { taskQueue, workflowId, args: [input] });
  await expect.poll(async () => (await admin.jobs(itemId))[0]?.status, { timeout: 60_000, interval: 250 }).toBe('InProgress');
  await env.client.workflow.getHandle(workflowId).terminate('test: terminated mid-job');
  return { workflowId, itemId };
}

describe('the reconciler and connections', () => {
  it("reads and cancels an orphaned job with its run's connection; a connection the worker lacks is a failed entry", async () => {
    const run = await orphan('sales');
    const since = (await admin.requests()).at(-1)?.seq ?? 0;
    // A reconciler on a worker that knows only the default connection cannot touch the sales job.
    const without = await reconcileOrphans(env.client, connectionClients({ default: fabric(TOKENS.default) }));
    expect(without.runs.find((r) => r.workflowId === run.workflowId)).toMatchObject({
      action: 'failed',
      connection: 'sales',
      error: expect.stringContaining('unknown connection "sales"; the configured connections are: default'),
    });
    expect((await admin.requests(since)).filter((r) => r.itemId === run.itemId)).toEqual([]);

    const report = await reconcileOrphans(env.client, connectionClients({ default: fabric(TOKENS.default), sales: fabric(TOKENS.sales) }));
    expect(report.runs.find((r) => r.workflowId === run.workflowId)).toMatchObject({ action: 'cancelled', connection: 'sales', fabricStatus: 'InProgress' });
    await expect.poll(async () => (await admin.jobs(run.itemId))[0]?.status, { timeout: 30_000, interval: 250 }).toBe('Cancelled');
    const requests = (await admin.requests(since)).filter((r) => r.itemId === run.itemId);
    expect(requests.map((r) => r.op)).toEqual(expect.arrayContaining(['get', 'cancel']));
    expect(new Set(requests.map((r) => r.identity))).toEqual(new Set(['sales']));
  }, 180_000);
});
