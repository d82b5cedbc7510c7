/**
 * Bearer-token authentication of /v1 (the admin API needs none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WS, harness, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

describe('auth without a configured token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.close());

  it('accepts any bearer token', async () => {
    expect((await h.call('GET', `/v1/workspaces/${WS}/items/${newItem()}/jobs/instances`, { headers: { Authorization: 'Bearer anything' } })).status).toBe(200);
  });

  it.each([
    ['no Authorization header', {}],
    ['a Basic header', { Authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty bearer token', { Authorization: 'Bearer ' }],
  ])('answers 401 Unauthorized to %s, before anything else', async (_what, headers) => {
    const item = newItem();
    const res = await fetch(`${h.emulator.url}/v1/workspaces/${WS}/items/${item}/jobs/instances?jobType=X`, { method: 'POST', headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('x-ms-public-api-error-code')).toBe('Unauthorized');
    expect(await res.json()).toMatchObject({ errorCode: 'Unauthorized', requestId: res.headers.get('x-ms-request-id') });
    expect(await h.admin.jobs(item)).toEqual([]);
  });

  it('requires a token for unknown /v1 paths too, but not for the admin API', async () => {
    expect((await fetch(`${h.emulator.url}/v1/nothing`)).status).toBe(401);
    expect((await fetch(`${h.emulator.adminUrl}/stats`)).status).toBe(200);
  });
});

describe('auth with a configured token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ token: 'secret' });
  });
  afterAll(() => h.close());

  it('accepts exactly that token and answers 401 InvalidToken to another', async () => {
    const url = `/v1/workspaces/${WS}/items/${newItem()}/jobs/instances?jobType=X`;
    expect((await h.call('POST', url)).status).toBe(202);
    const res = await h.call('POST', url, { headers: { Authorization: 'Bearer other' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: 'InvalidToken' });
  });
});
