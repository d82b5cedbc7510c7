/** FabricClient job operations against the real emulator over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isJobAlreadyCompleted, isTerminalStatus, parseFabricTimestamp } from '../../src/fabric/index.js';
import { caught, eventually, startFixture, TOKEN, type Fixture } from './emulator-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ pageSize: 2 });
});
afterAll(async () => fx?.close());

describe('runOnDemandItemJob', () => {
  it('starts a job on the query route with an empty 202 body and reads id, Location and Retry-After', async () => {
    const { workspaceId, itemId } = await fx.item({ retryAfterSeconds: 3 });
    const client = fx.client();
    const run = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    expect(run.location).toBe(`${fx.emulator.apiUrl}/workspaces/${workspaceId}/items/${itemId}/jobs/instances/${run.jobInstanceId}`);
    expect(run.retryAfterMs).toBe(3_000);
    const [job] = await fx.admin.jobs(itemId);
    expect(job).toMatchObject({ id: run.jobInstanceId, jobType: 'RunNotebook' });
    expect(job!.executionData).toBeUndefined();
    const [logged] = (await fx.admin.requests()).filter((r) => r.itemId === itemId);
    expect(logged).toMatchObject({ method: 'POST', path: `/v1/workspaces/${workspaceId}/items/${itemId}/jobs/instances?jobType=RunNotebook`, statusCode: 202 });
  });

  it('starts a job on the path route and sends executionData and parameters', async () => {
    const { workspaceId, itemId } = await fx.item();
    const executionData = { parameters: { p: { value: 1, type: 'int' } } };
    const parameters = [{ name: 'when', type: 'DateTime', value: '2024-01-01T00:00:00Z' }];
    const run = await fx.client().runOnDemandItemJob({ workspaceId, itemId, jobType: 'Pipeline' }, { route: 'path', executionData, parameters });
    const [logged] = (await fx.admin.requests()).filter((r) => r.itemId === itemId);
    expect(logged!.path).toBe(`/v1/workspaces/${workspaceId}/items/${itemId}/jobs/Pipeline/instances`);
    const [job] = await fx.admin.jobs(itemId);
    expect(job).toMatchObject({ id: run.jobInstanceId, jobType: 'Pipeline', executionData, parameters });
  });

  it('starts a notebook on the released notebook route with compute, its configuration and a session tag; the job is read like any other', async () => {
    const { workspaceId, itemId } = await fx.item();
    const client = fx.client();
    const parameters = [{ name: 'day', type: 'Text', value: '2026-12-07' }];
    const run = await client.runOnDemandItemJob(
      { workspaceId, itemId, jobType: 'RunNotebook' },
      { computeConfiguration: { driverCores: 8, executorMemory: '56g' }, sessionTag: 'nightly', parameters },
    );
    const [logged] = (await fx.admin.requests()).filter((r) => r.itemId === itemId);
    expect(logged).toMatchObject({ method: 'POST', path: `/v1/workspaces/${workspaceId}/notebooks/${itemId}/jobs/execute/instances?beta=false`, statusCode: 202 });
    // The spec's Location points at the generic job instance: polls, cancel and the duplicate-safe start read it as any other.
    expect(run.location).toBe(`${fx.emulator.apiUrl}/workspaces/${workspaceId}/items/${itemId}/jobs/instances/${run.jobInstanceId}`);
    const [job] = await fx.admin.jobs(itemId);
    expect(job).toMatchObject({
      id: run.jobInstanceId,
      jobType: 'RunNotebook',
      executionData: { compute: 'Spark', computeConfiguration: { driverCores: 8, executorMemory: '56g', highConcurrencyModeOptions: { enabled: true, sessionTag: 'nightly' } } },
      parameters,
    });
    const { instance } = await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId: run.jobInstanceId });
    expect(instance.id).toBe(run.jobInstanceId);
    const details = await client.getNotebookJobInstance({ workspaceId, notebookId: itemId, jobInstanceId: run.jobInstanceId });
    expect(details.instance.properties).toMatchObject({ compute: 'Spark', computeDetails: { highConcurrencyModeStatus: { sessionSource: 'Created', sessionTag: 'nightly' } } });
  });

  it('sends route notebook with only a compute (no configuration) and with nothing (parameters only)', async () => {
    const { workspaceId, itemId } = await fx.item();
    const client = fx.client();
    await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }, { compute: 'Jupyter' });
    await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }, { route: 'notebook' });
    const jobs = await fx.admin.jobs(itemId);
    expect(jobs.map((job) => job.executionData ?? null)).toEqual(expect.arrayContaining([{ compute: 'Jupyter' }, null]));
    const paths = (await fx.admin.requests()).filter((r) => r.itemId === itemId && r.method === 'POST').map((r) => r.path);
    expect(paths).toEqual([`/v1/workspaces/${workspaceId}/notebooks/${itemId}/jobs/execute/instances?beta=false`, `/v1/workspaces/${workspaceId}/notebooks/${itemId}/jobs/execute/instances?beta=false`]);
  });

  it('refuses notebook options on a generic route before sending anything', async () => {
    const { workspaceId, itemId } = await fx.item();
    const before = (await fx.admin.stats()).requests;
    const err = await caught(() => fx.client().runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }, { route: 'path', sessionTag: 't' }));
    expect(err).toMatchObject({ name: 'FabricValidationError', field: 'route' });
    expect((await fx.admin.stats()).requests).toBe(before);
  });

  it('rejects bad input before sending anything', async () => {
    const { workspaceId, itemId } = await fx.item();
    const client = fx.client();
    const before = (await fx.admin.stats()).requests;
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.runOnDemandItemJob({ workspaceId: 'nope', itemId: itemId, jobType: 'Pipeline' }), 'workspaceId'],
      [() => client.runOnDemandItemJob({ workspaceId, itemId, jobType: ' ' }), 'jobType'],
      [() => client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'a/b' }), 'jobType'],
      [() => client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'Pipeline' }, { executionData: { f: () => 1 } }), 'executionData'],
      [() => client.getItemJobInstance({ workspaceId, itemId, jobInstanceId: '42' }), 'jobInstanceId'],
      [() => client.cancelItemJobInstance({ workspaceId: '', itemId, jobInstanceId: itemId }), 'workspaceId'],
    ];
    for (const [call, field] of cases) {
      expect(await caught(call)).toMatchObject({ name: 'FabricValidationError', field });
    }
    expect(() => client.listItemJobInstances(workspaceId, 'x')).toThrow(expect.objectContaining({ field: 'itemId' }));
    expect((await fx.admin.stats()).requests).toBe(before);
  });
});

describe('getItemJobInstance', () => {
  it('reads a job by ids and by its Location until it completes, with parseable timestamps', async () => {
    const { workspaceId, itemId } = await fx.item({ durationMs: 300, retryAfterSeconds: 0 });
    const client = fx.client();
    const run = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const byLocation = await client.getItemJobInstance({ location: run.location });
    expect(byLocation.instance).toMatchObject({ id: run.jobInstanceId, itemId, jobType: 'RunNotebook', invokeType: 'Manual', failureReason: null });
    expect(byLocation.retryAfterMs).toBe(0);
    const done = await eventually(async () => {
      const { instance } = await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId: run.jobInstanceId });
      return isTerminalStatus(instance.status) ? instance : undefined;
    });
    expect(done.status).toBe('Completed');
    expect(parseFabricTimestamp(done.startTimeUtc)!.getTime()).toBeLessThanOrEqual(parseFabricTimestamp(done.endTimeUtc)!.getTime());
  });

  it('reports a failed job with its failureReason', async () => {
    const failureReason = { errorCode: 'NotebookFailed', message: 'cell 3 raised' };
    const { workspaceId, itemId } = await fx.item({ durationMs: 0, outcome: 'Failed', failureReason });
    const client = fx.client();
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const { instance } = await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId });
    expect(instance).toMatchObject({ status: 'Failed', failureReason });
  });

  it('refuses a Location that is not a job instance URL, or is on another origin', async () => {
    const client = fx.client();
    const notInstance = `${fx.emulator.apiUrl}/workspaces/${crypto.randomUUID()}/items/${crypto.randomUUID()}/jobs/instances?jobType=Execute`;
    expect(await caught(() => client.getItemJobInstance({ location: notInstance }))).toMatchObject({ name: 'FabricValidationError', field: 'location' });
    const elsewhere = `https://elsewhere.example/v1/workspaces/${crypto.randomUUID()}/items/${crypto.randomUUID()}/jobs/instances/${crypto.randomUUID()}`;
    const err = await caught(() => client.getItemJobInstance({ location: elsewhere }));
    expect(err).toMatchObject({ name: 'FabricValidationError', field: 'location' });
    expect(err.message).not.toContain(TOKEN);
  });
});

describe('cancelItemJobInstance', () => {
  it('cancels a running job (202, Location, Retry-After) and the job ends Cancelled', async () => {
    const { workspaceId, itemId } = await fx.item({ durationMs: 60_000, cancelDelayMs: 0, retryAfterSeconds: 2 });
    const client = fx.client();
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const cancel = await client.cancelItemJobInstance({ workspaceId, itemId, jobInstanceId });
    expect(cancel.location).toBe(`${fx.emulator.apiUrl}/workspaces/${workspaceId}/items/${itemId}/jobs/instances/${jobInstanceId}`);
    expect(cancel.retryAfterMs).toBe(2_000);
    const { instance } = await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId });
    expect(instance.status).toBe('Cancelled');
  });

  it('answers JobAlreadyCompleted for a finished job', async () => {
    const { workspaceId, itemId } = await fx.item({ durationMs: 0 });
    const client = fx.client();
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const err = await caught(() => client.cancelItemJobInstance({ workspaceId, itemId, jobInstanceId }));
    expect(isJobAlreadyCompleted(err)).toBe(true);
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 400, errorCode: 'JobAlreadyCompleted', method: 'POST' });
  });
});

describe('listItemJobInstances', () => {
  it('walks every page (page size 2) and yields every job once', async () => {
    const { workspaceId, itemId } = await fx.item();
    const client = fx.client();
    const started = [];
    for (let i = 0; i < 5; i++) started.push((await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' })).jobInstanceId);
    const seq = (await fx.admin.requests()).at(-1)!.seq;
    const listed = [];
    for await (const instance of client.listItemJobInstances(workspaceId, itemId)) listed.push(instance.id);
    expect(listed.sort()).toEqual([...started].sort());
    const pages = (await fx.admin.requests(seq)).filter((r) => r.op === 'list' && r.itemId === itemId);
    expect(pages).toHaveLength(3);
    expect(pages.slice(1).every((p) => p.path.includes('continuationToken='))).toBe(true);
  });

  it('yields nothing for an item without jobs', async () => {
    const { workspaceId, itemId } = await fx.item();
    const listed = [];
    for await (const instance of fx.client().listItemJobInstances(workspaceId, itemId)) listed.push(instance);
    expect(listed).toEqual([]);
  });
});

describe('onRequest', () => {
  it('reports one event per request, without the token', async () => {
    const { workspaceId, itemId } = await fx.item();
    const client = fx.client();
    const from = fx.events.length;
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId });
    const events = fx.events.slice(from);
    expect(events.map((e) => [e.operation, e.method, e.statusCode])).toEqual([
      ['runOnDemandItemJob', 'POST', 202],
      ['getItemJobInstance', 'GET', 200],
    ]);
    expect(events.every((e) => e.durationMs >= 0 && e.url.startsWith(fx.emulator.apiUrl))).toBe(true);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('ignores a listener that throws', async () => {
    const { workspaceId, itemId } = await fx.item();
    const client = fx.client({ onRequest: () => { throw new Error('listener bug'); } });
    await expect(client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' })).resolves.toMatchObject({ jobInstanceId: expect.any(String) });
  });
});
