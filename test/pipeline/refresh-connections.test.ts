/**
 * Issue 13's "done when" over the emulator: a pipeline runs two Fabric jobs and then refreshes a
 * semantic model; its steps reach the emulator with the tokens of the connections they name.
 * A real dev server, the emulator (one token per identity) and a real Worker with one Fabric and
 * one Power BI client per connection.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createActivities } from '../../src/activities/index.js';
import { createRefreshActivities } from '../../src/activities/refresh.js';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { PowerBIClient } from '../../src/fabric/powerbi/index.js';
import { resolvePipeline, validatePipeline, type PipelineFile } from '../../src/pipeline/index.js';
import { fabricPipeline } from '../../src/workflows/index.js';
import { sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';

const TOKENS = { default: `tok-default-${randomUUID()}`, sales: `tok-sales-${randomUUID()}` };
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let stop: () => Promise<void>;
const taskQueue = `pipeline-refresh-${randomUUID()}`;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await sharedTemporal();
  emulator = await startEmulator({ identities: TOKENS });
  admin = new EmulatorAdmin(emulator.adminUrl);
  const byConnection = <C>(make: (token: string) => C) => connectionClients({ default: make(TOKENS.default), sales: make(TOKENS.sales) });
  const credential = (token: string) => new StaticTokenCredential(token);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...testWorkflowCode(),
    activities: {
      ...createActivities(byConnection((t) => new FabricClient({ credential: credential(t), baseUrl: emulator.apiUrl, timeoutMs: 10_000 })), { lookupDelayMs: 300 }),
      ...createRefreshActivities(byConnection((t) => new PowerBIClient({ credential: credential(t), baseUrl: emulator.powerbiUrl, timeoutMs: 10_000 })), { lookupDelayMs: 300 }),
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

function resolved(file: unknown) {
  const validation = validatePipeline(file);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  return resolvePipeline(validation.pipeline as PipelineFile);
}

describe('a pipeline with connections and a semantic model refresh', () => {
  it('runs two Fabric jobs, then refreshes the model; each step uses the token of its connection', async () => {
    const [extract, load, model] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [extract, load, model]) await admin.setScenario(id, { durationMs: 800, retryAfterSeconds: 1 });
    const input = resolved({
      name: 'nightly',
      workspace: randomUUID(),
      connection: 'sales',
      pollInterval: { min: '500ms', fallback: '1s' },
      steps: [
        { id: 'extract', item: extract, jobType: 'RunNotebook' },
        { id: 'load', item: load, jobType: 'Pipeline', connection: 'default', needs: ['extract'] },
        { id: 'refresh', kind: 'semanticModelRefresh', semanticModel: model, objects: ['Sales'], needs: ['load'] },
      ],
    });
    const progress = await env.client.workflow.execute(fabricPipeline, { taskQueue, workflowId: `pipeline-${randomUUID()}`, args: [input] });
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual([['extract', 'completed'], ['load', 'completed'], ['refresh', 'completed']]);
    const [refresh] = await admin.jobs(model);
    expect(refresh).toMatchObject({ jobType: 'SemanticModelRefresh', status: 'Completed', executionData: { type: 'Full', objects: [{ table: 'Sales' }] } });
    expect(progress.steps.find((s) => s.id === 'refresh')?.jobInstanceId).toBe(refresh!.id);
    const identities = async (itemId: string) => new Set((await admin.requests()).filter((r) => r.itemId === itemId).map((r) => r.identity));
    expect(await identities(extract)).toEqual(new Set(['sales']));
    expect(await identities(load)).toEqual(new Set(['default']));
    expect(await identities(model)).toEqual(new Set(['sales']));
    const [first] = await admin.jobs(extract);
    const [second] = await admin.jobs(load);
    expect(first!.endedAtMs!).toBeLessThanOrEqual(refresh!.createdAtMs);
    expect(second!.endedAtMs!).toBeLessThanOrEqual(refresh!.createdAtMs);
  });

  it('a compensation that refreshes a semantic model given by name runs on that model when a later step fails', async () => {
    const [workspace, extract, broken, model] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await admin.setCatalog({
      workspaces: [{ id: workspace, displayName: `BI ${workspace.slice(0, 8)}`, items: [{ id: model, displayName: 'Sales', type: 'SemanticModel' }, { id: extract, displayName: 'Extract', type: 'Notebook' }] }],
    });
    await admin.setScenario(extract, { durationMs: 300, retryAfterSeconds: 1 });
    await admin.setScenario(broken, { durationMs: 300, retryAfterSeconds: 1, outcome: 'Failed' });
    await admin.setScenario(model, { durationMs: 300, retryAfterSeconds: 1 });
    const input = resolved({
      name: 'undo-by-name',
      workspace,
      pollInterval: { min: '500ms', fallback: '1s' },
      steps: [
        { id: 'extract', item: extract, jobType: 'RunNotebook', compensate: { kind: 'semanticModelRefresh', semanticModel: 'Sales', connection: 'sales' } },
        { id: 'broken', item: broken, jobType: 'RunNotebook', needs: ['extract'] },
      ],
    });
    const handle = await env.client.workflow.start(fabricPipeline, { taskQueue, workflowId: `pipeline-${randomUUID()}`, args: [input] });
    await expect(handle.result()).rejects.toThrow();
    const [refresh] = await admin.jobs(model);
    expect(refresh).toMatchObject({ jobType: 'SemanticModelRefresh', status: 'Completed', identity: 'sales' });
    const lookUps = (await handle.fetchHistory()).events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'resolveFabricNames');
    expect(lookUps).toHaveLength(1);
  });
});
