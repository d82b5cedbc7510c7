/** FabricClient run details (notebook job instance, activity runs, Livy sessions) against the real emulator. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, eventually, startFixture, type Fixture } from './emulator-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ pageSize: 2 });
});
afterAll(async () => fx?.close());

/** Runs a job on a fresh item with `scenario` and waits until it is terminal. */
async function finishedJob(jobType: string, scenario: Parameters<Fixture['item']>[0]) {
  const { workspaceId, itemId } = await fx.item({ durationMs: 200, retryAfterSeconds: 0, ...scenario });
  const client = fx.client();
  const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType });
  await eventually(async () => {
    const { instance } = await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId });
    return ['Completed', 'Failed', 'Cancelled'].includes(instance.status) ? instance : undefined;
  });
  return { workspaceId, itemId, jobInstanceId, client };
}

describe('getNotebookJobInstance (beta)', () => {
  it('reads the exit value, the Livy id and the Spark monitoring URLs of a completed notebook', async () => {
    const { workspaceId, itemId, jobInstanceId, client } = await finishedJob('RunNotebook', { exitValue: '{"rows": 42}' });
    const { instance } = await client.getNotebookJobInstance({ workspaceId, notebookId: itemId, jobInstanceId });
    expect(instance).toMatchObject({ id: jobInstanceId, status: 'Completed', properties: { exitValue: '{"rows": 42}', compute: 'Spark' } });
    const details = instance.properties!.computeDetails!;
    expect(details.livyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(details.monitoringInfo).toMatchObject({
      sparkJobDetailsUrl: expect.stringContaining(`/sparkmonitor/${itemId}/${details.livyId}`),
      executionSnapshotUrl: expect.stringContaining(`/groups/${workspaceId}/synapsenotebooks/${itemId}/snapshots/${jobInstanceId}`),
      sparkUiUrl: expect.any(String),
      driverLogUrl: expect.any(String),
    });
    const [logged] = (await fx.admin.requests()).filter((r) => r.op === 'notebook-get' && r.jobInstanceId === jobInstanceId);
    expect(logged!.path).toBe(`/v1/workspaces/${workspaceId}/notebooks/${itemId}/jobs/execute/instances/${jobInstanceId}?beta=true`);
  });

  it('has no exit value for a failed notebook, and answers the faults of the details op', async () => {
    const { workspaceId, itemId, jobInstanceId, client } = await finishedJob('RunNotebook', { outcome: 'Failed', exitValue: 'x' });
    const ids = { workspaceId, notebookId: itemId, jobInstanceId };
    expect((await client.getNotebookJobInstance(ids)).instance.properties!.exitValue).toBeNull();
    await fx.admin.setScenario(itemId, {
      faults: [{ op: 'details', kind: '503' }, { op: 'details', kind: 'not-found' }, { op: 'details', kind: 'malformed-json' }],
    });
    expect(await caught(() => client.getNotebookJobInstance(ids))).toMatchObject({ name: 'FabricError', statusCode: 503 });
    expect(await caught(() => client.getNotebookJobInstance(ids))).toMatchObject({ name: 'FabricError', statusCode: 404, errorCode: 'EntityNotFound' });
    expect(await caught(() => client.getNotebookJobInstance(ids))).toMatchObject({ name: 'FabricProtocolError' });
    // The details faults never touch the Job Scheduler operations.
    expect((await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId })).instance.status).toBe('Failed');
  });
});

describe('queryPipelineActivityRuns', () => {
  it('lists the activity runs of a failed pipeline run with the failing activity and its error', async () => {
    const activityRuns = [
      { activityName: 'Copy sales', activityType: 'Copy', output: { rowsCopied: 10 } },
      { activityName: 'Load', activityType: 'SqlServerStoredProcedure', status: 'Failed' as const, error: { errorCode: '2402', message: 'Login failed' } },
    ];
    const { workspaceId, jobInstanceId, client } = await finishedJob('Pipeline', { outcome: 'Failed', activityRuns });
    const { value } = await client.queryPipelineActivityRuns({ workspaceId, jobInstanceId });
    expect(value.map((r) => [r.activityName, r.activityType, r.status])).toEqual([
      ['Copy sales', 'Copy', 'Succeeded'],
      ['Load', 'SqlServerStoredProcedure', 'Failed'],
    ]);
    expect(value[0]).toMatchObject({ output: { rowsCopied: 10 }, pipelineRunId: jobInstanceId, error: { errorCode: '', message: '' } });
    expect(value[1]).toMatchObject({ error: { errorCode: '2402', message: 'Login failed' }, activityRunStart: expect.stringMatching(/Z$/) });
    expect(Date.parse(value[1]!.activityRunEnd!)).toBeGreaterThanOrEqual(Date.parse(value[1]!.activityRunStart!));
    const [logged] = (await fx.admin.requests()).filter((r) => r.op === 'activity-runs' && r.jobInstanceId === jobInstanceId);
    expect(logged).toMatchObject({ method: 'POST', path: `/v1/workspaces/${workspaceId}/datapipelines/pipelineruns/${jobInstanceId}/queryactivityruns`, statusCode: 200 });
  });

  it('answers 404 for an unknown run, and refuses bad input before sending', async () => {
    const client = fx.client();
    expect(await caught(() => client.queryPipelineActivityRuns({ workspaceId: randomUUID(), jobInstanceId: randomUUID() })))
      .toMatchObject({ name: 'FabricError', statusCode: 404 });
    expect(await caught(() => client.queryPipelineActivityRuns({ workspaceId: 'x', jobInstanceId: randomUUID() })))
      .toMatchObject({ name: 'FabricValidationError', field: 'workspaceId' });
    expect(await caught(() => client.queryPipelineActivityRuns({ workspaceId: randomUUID(), jobInstanceId: randomUUID() }, { lastUpdatedAfter: 'soon' })))
      .toMatchObject({ name: 'FabricValidationError', field: 'lastUpdatedAfter' });
  });
});

describe('listLivySessions', () => {
  it('walks every page of a Spark job definition’s sessions and finds the one of a job instance', async () => {
    const { workspaceId, itemId, client } = await finishedJob('sparkjob', {});
    const more = [await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'sparkjob' }), await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'sparkjob' })];
    const sessions = [];
    for await (const s of client.listLivySessions({ workspaceId, collection: 'sparkJobDefinitions', itemId })) sessions.push(s);
    expect(sessions).toHaveLength(3);
    const mine = sessions.find((s) => s.jobInstanceId === more[1]!.jobInstanceId);
    expect(mine).toMatchObject({ itemType: 'SparkJobDefinition', jobType: 'SparkBatch', livyId: expect.any(String), item: { itemId } });
    expect(sessions[0]).toMatchObject({ state: 'Succeeded', endDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
  });
});
