/**
 * Records the semanticModelRefresh replay fixtures (test/workflows/histories/refresh-*.json, replayed
 * by replay.test.ts with the others) on a real dev server + the emulator's Power BI endpoints. Re-run
 * it only for a deliberate, versioned change of the workflow:
 *
 *   npx tsx test/workflows/record-refresh-histories.ts
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createRefreshActivities } from '../../src/activities/refresh.js';
import type { SemanticModelRefreshInput } from '../../src/contracts/semantic-model-refresh.js';
import { EmulatorAdmin, startEmulator, type Scenario } from '../../src/emulator/index.js';
import { StaticTokenCredential } from '../../src/fabric/index.js';
import { PowerBIClient } from '../../src/fabric/powerbi/index.js';
import { semanticModelRefresh } from '../../src/workflows/index.js';
import { startDevServer } from '../helpers/temporal.js';
import { workflowsPath } from './harness.js';
import { historyJson } from './history.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const cancelAfter = (ms: number) => async (handle: WorkflowHandle) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await handle.cancel();
};
const recordings: { name: string; scenario: Scenario; input?: Partial<SemanticModelRefreshInput>; act?: (h: WorkflowHandle) => Promise<void> }[] = [
  { name: 'refresh-completed', scenario: { durationMs: 2_500 }, input: { options: { type: 'Full', objects: [{ table: 'Sales' }] } } },
  { name: 'refresh-failed', scenario: { outcome: 'Failed', failureReason: { errorCode: 'ModelRefreshFailed_CredentialsNotSpecified', message: 'no credentials' } } },
  { name: 'refresh-adopted-after-reset', scenario: { durationMs: 1_500, faults: [{ op: 'run', kind: 'reset-after-create' }, { op: 'get', kind: '503' }] } },
  { name: 'refresh-cancelled-while-polling', scenario: { durationMs: 60_000 }, act: cancelAfter(2_500) },
  { name: 'refresh-timeout', scenario: { durationMs: 60_000 }, input: { timeoutMs: 2_500 } },
];

const env = await startDevServer();
const emulator = await startEmulator();
const admin = new EmulatorAdmin(emulator.adminUrl);
const taskQueue = `record-${randomUUID()}`;
const powerbi = new PowerBIClient({ credential: new StaticTokenCredential('record'), baseUrl: emulator.powerbiUrl });
const worker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue,
  workflowsPath,
  activities: createRefreshActivities(connectionClients({ default: powerbi }), { lookupDelayMs: 500 }),
});
await worker.runUntil(async () => {
  for (const r of recordings) {
    const semanticModelId = randomUUID();
    await admin.setScenario(semanticModelId, { retryAfterSeconds: 1, ...r.scenario });
    const input: SemanticModelRefreshInput = { workspaceId: randomUUID(), semanticModelId, pollInterval: { minMs: 500, fallbackMs: 1_000 }, ...r.input };
    const handle = await env.client.workflow.start(semanticModelRefresh, { taskQueue, workflowId: `${r.name}-${randomUUID()}`, args: [input] });
    await r.act?.(handle);
    await handle.result().catch(() => undefined);
    const history = (await historyJson(env.address, handle.workflowId)) as { events: unknown[] };
    await writeFile(`${dir}${r.name}.json`, `${JSON.stringify(history, null, 1)}\n`);
    console.log(`${r.name}.json: ${history.events.length} events`);
  }
});
await emulator.close();
await env.teardown();
