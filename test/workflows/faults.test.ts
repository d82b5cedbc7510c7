/** runFabricJob against the emulator's faults: throttling, server errors, resets, 401, 404. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { stateQuery } from '../../src/workflows/index.js';
import { failureOf } from './failures.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function requestsOf(itemId: string): Promise<RequestLogEntry[]> {
  return (await h.admin.requests()).filter((r) => r.itemId === itemId);
}

describe('runFabricJob under throttling', () => {
  it.each([
    ['with Retry-After in seconds', { kind: '429', retryAfter: 1 }],
    ['without Retry-After', { kind: '429-no-retry-after' }],
    ['with Retry-After as an HTTP date', { kind: '429-http-date', retryAfter: 2 }],
  ] as const)('rides out a 429 storm on the status polls %s', async (_label, fault) => {
    const input = await h.job({ durationMs: 2_000, faults: [{ op: 'get', count: 3, ...fault }] });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    const requests = await requestsOf(input.itemId);
    expect(requests.filter((r) => r.statusCode === 429)).toHaveLength(3);
    expect(requests.filter((r) => r.early)).toEqual([]);
    expect(requests.filter((r) => r.op === 'run')).toHaveLength(1);
  });

  it('retries a throttled start after Retry-After without starting twice', async () => {
    const input = await h.job({ durationMs: 1_000, faults: [{ op: 'run', kind: '429', retryAfter: 1, count: 2 }] });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    const runs = (await requestsOf(input.itemId)).filter((r) => r.op === 'run');
    expect(runs.map((r) => r.statusCode)).toEqual([429, 429, 202]);
    expect(await h.admin.jobs(input.itemId)).toHaveLength(1);
  });
});

describe('runFabricJob duplicate-safe start', () => {
  it('starts exactly one Fabric job when the run request fails with a 5xx', async () => {
    const input = await h.job({ durationMs: 1_000, faults: [{ op: 'run', kind: '503' }] });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    const requests = await requestsOf(input.itemId);
    expect(requests.filter((r) => r.op === 'run').map((r) => r.statusCode)).toEqual([503, 202]);
    // Looked for a job after the ambiguous 503, and again before the second POST.
    expect(requests.filter((r) => r.op === 'list').length).toBeGreaterThanOrEqual(2);
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    expect(result.jobInstanceId).toBe(jobs[0]!.id);
  });

  it('adopts the job a reset connection created instead of starting another', async () => {
    const input = await h.job({ durationMs: 1_000, faults: [{ op: 'run', kind: 'reset-after-create' }] });
    const handle = await h.start(input);
    const result = await handle.result();
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    expect(result).toMatchObject({ jobInstanceId: jobs[0]!.id, status: 'Completed' });
    expect((await requestsOf(input.itemId)).filter((r) => r.op === 'run')).toHaveLength(1);
    expect((await handle.query(stateQuery)).adopted).toBe(true);
  });

  it('adopts it on the next attempt when the look-up after the reset fails too (as after a worker crash)', async () => {
    const input = await h.job({
      durationMs: 1_000,
      faults: [
        { op: 'run', kind: 'reset-after-create' },
        { op: 'list', kind: '500' },
      ],
    });
    const handle = await h.start(input);
    const result = await handle.result();
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    expect(result.jobInstanceId).toBe(jobs[0]!.id);
    const requests = await requestsOf(input.itemId);
    expect(requests.filter((r) => r.op === 'run')).toHaveLength(1);
    expect(requests.filter((r) => r.op === 'list').map((r) => r.statusCode)).toEqual([500, 200]);
  });

  it('fails at once on a refused start (401), without a look-up and without a job', async () => {
    const input = await h.job({ faults: [{ op: 'run', kind: 'unauthorized', count: -1 }] });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricUnauthorized');
    const requests = await requestsOf(input.itemId);
    expect(requests.map((r) => [r.op, r.statusCode])).toEqual([
      ['run', 401],
      ['run', 401],
    ]);
    expect(await h.admin.jobs(input.itemId)).toHaveLength(0);
  });
});

describe('runFabricJob authorization', () => {
  it('fails FabricUnauthorized when Fabric keeps answering 401 after the token refresh', async () => {
    const input = await h.job({ durationMs: 5_000, faults: [{ op: 'get', kind: 'unauthorized', count: -1 }] });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricUnauthorized');
    expect(failure.nonRetryable).toBe(true);
    const requests = await requestsOf(input.itemId);
    // The poll (a notebook's: its notebook job instance): the first 401 and the client's single retry with a
    // refreshed token; no activity retries, no switch to the generic route (it would refuse the token too).
    // Then the clean-up: the cancel goes through, and its confirming poll meets the same 401s.
    expect(requests.map((r) => [r.op, r.statusCode])).toEqual([
      ['run', 202],
      ['notebook-get', 401],
      ['notebook-get', 401],
      ['cancel', 202],
      ['notebook-get', 401],
      ['notebook-get', 401],
    ]);
  });

  it('cancels the job before failing when a poll fails for good, so that no job is left running', async () => {
    const input = await h.job({ durationMs: 60_000, faults: [{ op: 'get', kind: 'unauthorized', count: 2 }] });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricUnauthorized');
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs.map((j) => j.status)).toEqual(['Cancelled']);
  });

  it('survives a single 401 (the client refreshes the token once)', async () => {
    const input = await h.job({ durationMs: 1_000, faults: [{ op: 'get', kind: 'unauthorized', count: 1 }] });
    expect((await (await h.start(input)).result()).status).toBe('Completed');
  });
});

describe('runFabricJob transient poll errors', () => {
  it('retries 5xx, resets and malformed answers on the status poll', async () => {
    const input = await h.job({
      durationMs: 1_500,
      faults: [
        { op: 'get', kind: '502' },
        { op: 'get', kind: 'reset' },
        { op: 'get', kind: 'malformed-json' },
      ],
    });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    // The first fails the notebook's route (a beta API): the next polls read the generic job instance.
    const faults = (await requestsOf(input.itemId)).flatMap((r) => (r.fault ? [[r.op, r.fault]] : []));
    expect(faults).toEqual([
      ['notebook-get', '502'],
      ['get', 'reset'],
      ['get', 'malformed-json'],
    ]);
  });

  it('fails FabricJobNotFound when a job it has seen vanishes', async () => {
    const input = await h.job({ durationMs: 10_000, faults: [{ op: 'get', kind: 'not-found', afterCount: 1, count: -1 }] });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricJobNotFound');
    expect(failure.nonRetryable).toBe(true);
    const requests = (await requestsOf(input.itemId)).filter((r) => r.op !== 'run');
    // A 404 on the notebook's route (a beta API) is checked on the generic route at the next poll, whose 404
    // decides. The clean-up asks Fabric to cancel it anyway; the confirming poll meets the 404 again.
    expect(requests.map((r) => [r.op, r.statusCode])).toEqual([
      ['notebook-get', 200],
      ['notebook-get', 404],
      ['get', 404],
      ['cancel', 202],
      ['get', 404],
    ]);
  });
});
