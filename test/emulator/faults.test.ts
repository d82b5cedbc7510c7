/**
 * Every fault kind, and how faults are matched and consumed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobInstance } from '../../src/fabric/models.js';
import { WS, harness, jobIdOf, manualClock, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

const clock = manualClock();
let h: Harness;
beforeAll(async () => {
  h = await harness({ now: clock.now, defaultScenario: { durationMs: 60_000 } });
});
afterAll(() => h.close());

/** Runs a job on a fresh item without faults, then gives the item the faults. */
async function itemWithJob(faults: Parameters<Harness['admin']['setScenario']>[1]['faults']): Promise<{ item: string; id: string }> {
  const item = newItem();
  const id = jobIdOf(await h.run(item));
  await h.admin.setScenario(item, { durationMs: 60_000, faults: faults ?? [] });
  return { item, id };
}

async function socketError(promise: Promise<Response>): Promise<string> {
  const err = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as (Error & { cause?: { code?: string } }) | undefined;
  expect(err, 'the request should fail at the socket').toBeInstanceOf(TypeError);
  return err?.cause?.code ?? '';
}

const SOCKET_CODES = ['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_CLOSED'];

describe('fault kinds', () => {
  it("'429' answers TooManyRequestsForJobs with the given Retry-After, once", async () => {
    const { item, id } = await itemWithJob([{ op: 'get', kind: '429', retryAfter: '7' }]);
    const res = await h.call('GET', h.jobUrl(item, id));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ errorCode: 'TooManyRequestsForJobs', isRetriable: true });
    expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(200);
  });

  it("'429' defaults Retry-After to 1; '429-no-retry-after' sends none", async () => {
    const { item, id } = await itemWithJob([
      { op: 'get', kind: '429' },
      { op: 'get', kind: '429-no-retry-after' },
    ]);
    expect((await h.call('GET', h.jobUrl(item, id))).headers.get('retry-after')).toBe('1');
    const res = await h.call('GET', h.jobUrl(item, id));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
  });

  it("'429-http-date' sends Retry-After as an HTTP date retryAfter seconds ahead (default 2)", async () => {
    const { item, id } = await itemWithJob([{ op: 'get', kind: '429-http-date' }, { op: 'run', kind: '429-http-date', retryAfter: 30 }]);
    const res = await h.call('GET', h.jobUrl(item, id));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(new Date(clock.now() + 2000).toUTCString());
    const run = await h.run(item);
    expect(run.headers.get('retry-after')).toBe(new Date(clock.now() + 30_000).toUTCString());
  });

  it.each([
    ['500', 500, 'InternalServerError'],
    ['502', 502, 'BadGateway'],
    ['503', 503, 'ServiceUnavailable'],
  ] as const)("'%s' answers %i %s and creates no job", async (kind, status, errorCode) => {
    const item = newItem();
    await h.admin.setScenario(item, { faults: [{ op: 'run', kind }] });
    const res = await h.run(item);
    expect(res.status).toBe(status);
    expect(res.headers.get('x-ms-public-api-error-code')).toBe(errorCode);
    expect(await res.json()).toMatchObject({ errorCode, isRetriable: true });
    expect(await h.admin.jobs(item)).toEqual([]);
  });

  it("'reset' destroys the socket before doing anything: no job", async () => {
    const item = newItem();
    await h.admin.setScenario(item, { faults: [{ op: 'run', kind: 'reset' }] });
    expect(SOCKET_CODES).toContain(await socketError(h.run(item)));
    expect(await h.admin.jobs(item)).toEqual([]);
    const [entry] = (await h.admin.requests()).filter((r) => r.itemId === item);
    expect(entry).toMatchObject({ op: 'run', fault: 'reset', statusCode: null });
  });

  it("'reset-after-create' creates the job, then destroys the socket", async () => {
    const item = newItem();
    await h.admin.setScenario(item, { faults: [{ op: 'run', kind: 'reset-after-create' }] });
    expect(SOCKET_CODES).toContain(await socketError(h.run(item)));
    const jobs = await h.admin.jobs(item);
    expect(jobs).toHaveLength(1);
    const [entry] = (await h.admin.requests()).filter((r) => r.itemId === item);
    expect(entry).toMatchObject({ op: 'run', fault: 'reset-after-create', statusCode: null, jobInstanceId: jobs[0]?.id });
  });

  it("'slow' answers normally after delayMs, and a client that gives up still leaves a job behind", async () => {
    const item = newItem();
    await h.admin.setScenario(item, { faults: [{ op: 'run', kind: 'slow', delayMs: 1500 }, { op: 'run', kind: 'slow', delayMs: 20 }] });
    const outcome = await fetch(`${h.emulator.url}/v1/workspaces/${WS}/items/${item}/jobs/instances?jobType=X`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
      signal: AbortSignal.timeout(100),
    }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(outcome).toBe('TimeoutError');
    await vi.waitFor(async () => expect(await h.admin.jobs(item)).toHaveLength(1), { timeout: 60_000, interval: 50 });
    const res = await h.run(item);
    expect(res.status).toBe(202);
    expect(await h.admin.jobs(item)).toHaveLength(2);
    const entries = (await h.admin.requests()).filter((r) => r.itemId === item && r.op === 'run');
    expect(entries.map((e) => [e.fault, e.statusCode])).toEqual([
      ['slow', null],
      ['slow', 202],
    ]);
  });

  it("'not-found' answers 404 for a job that exists (the 404-right-after-start quirk)", async () => {
    const { item, id } = await itemWithJob([{ op: 'get', kind: 'not-found', count: 2 }]);
    expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(404);
    expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(404);
    expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(200);
  });

  it("'unknown-status' reports Throttling, or the given status", async () => {
    const { item, id } = await itemWithJob([{ op: 'get', kind: 'unknown-status' }, { op: 'get', kind: 'unknown-status', status: 'Paused' }]);
    expect(((await (await h.call('GET', h.jobUrl(item, id))).json()) as JobInstance).status).toBe('Throttling');
    expect(((await (await h.call('GET', h.jobUrl(item, id))).json()) as JobInstance).status).toBe('Paused');
    expect(((await (await h.call('GET', h.jobUrl(item, id))).json()) as JobInstance).status).toBe('InProgress');
  });

  it("'malformed-json' answers 200 with a body no JSON parser accepts (get and list)", async () => {
    const { item, id } = await itemWithJob([{ op: 'get', kind: 'malformed-json' }, { op: 'list', kind: 'malformed-json' }]);
    const get = await h.call('GET', h.jobUrl(item, id));
    expect(get.status).toBe(200);
    const text = await get.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const list = await h.call('GET', `/v1/workspaces/${WS}/items/${item}/jobs/instances`);
    expect(list.status).toBe(200);
    const listText = await list.text();
    expect(() => JSON.parse(listText)).toThrow(SyntaxError);
  });

  it("'no-location' answers 202 without Location, the id only in x-ms-job-id", async () => {
    const item = newItem();
    await h.admin.setScenario(item, { faults: [{ op: 'run', kind: 'no-location' }] });
    const res = await h.run(item);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBeNull();
    expect((await h.admin.jobs(item))[0]?.id).toBe(jobIdOf(res));
  });

  it("'unauthorized' answers 401 TokenExpired to a valid token", async () => {
    const { item, id } = await itemWithJob([{ op: 'cancel', kind: 'unauthorized' }]);
    const res = await h.call('POST', `${h.jobUrl(item, id)}/cancel`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: 'TokenExpired' });
    expect((await h.call('POST', `${h.jobUrl(item, id)}/cancel`)).status).toBe(202);
  });
});

describe('fault matching', () => {
  it('applies a fault only to its op, in order, count times; -1 means always', async () => {
    const { item, id } = await itemWithJob([
      { op: 'get', kind: '500', count: 2 },
      { op: 'get', kind: '503', count: -1 },
    ]);
    expect((await h.run(item)).status).toBe(202);
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await h.call('GET', h.jobUrl(item, id))).status);
    expect(statuses).toEqual([500, 500, 503, 503, 503]);
  });

  it('lets afterCount requests through before the fault starts', async () => {
    const { item, id } = await itemWithJob([{ op: 'get', kind: '502', afterCount: 2 }]);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await h.call('GET', h.jobUrl(item, id))).status);
    expect(statuses).toEqual([200, 200, 502, 200]);
  });

  it("'any' hits every operation of the item, schedules included", async () => {
    const { item, id } = await itemWithJob([{ op: 'any', kind: '503', count: 3 }]);
    expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(503);
    expect((await h.run(item)).status).toBe(503);
    expect((await h.call('GET', `/v1/workspaces/${WS}/items/${item}/jobs/RunNotebook/schedules`)).status).toBe(503);
    expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(200);
  });

  it('uses the default scenario for items without their own, and an item scenario over it', async () => {
    const isolated = await harness({ defaultScenario: { faults: [{ op: 'run', kind: '500', count: -1 }] }, scenarios: { [WS]: { durationMs: 5 } } });
    try {
      expect((await isolated.run(newItem())).status).toBe(500);
      expect((await isolated.run(WS)).status).toBe(202);
    } finally {
      await isolated.close();
    }
  });
});

describe("a notebook's job instance (beta) as a status read", () => {
  it("counts as a poll, is checked against Retry-After, takes the job's status faults; once the end was reported it reads details, not a poll", async () => {
    const { item, id } = await itemWithJob([{ op: 'get', kind: 'unknown-status', status: 'Paused' }]);
    const notebookUrl = `/v1/workspaces/${WS}/notebooks/${item}/jobs/execute/instances/${id}?beta=true`;
    // Right after the run's 202 (and its Retry-After): an early poll, with the job's status fault.
    const early = await h.call('GET', notebookUrl);
    expect(early.status).toBe(200);
    expect(((await early.json()) as JobInstance).status).toBe('Paused');
    expect(await h.admin.jobs(item)).toMatchObject([{ polls: 1, earlyPolls: 1 }]);
    clock.advance(61_000);
    const ended = await h.call('GET', notebookUrl);
    expect(((await ended.json()) as JobInstance).status).toBe('Completed');
    expect(await h.admin.jobs(item)).toMatchObject([{ polls: 2, earlyPolls: 1 }]);
    // The end is reported: reading the instance again at once (the details) is neither a poll nor early.
    const details = await h.call('GET', notebookUrl);
    expect(details.status).toBe(200);
    expect(await h.admin.jobs(item)).toMatchObject([{ polls: 2, earlyPolls: 1 }]);
    expect((await h.admin.requests()).filter((r) => r.jobInstanceId === id.toLowerCase() && r.op === 'notebook-get').map((r) => r.early ?? false)).toEqual([true, false, false]);
  });
});
