/**
 * fabricOperation continues as new when Temporal suggests it, carrying the operation, its polls and
 * its deadline: a real dev server suggesting continue-as-new early, the emulator and a real Worker.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createOperationActivities } from '../../src/activities/operations.js';
import type { FabricOperationInput } from '../../src/contracts/fabric-operation.js';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { fabricOperation } from '../../src/workflows/index.js';
import { quietRuntime, startDevServer, testWorkflowCode } from '../helpers/temporal.js';
import { failureOf } from './failures.js';
import { runsOf } from './history.js';

const SUGGEST_AT = 30;
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let stop: () => Promise<void>;
const taskQueue = `operation-can-${randomUUID()}`;

beforeAll(async () => {
  quietRuntime();
  // A server of its own: the low continue-as-new suggestion is server-wide dynamic config.
  env = await startDevServer({ dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': SUGGEST_AT } });
  emulator = await startEmulator();
  admin = new EmulatorAdmin(emulator.adminUrl);
  const fabric = new FabricClient({ credential: new StaticTokenCredential('t'), baseUrl: emulator.apiUrl, timeoutMs: 10_000 });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, ...testWorkflowCode(), activities: createOperationActivities(connectionClients({ default: fabric })) });
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


async function load(durationMs: number, extra: Partial<FabricOperationInput> = {}) {
  const lakehouseId = randomUUID();
  await admin.setScenario(lakehouseId, { durationMs, retryAfterSeconds: 1 });
  const input = {
    kind: 'lakehouseLoadTable', workspaceId: randomUUID(), lakehouseId, tableName: 'sales',
    request: { relativePath: 'Files/in', pathType: 'File', mode: 'Append' }, pollInterval: { minMs: 100 }, ...extra,
  } as FabricOperationInput;
  return { lakehouseId, handle: await env.client.workflow.start(fabricOperation, { taskQueue, workflowId: `load-${randomUUID()}`, args: [input] }) };
}

describe('fabricOperation continue-as-new', () => {
  it('polls a long operation across several runs, starts it once and returns its result once', async () => {
    const { lakehouseId, handle } = await load(10_000);
    const result = await handle.result();
    expect(result).toMatchObject({ kind: 'lakehouseLoadTable', status: 'Succeeded' });
    const runs = await runsOf(handle);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs.slice(0, -1)) expect(run.events.at(-1)).toBe('WorkflowExecutionContinuedAsNew');
    expect(runs.slice(1).every((r) => !r.events.includes('ActivityTaskScheduled'))).toBe(true);
    const [job] = await admin.jobs(lakehouseId);
    expect(result.operationId).toBe(job!.id);
    expect(await admin.jobs(lakehouseId)).toHaveLength(1);
    expect(result.polls).toBe(job!.polls);
    expect(job!.earlyPolls).toBe(0);
  });

  it('keeps its deadline across runs: the timeout stops waiting, the operation goes on', async () => {
    const { lakehouseId, handle } = await load(120_000, { timeoutMs: 7_000 });
    const failure = await failureOf(handle.result());
    expect(failure.type).toBe('FabricOperationTimedOut');
    expect((await runsOf(handle)).length).toBeGreaterThanOrEqual(2);
    expect((await admin.jobs(lakehouseId))[0]!.status).toBe('InProgress');
  });
});
