/**
 * Records the fabricOperation replay fixtures (test/workflows/histories/operation-*.json, replayed by
 * replay.test.ts with the others) on a real dev server + the emulator's long-running operation
 * endpoints. Re-run it only for a deliberate, versioned change of the workflow; name the recordings
 * to make (never re-record an existing fixture to make it pass: add a new one):
 *
 *   npx tsx test/workflows/record-operation-histories.ts [name...]   # none: all
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createOperationActivities } from '../../src/activities/operations.js';
import type { FabricOperationInput } from '../../src/contracts/fabric-operation.js';
import { EmulatorAdmin, startEmulator, type Scenario } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { fabricOperation } from '../../src/workflows/index.js';
import { startDevServer, testWorkflowCode } from '../helpers/temporal.js';
import { historyJson } from './history.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const WS = '44444444-4444-4444-8444-444444444444';
const PIPELINE = '55555555-5555-4555-8555-555555555555';
const cancelAfter = (ms: number) => async (handle: WorkflowHandle) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await handle.cancel();
};
const load = (itemId: string, mode: 'Overwrite' | 'Append'): FabricOperationInput => ({
  kind: 'lakehouseLoadTable', workspaceId: WS, lakehouseId: itemId, tableName: 'sales', request: { relativePath: 'Files/in', pathType: 'Folder', mode },
});
const recordings: { name: string; scenario: Scenario; input: (itemId: string) => FabricOperationInput; itemId?: string; act?: (h: WorkflowHandle) => Promise<void> }[] = [
  { name: 'operation-load-completed', scenario: { durationMs: 2_500, faults: [{ op: 'get', kind: '429', retryAfter: 1 }] }, input: (id) => load(id, 'Overwrite') },
  { name: 'operation-load-failed', scenario: { outcome: 'Failed', failureReason: { errorCode: 'PathNotFound', message: 'no such folder' } }, input: (id) => load(id, 'Append') },
  { name: 'operation-load-429-start-append', scenario: { durationMs: 1_000, faults: [{ op: 'run', kind: '429', retryAfter: 1 }] }, input: (id) => load(id, 'Append') },
  { name: 'operation-sync-answered-at-once', scenario: { durationMs: 0 }, input: (id) => ({ kind: 'sqlEndpointRefreshMetadata', workspaceId: WS, sqlEndpointId: id }) },
  { name: 'operation-sync-completed', scenario: { durationMs: 1_500 }, input: (id) => ({ kind: 'sqlEndpointRefreshMetadata', workspaceId: WS, sqlEndpointId: id, request: { recreateTables: false } }) },
  { name: 'operation-deploy-by-stage-names', scenario: { durationMs: 1_500 }, itemId: PIPELINE, input: (id) => ({ kind: 'deploymentPipelineDeploy', deploymentPipelineId: id, sourceStage: 'Development', targetStage: 'Test' }) },
  { name: 'operation-generic-completed', scenario: { durationMs: 1_000 }, input: (id) => ({ kind: 'fabricOperation', path: `/workspaces/${WS}/items/${id}/getDefinition` }) },
  { name: 'operation-timeout', scenario: { durationMs: 60_000 }, input: (id) => ({ ...load(id, 'Overwrite'), timeoutMs: 2_500 }) },
  { name: 'operation-cancelled-while-polling', scenario: { durationMs: 60_000 }, input: (id) => load(id, 'Overwrite'), act: cancelAfter(2_500) },
];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !recordings.some((r) => r.name === name));
if (unknown.length > 0) throw new Error(`no such recording: ${unknown.join(', ')}`);

const env = await startDevServer();
const emulator = await startEmulator();
const admin = new EmulatorAdmin(emulator.adminUrl);
const taskQueue = `record-${randomUUID()}`;
const fabric = new FabricClient({ credential: new StaticTokenCredential('record'), baseUrl: emulator.apiUrl });
await admin.setCatalog({ workspaces: [], deploymentPipelines: [{ id: PIPELINE, displayName: 'Sales', stages: [{ displayName: 'Development' }, { displayName: 'Test' }] }] });
const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, ...testWorkflowCode(), activities: createOperationActivities(connectionClients({ default: fabric })) });
await worker.runUntil(async () => {
  for (const r of recordings.filter((x) => only.length === 0 || only.includes(x.name))) {
    const itemId = r.itemId ?? randomUUID();
    await admin.setScenario(itemId, { retryAfterSeconds: 1, ...r.scenario });
    const input = { ...r.input(itemId), pollInterval: { minMs: 500, fallbackMs: 1_000 } };
    const handle = await env.client.workflow.start(fabricOperation, { taskQueue, workflowId: `${r.name}-${randomUUID()}`, args: [input] });
    await r.act?.(handle);
    await handle.result().catch(() => undefined);
    const history = (await historyJson(env.address, handle.workflowId)) as { events: unknown[] };
    await writeFile(`${dir}${r.name}.json`, `${JSON.stringify(history, null, 1)}\n`);
    console.log(`${r.name}.json: ${history.events.length} events`);
  }
});
await emulator.close();
await env.teardown();
