/** The Power BI enhanced refresh client against the emulator's Power BI endpoints, over real HTTP. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin, startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { StaticTokenCredential, type FabricRequestEvent } from '../../src/fabric/index.js';
import { PowerBIClient, parseRefreshObjects, refreshStatusOf, isTerminalRefreshStatus } from '../../src/fabric/powerbi/index.js';

let emulator: RunningEmulator;
let admin: EmulatorAdmin;
const events: FabricRequestEvent[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ identities: { sales: 'token-sales', finance: 'token-finance' } });
  admin = new EmulatorAdmin(emulator.adminUrl);
});
afterAll(() => emulator?.close());

const client = (token = 'token-sales') =>
  new PowerBIClient({ credential: new StaticTokenCredential(token), baseUrl: emulator.powerbiUrl, timeoutMs: 5_000, onRequest: (e) => events.push(e) });

async function model(scenario: Scenario = {}) {
  const ids = { workspaceId: randomUUID(), semanticModelId: randomUUID() };
  await admin.setScenario(ids.semanticModelId, { retryAfterSeconds: 1, durationMs: 300, ...scenario });
  return ids;
}

async function untilEnded(c: PowerBIClient, ids: { workspaceId: string; semanticModelId: string; refreshId: string }) {
  for (let i = 0; i < 100; i++) {
    const got = await c.getRefreshExecutionDetails(ids);
    if (isTerminalRefreshStatus(refreshStatusOf(got.detail))) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the refresh never ended');
}

describe('PowerBIClient', () => {
  it('starts an enhanced refresh, follows it to Completed and finds it in the history', async () => {
    const ids = await model();
    const c = client();
    const started = await c.refreshSemanticModel(ids.workspaceId, ids.semanticModelId, { type: 'Full', objects: [{ table: 'Sales' }] });
    expect(started.location).toBe(`${emulator.powerbiUrl}/groups/${ids.workspaceId}/datasets/${ids.semanticModelId}/refreshes/${started.refreshId}`);
    expect(started.retryAfterMs).toBe(1_000);
    const first = await c.getRefreshExecutionDetails({ ...ids, refreshId: started.refreshId });
    expect(first.inProgress).toBe(true);
    const ended = await untilEnded(c, { ...ids, refreshId: started.refreshId });
    expect(ended).toMatchObject({ inProgress: false, detail: { status: 'Completed', extendedStatus: 'Completed', type: 'Full' } });
    const history = await c.getRefreshHistory(ids.workspaceId, ids.semanticModelId, { top: 5 });
    expect(history).toEqual([expect.objectContaining({ requestId: started.refreshId, refreshType: 'ViaEnhancedApi', status: 'Completed' })]);
    expect(events.some((e) => e.operation === 'refreshSemanticModel' && e.statusCode === 202)).toBe(true);
  });

  it("reports a failed refresh's engine messages", async () => {
    const ids = await model({ outcome: 'Failed', failureReason: { errorCode: 'ModelRefresh_ShortMessage_ProcessingError', message: 'Column Amount has a bad value' } });
    const c = client();
    const { refreshId } = await c.refreshSemanticModel(ids.workspaceId, ids.semanticModelId, { type: 'Full' });
    const ended = await untilEnded(c, { ...ids, refreshId });
    expect(refreshStatusOf(ended.detail)).toBe('Failed');
    expect(ended.detail.messages).toEqual([{ code: 'ModelRefresh_ShortMessage_ProcessingError', message: 'Column Amount has a bad value', type: 'Error' }]);
  });

  it('cancels a refresh with DELETE', async () => {
    const ids = await model({ durationMs: 60_000, cancelDelayMs: 100 });
    const c = client();
    const { refreshId } = await c.refreshSemanticModel(ids.workspaceId, ids.semanticModelId, { type: 'DataOnly' });
    await c.cancelRefresh({ ...ids, refreshId });
    const ended = await untilEnded(c, { ...ids, refreshId });
    expect(ended.detail.extendedStatus).toBe('Cancelled');
  });

  it('takes the refresh id from x-ms-request-id when there is no Location, and refuses a standard refresh', async () => {
    const ids = await model({ faults: [{ op: 'run', kind: 'no-location' }] });
    const c = client();
    const started = await c.refreshSemanticModel(ids.workspaceId, ids.semanticModelId, { type: 'Full' });
    expect((await admin.jobs(ids.semanticModelId)).map((j) => j.id)).toEqual([started.refreshId]);
    await expect(c.refreshSemanticModel(ids.workspaceId, ids.semanticModelId, {})).rejects.toThrow(/at least one option/);
  });

  it('records which identity each request used', async () => {
    const ids = await model();
    await client('token-sales').refreshSemanticModel(ids.workspaceId, ids.semanticModelId, { type: 'Full' });
    await client('token-finance').getRefreshHistory(ids.workspaceId, ids.semanticModelId);
    const requests = (await admin.requests()).filter((r) => r.itemId === ids.semanticModelId);
    expect(requests.map((r) => [r.op, r.identity])).toEqual([['refresh', 'sales'], ['refresh-history', 'finance']]);
    expect((await admin.jobs(ids.semanticModelId))[0]?.identity).toBe('sales');
    await expect(client('someone-else').getRefreshHistory(ids.workspaceId, ids.semanticModelId)).rejects.toMatchObject({ name: 'FabricError', statusCode: 401 });
  });

  it("maps Power BI's { error: { code, message } } answers", async () => {
    const ids = await model({ faults: [{ op: 'run', kind: '429', retryAfter: '7' }] });
    await expect(client().refreshSemanticModel(ids.workspaceId, ids.semanticModelId, { type: 'Full' })).rejects.toMatchObject({
      name: 'FabricError',
      statusCode: 429,
      errorCode: 'TooManyRequestsForJobs',
      retryAfterMs: 7_000,
    });
  });

  it('checks options before sending anything', async () => {
    const c = client();
    const ws = randomUUID();
    await expect(c.refreshSemanticModel(ws, randomUUID(), { timeout: '25:00:00' })).rejects.toThrow(/timeout must be hh:mm:ss/);
    await expect(c.refreshSemanticModel(ws, randomUUID(), { maxParallelism: 0 })).rejects.toThrow(/maxParallelism/);
    await expect(c.refreshSemanticModel(ws, 'sales', { type: 'Full' })).rejects.toThrow(/semanticModelId must be a UUID/);
    await expect(c.refreshSemanticModel(ws, randomUUID(), { type: 'Full', notifyOption: 'MailOnFailure' } as never)).rejects.toThrow(/not an enhanced refresh option/);
    expect(parseRefreshObjects('Sales, Dates/2024')).toEqual([{ table: 'Sales' }, { table: 'Dates', partition: '2024' }]);
    expect(() => parseRefreshObjects('Sales,,Dates')).toThrow(/entry 2/);
  });
});
