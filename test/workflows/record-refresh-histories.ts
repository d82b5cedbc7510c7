/**
 * Records the semanticModelRefresh replay fixtures (test/workflows/histories/refresh-*.json, replayed
 * by replay.test.ts with the others) on a real dev server + the emulator's Power BI endpoints. Re-run
 * it only for a deliberate, versioned change of the workflow; name the recordings to make (never
 * re-record an existing fixture to make it pass: add a new one):
 *
 *   npx tsx test/workflows/record-refresh-histories.ts [name...]   # e.g. refresh-by-names; none: all
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
import { createActivities } from '../../src/activities/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { PowerBIClient } from '../../src/fabric/powerbi/index.js';
import { semanticModelRefresh } from '../../src/workflows/index.js';
import { startDevServer, testWorkflowCode } from '../helpers/temporal.js';
import { historyJson } from './history.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const cancelAfter = (ms: number) => async (handle: WorkflowHandle) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await handle.cancel();
};
/** The catalog the name look-up reads (`refresh-by-names`): a workspace with a semantic model and a report of the same name. */
const BI = '33333333-3333-4333-8333-333333333333';
const NAMED_MODEL = 'cccccccc-0000-4000-8000-000000000001';
const catalog = {
  workspaces: [{ id: BI, displayName: 'BI Prod', items: [{ id: NAMED_MODEL, displayName: 'Sales', type: 'SemanticModel' }, { displayName: 'Sales', type: 'Report' }] }],
};
const recordings: { name: string; scenario: Scenario; input?: Partial<SemanticModelRefreshInput>; modelId?: string; act?: (h: WorkflowHandle) => Promise<void> }[] = [
  { name: 'refresh-completed', scenario: { durationMs: 2_500 }, input: { options: { type: 'Full', objects: [{ table: 'Sales' }] } } },
  { name: 'refresh-failed', scenario: { outcome: 'Failed', failureReason: { errorCode: 'ModelRefreshFailed_CredentialsNotSpecified', message: 'no credentials' } } },
  { name: 'refresh-adopted-after-reset', scenario: { durationMs: 1_500, faults: [{ op: 'run', kind: 'reset-after-create' }, { op: 'get', kind: '503' }] } },
  { name: 'refresh-cancelled-while-polling', scenario: { durationMs: 60_000 }, act: cancelAfter(2_500) },
  { name: 'refresh-timeout', scenario: { durationMs: 60_000 }, input: { timeoutMs: 2_500 } },
  // Names: one resolveFabricNames activity (behind the fabric-names patch) before the start.
  { name: 'refresh-by-names', scenario: { durationMs: 1_500 }, modelId: NAMED_MODEL, input: { workspaceId: 'BI Prod', semanticModelId: 'Sales' } },
];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !recordings.some((r) => r.name === name));
if (unknown.length > 0) throw new Error(`no such recording: ${unknown.join(', ')}`);

const env = await startDevServer();
const emulator = await startEmulator();
const admin = new EmulatorAdmin(emulator.adminUrl);
const taskQueue = `record-${randomUUID()}`;
const powerbi = new PowerBIClient({ credential: new StaticTokenCredential('record'), baseUrl: emulator.powerbiUrl });
const fabric = new FabricClient({ credential: new StaticTokenCredential('record'), baseUrl: emulator.apiUrl });
await admin.setCatalog(catalog);
const worker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue,
  ...testWorkflowCode(),
  activities: {
    resolveFabricNames: createActivities(fabric).resolveFabricNames,
    ...createRefreshActivities(connectionClients({ default: powerbi }), { lookupDelayMs: 500 }),
  },
});
await worker.runUntil(async () => {
  for (const r of recordings.filter((x) => only.length === 0 || only.includes(x.name))) {
    const semanticModelId = r.modelId ?? randomUUID();
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
