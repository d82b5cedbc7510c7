/**
 * Records replay fixtures of `fabricPipeline` runs whose steps are given by names and use two
 * connections (test/workflows/histories/pipeline-names-*.json, replayed by replay.test.ts with the
 * others), on a real dev server + the emulator (one token per connection) + a real worker:
 *
 * - `pipeline-names-two-connections`: one resolveFabricNames activity per connection, behind the
 *   `fabric-names-by-connection` patch (the current code);
 * - `pipeline-names-two-connections-before-patch`: recorded by the code before that patch (one
 *   activity, the default connection, every step): this script run in a worktree of commit 5a98053
 *   (`git worktree add ../old 5a98053`, copy this file there, run it, copy the fixture back).
 *
 * Name the recording to make; never re-record an existing fixture to make it pass:
 *
 *   npx tsx test/workflows/record-pipeline-histories.ts pipeline-names-two-connections
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createActivities } from '../../src/activities/index.js';
import { EmulatorAdmin, startEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { resolvePipeline, validatePipeline, type PipelineFile } from '../../src/pipeline/index.js';
import { fabricPipeline } from '../../src/workflows/index.js';
import { startDevServer, testWorkflowCode } from '../helpers/temporal.js';
import { historyJson } from './history.js';

const NAMES = ['pipeline-names-two-connections', 'pipeline-names-two-connections-before-patch'];
const [name] = process.argv.slice(2);
if (name === undefined || !NAMES.includes(name)) throw new Error(`name one recording: ${NAMES.join(' or ')}`);

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const OPS = '44444444-4444-4444-8444-444444444444';
const A = 'dddddddd-0000-4000-8000-000000000001';
const B = 'dddddddd-0000-4000-8000-000000000002';
const TOKENS = { default: 'record-default', sales: 'record-sales' };

const env = await startDevServer();
const emulator = await startEmulator({ identities: TOKENS });
const admin = new EmulatorAdmin(emulator.adminUrl);
await admin.setCatalog({ workspaces: [{ id: OPS, displayName: 'Ops', items: [{ id: A, displayName: 'Extract', type: 'Notebook' }, { id: B, displayName: 'Load', type: 'Notebook' }] }] });
for (const id of [A, B]) await admin.setScenario(id, { durationMs: 500, retryAfterSeconds: 1 });
const fabric = (token: string) => new FabricClient({ credential: new StaticTokenCredential(token), baseUrl: emulator.apiUrl });
const taskQueue = `record-${randomUUID()}`;
const worker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue,
  ...testWorkflowCode(),
  activities: createActivities(connectionClients({ default: fabric(TOKENS.default), sales: fabric(TOKENS.sales) }), { lookupDelayMs: 300 }),
});
const file = {
  name: 'two-connections',
  workspace: 'Ops',
  pollInterval: { min: '500ms', fallback: '1s' },
  steps: [
    { id: 'extract', item: 'Extract.Notebook' },
    { id: 'load', item: 'Load.Notebook', connection: 'sales', needs: ['extract'] },
  ],
};
const validation = validatePipeline(file);
if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
const input = resolvePipeline(validation.pipeline as PipelineFile);
await worker.runUntil(async () => {
  // The replay test runs each history under its file name: the child workflow ids derive from it.
  const workflowId = name;
  await env.client.workflow.execute(fabricPipeline, { taskQueue, workflowId, args: [input] });
  const history = (await historyJson(env.address, workflowId)) as { events: unknown[] };
  await writeFile(`${dir}${name}.json`, `${JSON.stringify(history, null, 1)}\n`);
  console.log(`${name}.json: ${history.events.length} events`);
});
await emulator.close();
await env.teardown();
