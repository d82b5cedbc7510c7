/**
 * semanticModelRefresh end to end: a real Temporal dev server, the real emulator's Power BI
 * endpoints and a real Worker with one Power BI client per named connection.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { connectionClients } from '../../src/activities/connections.js';
import { createRefreshActivities } from '../../src/activities/refresh.js';
import type { SemanticModelRefreshInput } from '../../src/contracts/semantic-model-refresh.js';
import { EmulatorAdmin, startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { createActivities } from '../../src/activities/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { PowerBIClient } from '../../src/fabric/powerbi/index.js';
import { semanticModelRefresh } from '../../src/workflows/index.js';
import { sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';

const TOKENS = { default: `tok-default-${randomUUID()}`, sales: `tok-sales-${randomUUID()}` };
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let stop: () => Promise<void>;
const taskQueue = `refresh-${randomUUID()}`;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await sharedTemporal();
  emulator = await startEmulator({ identities: TOKENS });
  admin = new EmulatorAdmin(emulator.adminUrl);
  const client = (token: string) => new PowerBIClient({ credential: new StaticTokenCredential(token), baseUrl: emulator.powerbiUrl, timeoutMs: 10_000 });
  const fabric = (token: string) => new FabricClient({ credential: new StaticTokenCredential(token), baseUrl: emulator.apiUrl, timeoutMs: 10_000 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...testWorkflowCode(),
    activities: {
      ...createRefreshActivities(connectionClients({ default: client(TOKENS.default), sales: client(TOKENS.sales) }), { lookupDelayMs: 500 }),
      // Names: the one look-up activity, with the Fabric client of each connection.
      resolveFabricNames: createActivities(connectionClients({ default: fabric(TOKENS.default), sales: fabric(TOKENS.sales) })).resolveFabricNames,
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

async function model(scenario: Scenario, extra: Partial<SemanticModelRefreshInput> = {}): Promise<SemanticModelRefreshInput> {
  const semanticModelId = randomUUID();
  await admin.setScenario(semanticModelId, { retryAfterSeconds: 1, durationMs: 1_500, ...scenario });
  return { workspaceId: randomUUID(), semanticModelId, pollInterval: { minMs: 500, fallbackMs: 1_000 }, ...extra };
}

function start(input: SemanticModelRefreshInput) {
  return env.client.workflow.start(semanticModelRefresh, { taskQueue, workflowId: `refresh-${randomUUID()}`, args: [input] });
}

async function failureOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  return (err as WorkflowFailedError).cause as { type?: string; message: string; details?: unknown[] };
}

describe('semanticModelRefresh', () => {
  it('refreshes a model to Completed, polling no earlier than Retry-After', async () => {
    const input = await model({}, { options: { type: 'Full', objects: [{ table: 'Sales' }] } });
    const result = await (await start(input)).result();
    expect(result).toMatchObject({ status: 'Completed', failureReason: null });
    const [refresh] = await admin.jobs(input.semanticModelId);
    expect(refresh).toMatchObject({ id: result.refreshId, status: 'Completed', earlyPolls: 0, executionData: { type: 'Full', objects: [{ table: 'Sales' }] }, identity: 'default' });
    expect(result.polls).toBe(refresh!.polls);
  });

  it("reports Power BI's error when the refresh fails", async () => {
    const input = await model({ outcome: 'Failed', failureReason: { errorCode: 'ModelRefreshFailed_CredentialsNotSpecified', message: 'The data source credentials are missing' } });
    const failure = await failureOf((await start(input)).result());
    expect(failure.type).toBe('SemanticModelRefreshFailed');
    expect(failure.message).toContain('ModelRefreshFailed_CredentialsNotSpecified: The data source credentials are missing');
    expect(failure.details?.[0]).toMatchObject({ status: 'Failed', failureReason: { errorCode: 'ModelRefreshFailed_CredentialsNotSpecified' } });
  });

  it('cancels the refresh in Power BI when the run is cancelled', async () => {
    const input = await model({ durationMs: 120_000, cancelDelayMs: 300 });
    const handle = await start(input);
    await expect.poll(async () => (await admin.jobs(input.semanticModelId))[0]?.polls ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    const [refresh] = await admin.jobs(input.semanticModelId);
    expect(refresh).toMatchObject({ status: 'Cancelled' });
    expect(refresh!.cancelRequestedAtMs).toBeDefined();
    expect((await handle.describe()).status.name).toBe('CANCELLED');
  });

  it('cancels the refresh when the timeout passes', async () => {
    const input = await model({ durationMs: 120_000, cancelDelayMs: 300 }, { timeoutMs: 3_000 });
    const failure = await failureOf((await start(input)).result());
    expect(failure.type).toBe('SemanticModelRefreshTimedOut');
    expect((await admin.jobs(input.semanticModelId))[0]).toMatchObject({ status: 'Cancelled' });
  });

  it('creates one refresh, not two, when the 202 is lost', async () => {
    const input = await model({ faults: [{ op: 'run', kind: 'reset-after-create' }] });
    const result = await (await start(input)).result();
    const refreshes = await admin.jobs(input.semanticModelId);
    expect(refreshes).toHaveLength(1);
    expect(result).toMatchObject({ status: 'Completed', refreshId: refreshes[0]!.id });
  });

  it('fails at once with a clear message when a refresh of the model is already running (409)', async () => {
    const input = await model({ faults: [{ op: 'run', kind: '409' }] });
    const failure = await failureOf((await start(input)).result());
    expect(failure.type).toBe('SemanticModelRefreshAlreadyRunning');
    expect(failure.message).toContain('a refresh of this semantic model is already running');
    expect(await admin.jobs(input.semanticModelId)).toEqual([]);
  });

  it("uses the named connection's identity, and fails for good on an unknown connection", async () => {
    const input = await model({ durationMs: 500 }, { connection: 'SALES' });
    await (await start(input)).result();
    const requests = (await admin.requests()).filter((r) => r.itemId === input.semanticModelId);
    expect(new Set(requests.map((r) => r.identity))).toEqual(new Set(['sales']));

    const unknown = await model({}, { connection: 'finance' });
    const failure = await failureOf((await start(unknown)).result());
    expect(failure.type).toBe('FabricUnknownConnection');
    expect(failure.message).toContain('unknown connection "finance"; the configured connections are: default, sales');
    expect(await admin.jobs(unknown.semanticModelId)).toEqual([]);
  });

  it('resolves a workspace and model given by names once, with its connection, among SemanticModel items; an unknown name fails for good', async () => {
    const [bi, model] = [randomUUID(), randomUUID()];
    await admin.setCatalog({ workspaces: [{ id: bi, displayName: 'BI', items: [{ id: model, displayName: 'Sales', type: 'SemanticModel' }, { displayName: 'Sales', type: 'Report' }] }] });
    await admin.setScenario(model, { retryAfterSeconds: 1, durationMs: 500 });
    const since = (await admin.requests()).at(-1)?.seq ?? 0;
    const handle = await start({ semanticModelId: 'BI.Workspace/Sales', connection: 'sales', pollInterval: { minMs: 500, fallbackMs: 1_000 } });
    expect(await handle.result()).toMatchObject({ status: 'Completed' });
    expect(await admin.jobs(model)).toEqual([expect.objectContaining({ workspaceId: bi, identity: 'sales' })]);
    const history = await handle.fetchHistory();
    const activities = (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(activities).toEqual(['resolveFabricNames', 'startRefresh']);
    const listings = (await admin.requests(since)).filter((r) => r.op === 'list-items' || r.op === 'list-workspaces');
    expect(new Set(listings.map((r) => r.identity))).toEqual(new Set(['sales']));

    const failure = await failureOf((await start({ workspaceId: 'BI', semanticModelId: 'Slaes' })).result());
    expect(failure.type).toBe('FabricItemNotFound');
    expect(failure.message).toBe(`semanticModelId "Slaes.SemanticModel": no SemanticModel with this name in workspace ${bi}; did you mean "Sales.SemanticModel"?`);
    const invalid = await failureOf((await start({ semanticModelId: 'Sales' })).result());
    expect(invalid.message).toContain('workspaceId: required (a workspace id or name), unless semanticModelId is a path');
  });
});
