/**
 * Fabric long-running operation steps in pipelines: the example nightly pipeline
 * (examples/pipelines/nightly-lakehouse.yaml: load table → SQL endpoint metadata refresh → semantic
 * model refresh) completes over the emulator with a real dev server and a real Worker; the sync
 * step's per-table result is in its details; an operation compensation runs when a later step
 * fails; bad operation fields are reported with their file paths.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createActivities } from '../../src/activities/index.js';
import { createOperationActivities } from '../../src/activities/operations.js';
import { createRefreshActivities } from '../../src/activities/refresh.js';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { PowerBIClient } from '../../src/fabric/powerbi/index.js';
import { loadPipelineFile, resolvePipeline, validatePipeline } from '../../src/pipeline/index.js';
import type { FabricPipelineInput } from '../../src/contracts/pipeline.js';
import { fabricPipeline } from '../../src/workflows/index.js';
import { sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';

const NIGHTLY = fileURLToPath(new URL('../../examples/pipelines/nightly-lakehouse.yaml', import.meta.url));
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let stop: () => Promise<void>;
const taskQueue = `pipeline-operations-${randomUUID()}`;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await sharedTemporal();
  emulator = await startEmulator({ defaultScenario: { durationMs: 600, retryAfterSeconds: 1 } });
  admin = new EmulatorAdmin(emulator.adminUrl);
  const credential = new StaticTokenCredential('t');
  const fabric = new FabricClient({ credential, baseUrl: emulator.apiUrl, timeoutMs: 10_000 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...testWorkflowCode(),
    activities: {
      ...createActivities(fabric, { lookupDelayMs: 300 }),
      ...createRefreshActivities(connectionClients({ default: new PowerBIClient({ credential, baseUrl: emulator.powerbiUrl, timeoutMs: 10_000 }) }), { lookupDelayMs: 300 }),
      ...createOperationActivities(connectionClients({ default: fabric })),
    },
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

function run(input: FabricPipelineInput) {
  return env.client.workflow.start(fabricPipeline, { taskQueue, workflowId: `pipeline-${randomUUID()}`, args: [{ ...input, taskQueue, pollInterval: { minMs: 200, fallbackMs: 500 } }] });
}

describe('operation steps', () => {
  it('the example nightly pipeline completes: load table → SQL endpoint metadata refresh → semantic model refresh', async () => {
    const { pipeline } = await loadPipelineFile(NIGHTLY);
    const resolved = resolvePipeline(pipeline);
    const handle = await run(resolved);
    const progress = await handle.result();
    expect(progress.status).toBe('completed');
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual([['load-sales', 'completed'], ['sync-sql-endpoint', 'completed'], ['refresh-model', 'completed']]);
    const sync = progress.steps.find((s) => s.id === 'sync-sql-endpoint')!;
    expect(sync.details?.tables).toEqual([expect.objectContaining({ tableName: 'sales', status: 'Success' })]);
    const load = resolved.steps[0]!.operation!;
    const [job] = await admin.jobs(load.kind === 'lakehouseLoadTable' ? load.lakehouseId : '');
    expect(job).toMatchObject({ jobType: 'LoadTable', executionData: { relativePath: 'Files/landing/sales', pathType: 'Folder', mode: 'Overwrite', tableName: 'sales' } });
    expect(progress.steps[0]!.jobInstanceId).toBe(job!.id);
  });

  it('an operation compensation runs when a later step fails, and a failed operation step carries Fabric\'s message', async () => {
    const workspace = randomUUID();
    const lakehouse = randomUUID();
    const failing = randomUUID();
    await admin.setScenario(failing, { durationMs: 100, outcome: 'Failed', failureReason: { errorCode: 'PathNotFound', message: 'no such folder' } });
    const file = {
      name: 'compensated',
      workspace,
      steps: [
        { id: 'load', kind: 'lakehouseLoadTable', lakehouse, table: 'sales', path: 'Files/in', mode: 'Overwrite', compensate: { kind: 'fabricOperation', path: `/workspaces/${workspace}/items/${lakehouse}/getDefinition`, idempotent: true } },
        { id: 'bad', needs: ['load'], kind: 'lakehouseLoadTable', lakehouse: failing, table: 'other', path: 'Files/in', mode: 'Append' },
      ],
    };
    const validation = validatePipeline(file);
    if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
    const handle = await run(resolvePipeline(validation.pipeline));
    const err = await handle.result().then(() => undefined, (e: unknown) => e);
    expect(err).toBeDefined();
    const progress = await handle.query<{ steps: { id: string; status: string; failureReason: { message: string } | null; compensation?: { status: string } }[] }>('progress');
    const bad = progress.steps.find((s) => s.id === 'bad')!;
    expect(bad.status).toBe('failed');
    expect(bad.failureReason?.message).toContain('no such folder');
    expect(await admin.jobs(lakehouse)).toEqual(expect.arrayContaining([expect.objectContaining({ jobType: 'GetItemDefinition' })]));
  });

  it('operation steps may name their lakehouse and SQL endpoint: resolved once by the pipeline', async () => {
    const workspace = randomUUID();
    const lakehouse = randomUUID();
    const endpoint = randomUUID();
    await admin.setCatalog({ workspaces: [{ id: workspace, displayName: 'Sales Prod', items: [{ id: lakehouse, displayName: 'Landing', type: 'Lakehouse' }, { id: endpoint, displayName: 'Landing', type: 'SQLEndpoint' }] }] });
    const file = {
      name: 'named',
      workspace: 'Sales Prod',
      steps: [
        { id: 'load', kind: 'lakehouseLoadTable', lakehouse: 'Landing', table: 'orders', path: 'Files/in', mode: 'Overwrite' },
        { id: 'sync', needs: ['load'], kind: 'sqlEndpointRefreshMetadata', sqlEndpoint: 'Landing.SQLEndpoint' },
      ],
    };
    const validation = validatePipeline(file);
    if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
    const progress = await (await run(resolvePipeline(validation.pipeline))).result();
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual([['load', 'completed'], ['sync', 'completed']]);
    expect(await admin.jobs(lakehouse)).toHaveLength(1);
    expect(progress.steps[1]!.details?.tables).toEqual([expect.objectContaining({ tableName: 'orders' })]);
    await admin.setCatalog({ workspaces: [] });
  });

  it('reports bad operation fields with their file paths', () => {
    const validation = validatePipeline({
      name: 'bad',
      workspace: randomUUID(),
      steps: [
        { id: 'a', kind: 'lakehouseLoadTable', lakehouse: 'Sales.Notebook', table: 'a-b', path: 'Tables/x', mode: 'Merge' },
        { id: 'b', kind: 'deploymentPipelineDeploy', pipeline: randomUUID(), from: 'Dev', to: 'dev' },
        { id: 'c', kind: 'fabricOperation', path: 'https://evil.example/x', item: 'x' },
      ],
    });
    expect(validation.ok).toBe(false);
    const issues = validation.ok ? [] : validation.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^steps\.0\.lakehouse: /),
        expect.stringMatching(/^steps\.0\.table: must be 1-256/),
        expect.stringMatching(/^steps\.0\.path: must be a path under Files/),
        expect.stringMatching(/^steps\.0\.mode: /),
        expect.stringMatching(/^steps\.1\.to: must differ from sourceStage/),
        expect.stringMatching(/^steps\.2\.path: must be an API path/),
        expect.stringMatching(/^steps\.2\.item: unknown field/),
      ]),
    );
  });
});
