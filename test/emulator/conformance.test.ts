/**
 * Spec conformance of the Job Scheduler endpoints: shapes, headers and status codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FABRIC_TIME, WS, harness, jobIdOf, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let h: Harness;
beforeAll(async () => {
  h = await harness({ defaultScenario: { durationMs: 60_000 } });
});
afterAll(() => h.close());

async function expectError(res: Response, status: number, errorCode: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('x-ms-public-api-error-code')).toBe(errorCode);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ errorCode, requestId: res.headers.get('x-ms-request-id') });
  expect(typeof body.message).toBe('string');
  return body;
}

describe('run on demand', () => {
  it.each(['query', 'path'] as const)('answers 202 with an empty body, Location, Retry-After, x-ms-job-id and request ids (%s route)', async (route) => {
    const item = newItem();
    const res = await h.run(item, 'Pipeline', undefined, route);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const id = jobIdOf(res);
    expect(id).toMatch(UUID);
    expect(res.headers.get('location')).toBe(`${h.emulator.url}/v1/workspaces/${WS}/items/${item}/jobs/instances/${id}`);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('requestid')).toMatch(UUID);
    expect(res.headers.get('x-ms-request-id')).toBe(res.headers.get('requestid'));
    const [job] = await h.admin.jobs(item);
    expect(job).toMatchObject({ id, jobType: 'Pipeline', workspaceId: WS, itemId: item });
  });

  it('stores executionData and parameters on the job', async () => {
    const item = newItem();
    const body = { executionData: { parameters: { p: { value: 1, type: 'int' } } }, parameters: [{ name: 'x', type: 'Text', value: 'y' }] };
    jobIdOf(await h.run(item, 'RunNotebook', body));
    const [job] = await h.admin.jobs(item);
    expect(job?.executionData).toEqual(body.executionData);
    expect(job?.parameters).toEqual(body.parameters);
  });

  it('rejects a body that is not JSON, or of the wrong shape, with a 400 ErrorResponse', async () => {
    const item = newItem();
    const url = `/v1/workspaces/${WS}/items/${item}/jobs/instances?jobType=RunNotebook`;
    await expectError(await h.call('POST', url, { body: '{not json' }), 400, 'InvalidRequest');
    await expectError(await h.call('POST', url, { body: '[1]' }), 400, 'InvalidRequest');
    await expectError(await h.call('POST', url, { body: '{"executionData":"text"}' }), 400, 'InvalidRequest');
    await expectError(await h.call('POST', url, { body: '{"parameters":{"a":1}}' }), 400, 'InvalidRequest');
    expect(await h.admin.jobs(item)).toEqual([]);
  });

  it('answers 400 InvalidJobType when the query route has no jobType', async () => {
    const item = newItem();
    await expectError(await h.call('POST', `/v1/workspaces/${WS}/items/${item}/jobs/instances`), 400, 'InvalidJobType');
    await expectError(await h.call('POST', `/v1/workspaces/${WS}/items/${item}/jobs/instances?jobType=`), 400, 'InvalidJobType');
  });
});

describe('get job instance', () => {
  it('returns an ItemJobInstance with Retry-After', async () => {
    const item = newItem();
    const id = jobIdOf(await h.run(item, 'sparkjob'));
    const res = await h.call('GET', h.jobUrl(item, id));
    expect(res.status).toBe(200);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['endTimeUtc', 'failureReason', 'id', 'invokeType', 'itemId', 'jobType', 'rootActivityId', 'startTimeUtc', 'status'].sort(),
    );
    expect(body).toMatchObject({ id, itemId: item, jobType: 'sparkjob', invokeType: 'Manual', status: 'InProgress', failureReason: null, endTimeUtc: null });
    expect(body.rootActivityId).toMatch(UUID);
    expect(body.startTimeUtc).toMatch(FABRIC_TIME);
  });

  it('accepts ids in any letter case', async () => {
    const item = newItem();
    const id = jobIdOf(await h.run(item));
    const res = await h.call('GET', h.jobUrl(item.toUpperCase(), id.toUpperCase()));
    expect(res.status).toBe(200);
  });

  it('answers 404 EntityNotFound for an unknown id, or a job of another item', async () => {
    const item = newItem();
    const id = jobIdOf(await h.run(item));
    await expectError(await h.call('GET', h.jobUrl(item, newItem())), 404, 'EntityNotFound');
    await expectError(await h.call('GET', h.jobUrl(newItem(), id)), 404, 'EntityNotFound');
  });
});

describe('cancel job instance', () => {
  it('answers 202 with Location and Retry-After', async () => {
    const item = newItem();
    const id = jobIdOf(await h.run(item));
    const res = await h.call('POST', `${h.jobUrl(item, id)}/cancel`);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(h.jobUrl(item, id));
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.text()).toBe('');
  });

  it('answers 400 JobAlreadyCompleted for a terminal job, 404 for an unknown one', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { outcome: 'Deduped' });
    const id = jobIdOf(await h.run(item));
    await expectError(await h.call('POST', `${h.jobUrl(item, id)}/cancel`), 400, 'JobAlreadyCompleted');
    await expectError(await h.call('POST', `${h.jobUrl(item, newItem())}/cancel`), 404, 'EntityNotFound');
  });
});

describe('list job instances', () => {
  it('returns { value } with every job of the item and no continuation on the only page', async () => {
    const item = newItem();
    const ids = [jobIdOf(await h.run(item)), jobIdOf(await h.run(item, 'Pipeline'))];
    jobIdOf(await h.run(newItem()));
    const res = await h.call('GET', `/v1/workspaces/${WS}/items/${item}/jobs/instances`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: { id: string }[] };
    expect(Object.keys(body)).toEqual(['value']);
    expect(body.value.map((j) => j.id)).toEqual(ids);
  });
});

describe('errors of the API surface', () => {
  it('answers 400 for ids that are not UUIDs', async () => {
    const item = newItem();
    await expectError(await h.call('GET', `/v1/workspaces/nope/items/${item}/jobs/instances`), 400, 'InvalidParameter');
    await expectError(await h.call('POST', `/v1/workspaces/${WS}/items/123/jobs/instances?jobType=X`), 400, 'InvalidParameter');
    await expectError(await h.call('GET', `/v1/workspaces/${WS}/items/${item}/jobs/instances/not-a-uuid`), 400, 'InvalidParameter');
  });

  it('answers 404 NotFound for unknown routes and 405 for a wrong method', async () => {
    await expectError(await h.call('GET', `/v1/workspaces/${WS}/lakehouses-unknown`), 404, 'NotFound');
    await expectError(await h.call('GET', '/elsewhere'), 404, 'NotFound');
    const res = await h.call('DELETE', `/v1/workspaces/${WS}/items/${newItem()}/jobs/instances`);
    await expectError(res, 405, 'MethodNotAllowed');
    expect(res.headers.get('allow')).toBe('GET, POST');
  });
});
