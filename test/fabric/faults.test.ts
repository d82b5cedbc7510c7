/** How FabricClient surfaces each emulator fault: one request per call, errors typed for the activities. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential, type FabricRequestEvent } from '../../src/fabric/index.js';
import { caught, startFixture, TOKEN, type Fixture } from './emulator-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => fx?.close());

/** Requests the emulator received for an item. */
async function requestsFor(itemId: string) {
  return (await fx.admin.requests()).filter((r) => r.itemId === itemId);
}

describe('throttling', () => {
  it('429 with Retry-After seconds → FabricError with retryAfterMs, not retried', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'run', kind: '429', retryAfter: '7' }] });
    const err = await caught(() => fx.client().runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 429, errorCode: 'TooManyRequestsForJobs', retryAfterMs: 7_000, isRetriable: true });
    expect(await requestsFor(itemId)).toHaveLength(1);
    expect(await fx.admin.jobs(itemId)).toEqual([]);
  });

  it('429 without Retry-After → retryAfterMs undefined', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'run', kind: '429-no-retry-after' }] });
    const err = await caught(() => fx.client().runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 429 });
    expect(err.retryAfterMs).toBeUndefined();
  });

  it('429 with Retry-After as an HTTP date → milliseconds until that date', async () => {
    const { workspaceId, itemId } = await fx.item({ durationMs: 60_000, faults: [{ op: 'get', kind: '429-http-date', retryAfter: 30 }] });
    const client = fx.client();
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const err = await caught(() => client.getItemJobInstance({ workspaceId, itemId, jobInstanceId }));
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 429 });
    // An HTTP date has whole seconds: 30 s ahead, truncated, minus the time the answer took.
    expect(err.retryAfterMs).toBeGreaterThan(25_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
  });
});

describe('server errors', () => {
  for (const kind of ['500', '502', '503'] as const) {
    it(`${kind} → FabricError ${kind}, one request`, async () => {
      const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'list', kind }] });
      const err = await caught(async () => {
        for await (const _ of fx.client().listItemJobInstances(workspaceId, itemId)) void _;
      });
      expect(err).toMatchObject({ name: 'FabricError', statusCode: Number(kind), method: 'GET', isRetriable: true });
      expect(err.message).toContain(`HTTP ${kind}`);
      expect(await requestsFor(itemId)).toHaveLength(1);
    });
  }

  it('404 → FabricError 404 with the errorCode', async () => {
    const { workspaceId, itemId } = await fx.item();
    const err = await caught(() => fx.client().getItemJobInstance({ workspaceId, itemId, jobInstanceId: crypto.randomUUID() }));
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 404, errorCode: 'EntityNotFound' });
  });

  it('the not-found fault right after a run → FabricError 404 for an existing job', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'get', kind: 'not-found' }] });
    const client = fx.client();
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    expect(await caught(() => client.getItemJobInstance({ workspaceId, itemId, jobInstanceId }))).toMatchObject({ statusCode: 404 });
    await expect(client.getItemJobInstance({ workspaceId, itemId, jobInstanceId })).resolves.toMatchObject({ instance: { id: jobInstanceId } });
  });
});

describe('transport failures', () => {
  it('reset → FabricTransportError that may have reached Fabric', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'run', kind: 'reset' }] });
    const err = await caught(() => fx.client().runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'FabricTransportError', code: 'ECONNRESET', requestMayHaveReachedFabric: true, method: 'POST' });
    expect(await requestsFor(itemId)).toHaveLength(1);
  });

  it('reset after create → transport error while the job exists (the duplicate-start hazard)', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'run', kind: 'reset-after-create' }] });
    const client = fx.client();
    const err = await caught(() => client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'FabricTransportError', requestMayHaveReachedFabric: true });
    const jobs = await fx.admin.jobs(itemId);
    expect(jobs).toHaveLength(1);
    const listed = [];
    for await (const instance of client.listItemJobInstances(workspaceId, itemId)) listed.push(instance.id);
    expect(listed).toEqual([jobs[0]!.id]);
  });

  it('an answer slower than timeoutMs → ETIMEDOUT transport error that may have reached Fabric', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'run', kind: 'slow', delayMs: 2_000 }] });
    const events: FabricRequestEvent[] = [];
    const client = fx.client({ timeoutMs: 200, onRequest: (e) => events.push(e) });
    const err = await caught(() => client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'FabricTransportError', code: 'ETIMEDOUT', requestMayHaveReachedFabric: true });
    expect(events).toEqual([expect.objectContaining({ operation: 'runOnDemandItemJob', transportErrorCode: 'ETIMEDOUT' })]);
    expect(events[0]!.statusCode).toBeUndefined();
  });

  it('connection refused → transport error that cannot have reached Fabric', async () => {
    const closed = await startEmulator({ port: 0 });
    await closed.close();
    const client = new FabricClient({ credential: new StaticTokenCredential(TOKEN), baseUrl: closed.apiUrl });
    const err = await caught(() => client.runOnDemandItemJob({ workspaceId: crypto.randomUUID(), itemId: crypto.randomUUID(), jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'FabricTransportError', code: 'ECONNREFUSED', requestMayHaveReachedFabric: false });
    expect(err.message).not.toContain(TOKEN);
  });

  it('an abort signal rejects with its reason, not a transport error', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'run', kind: 'slow', delayMs: 2_000 }] });
    const controller = new AbortController();
    const pending = fx.client().runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('activity cancelled')), 100);
    const err = await caught(() => pending);
    expect(err.message).toBe('activity cancelled');
  });
});

describe('protocol breaches and odd answers', () => {
  it('malformed JSON on a 200 → FabricProtocolError', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'get', kind: 'malformed-json' }] });
    const client = fx.client();
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const err = await caught(() => client.getItemJobInstance({ workspaceId, itemId, jobInstanceId }));
    expect(err).toMatchObject({ name: 'FabricProtocolError', statusCode: 200, method: 'GET' });
    expect(err.message).toContain('malformed JSON');
  });

  it('malformed JSON on a list page → FabricProtocolError', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'list', kind: 'malformed-json' }] });
    const err = await caught(async () => {
      for await (const _ of fx.client().listItemJobInstances(workspaceId, itemId)) void _;
    });
    expect(err).toMatchObject({ name: 'FabricProtocolError', statusCode: 200 });
  });

  it('202 without Location → the id from x-ms-job-id and a location built from it', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'run', kind: 'no-location' }] });
    const client = fx.client();
    const run = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const [job] = await fx.admin.jobs(itemId);
    expect(run.jobInstanceId).toBe(job!.id);
    expect(run.location).toBe(`${fx.emulator.apiUrl}/workspaces/${workspaceId}/items/${itemId}/jobs/instances/${job!.id}`);
    await expect(client.getItemJobInstance({ location: run.location })).resolves.toMatchObject({ instance: { id: job!.id } });
  });

  it('an unknown job status is passed through untouched', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'get', kind: 'unknown-status', status: 'Paused' }] });
    const client = fx.client();
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const { instance } = await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId });
    expect(instance.status).toBe('Paused');
  });
});
