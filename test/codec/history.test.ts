/**
 * End to end on a real Temporal dev server and the real Fabric emulator: with the encryption
 * DataConverter on the worker and the client, runFabricJob's history holds no executionData secret,
 * no failure message and no bearer token in clear text, while the client still reads everything.
 * A run without the codec on another task queue is the control: there the secret is visible.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, WorkflowFailedError } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { encryptionDataConverter, EncryptionKeyring } from '../../src/codec/index.js';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import type { RunFabricJobInput } from '../../src/shared.js';
import { runFabricJob } from '../../src/workflows/index.js';
import { sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';
import { newKey } from './keys.js';

const TOKEN = `bearer-${randomUUID()}`;
const SECRET = `pw-${randomUUID()}`;
const FAILURE_SECRET = `failmsg-${randomUUID()}`;

/** Every string and byte array in the history (bytes read as Latin-1, so ASCII markers show). */
function historyText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('latin1'));
  else if (Array.isArray(value)) value.forEach((v) => historyText(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => historyText(v, out));
  return out;
}

let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
const stops: (() => Promise<void>)[] = [];

async function runWorker(taskQueue: string, dataConverter: DataConverter | undefined): Promise<void> {
  const fabric = new FabricClient({ baseUrl: emulator.apiUrl, credential: new StaticTokenCredential(TOKEN), timeoutMs: 10_000 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...testWorkflowCode(dataConverter),
    activities: createActivities(fabric),
    ...(dataConverter ? { dataConverter } : {}),
  });
  const running = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await running;
  });
}

async function job(scenario: Parameters<EmulatorAdmin['setScenario']>[1]): Promise<RunFabricJobInput> {
  const itemId = randomUUID();
  await admin.setScenario(itemId, { retryAfterSeconds: 1, durationMs: 500, ...scenario });
  return {
    workspaceId: randomUUID(),
    itemId,
    jobType: 'RunNotebook',
    executionData: { parameters: { password: { value: SECRET, type: 'string' } } },
    pollInterval: { minMs: 500, fallbackMs: 500 },
  };
}

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await sharedTemporal();
  emulator = await startEmulator({ token: TOKEN });
  admin = new EmulatorAdmin(emulator.adminUrl);
});
afterAll(async () => {
  for (const stop of stops) await stop();
  await emulator?.close();
  await env?.teardown();
});

describe('encrypted history', () => {
  it('keeps executionData, failure messages and the token out of the server, and the client reads them back', async () => {
    const dataConverter = encryptionDataConverter(new EncryptionKeyring([newKey('k1')]));
    const taskQueue = `enc-${randomUUID()}`;
    await runWorker(taskQueue, dataConverter);
    const client = new Client({ connection: env.connection, ...(env.namespace ? { namespace: env.namespace } : {}), ...(dataConverter ? { dataConverter } : {}) });

    const input = await job({});
    const completed = await client.workflow.start(runFabricJob, { taskQueue, workflowId: `enc-ok-${randomUUID()}`, args: [input] });
    expect(await completed.result()).toMatchObject({ status: 'Completed' });
    // The worker decrypted the input: Fabric (the emulator) received the executionData in clear.
    expect(JSON.stringify((await admin.jobs(input.itemId))[0]?.executionData)).toContain(SECRET);
    const failureReason = { errorCode: 'NotebookExecutionFailed', message: `password ${FAILURE_SECRET} rejected` };
    const failed = await client.workflow.start(runFabricJob, { taskQueue, workflowId: `enc-fail-${randomUUID()}`, args: [await job({ outcome: 'Failed', failureReason })] });
    const error = await failed.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(String((error as WorkflowFailedError).cause?.message)).toContain(FAILURE_SECRET);

    for (const handle of [completed, failed]) {
      // env.client has no codec: it returns the history exactly as the server stores it.
      const raw = historyText(await env.client.workflow.getHandle(handle.workflowId).fetchHistory()).join('\n');
      expect(raw).toContain('binary/encrypted');
      expect(raw).not.toContain(SECRET);
      expect(raw).not.toContain(FAILURE_SECRET);
      expect(raw).not.toContain(TOKEN);
      expect(raw).not.toContain('NotebookExecutionFailed');
    }
  });

  it('control: without the codec the same secret is in the history', async () => {
    const taskQueue = `plain-${randomUUID()}`;
    await runWorker(taskQueue, undefined);
    const handle = await env.client.workflow.start(runFabricJob, { taskQueue, workflowId: `plain-${randomUUID()}`, args: [await job({})] });
    await handle.result();
    const raw = historyText(await handle.fetchHistory()).join('\n');
    expect(raw).toContain(SECRET);
    expect(raw).not.toContain(TOKEN);
  });
});
