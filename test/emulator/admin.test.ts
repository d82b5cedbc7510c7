/**
 * The admin API through EmulatorAdmin: scenarios, jobs, request log (with the early-poll flag), stats, reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin } from '../../src/emulator/index.js';
import { WS, harness, jobIdOf, manualClock, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

const clock = manualClock();
let h: Harness;
beforeAll(async () => {
  h = await harness({ now: clock.now, defaultScenario: { durationMs: 60_000 } });
});
afterAll(() => h.close());

describe('scenarios', () => {
  it('sets a scenario and returns it with defaults filled in', async () => {
    const item = newItem();
    expect(await h.admin.setScenario(item, { durationMs: 5 })).toEqual({
      queuedMs: 0,
      durationMs: 5,
      outcome: 'Completed',
      failureReason: { errorCode: 'JobInstanceStatusFailed', message: 'Job instance failed without detail error' },
      retryAfterSeconds: 1,
      cancelDelayMs: 500,
      faults: [],
      exitValue: null,
      activityRuns: [],
    });
    expect((await h.admin.scenarios()).items[item]?.durationMs).toBe(5);
    await h.admin.clearScenario(item);
    expect((await h.admin.scenarios()).items[item]).toBeUndefined();
  });

  it.each([
    ['an unknown outcome', { outcome: 'Exploded' }, 'scenario.outcome'],
    ['a negative duration', { durationMs: -1 }, 'scenario.durationMs'],
    ['an unknown field', { duration: 5 }, '"duration"'],
    ['an unknown fault kind', { faults: [{ op: 'get', kind: '418' }] }, 'scenario.faults[0].kind'],
    ['a fault count of 0', { faults: [{ op: 'get', kind: '500', count: 0 }] }, 'scenario.faults[0].count'],
    ["'not-found' on op run", { faults: [{ op: 'run', kind: 'not-found' }] }, "fault kind 'not-found' applies to op 'get' or 'details' only"],
    ['an activity run without a name', { activityRuns: [{ status: 'Failed' }] }, 'scenario.activityRuns[0].activityName'],
    ['an unknown activity run status', { activityRuns: [{ activityName: 'a', status: 'Exploded' }] }, 'scenario.activityRuns[0].status'],
    ["'no-location' on op any", { faults: [{ op: 'any', kind: 'no-location' }] }, "applies to op 'run' only"],
  ])('rejects %s with 400 and a message naming the problem', async (_what, scenario, expected) => {
    const err = (await h.admin.setScenario(newItem(), scenario as never).catch((e: unknown) => e)) as Error & { statusCode: number };
    expect(err.name).toBe('EmulatorAdminError');
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain(expected);
  });

  it('rejects a scenario key that is neither a UUID nor default, and a body that is not JSON', async () => {
    await expect(h.admin.setScenario('item-1', {})).rejects.toMatchObject({ statusCode: 400 });
    const res = await fetch(`${h.emulator.adminUrl}/scenarios/default`, { method: 'PUT', body: '{' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('not valid JSON');
  });

  it('answers 404 for unknown admin routes', async () => {
    await expect(new EmulatorAdmin(`${h.emulator.adminUrl}/nope`).stats()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('jobs and the request log', () => {
  it('lists jobs (optionally per item) with their timeline and poll counts', async () => {
    const item = newItem();
    const t0 = clock.now();
    const id = jobIdOf(await h.run(item, 'Pipeline', { executionData: { parameters: { a: 1 } } }));
    const other = jobIdOf(await h.run(newItem()));
    await h.call('GET', h.jobUrl(item, id));
    const jobs = await h.admin.jobs(item);
    expect(jobs).toEqual([
      {
        id,
        workspaceId: WS,
        itemId: item,
        jobType: 'Pipeline',
        status: 'InProgress',
        executionData: { parameters: { a: 1 } },
        createdAtMs: t0,
        startedAtMs: t0,
        polls: 1,
        earlyPolls: 1,
      },
    ]);
    const everyId = (await h.admin.jobs()).map((j) => j.id);
    expect(everyId).toContain(id);
    expect(everyId).toContain(other);
  });

  it('flags GETs that come before the last Retry-After has elapsed (25 ms tolerance)', async () => {
    const item = newItem();
    const since = (await h.admin.requests()).at(-1)?.seq ?? 0;
    const id = jobIdOf(await h.run(item)); // Retry-After: 1 → next poll allowed at +1000
    const poll = async (): Promise<boolean> => {
      expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(200);
      return (await h.admin.requests(since)).at(-1)?.early === true;
    };
    clock.advance(500);
    expect(await poll()).toBe(true); // +500 < +1000; Retry-After re-sent → +1500
    clock.advance(980);
    expect(await poll()).toBe(false); // +1480 is within 25 ms of +1500 → next +2480
    clock.advance(1000);
    expect(await poll()).toBe(false); // +2480
    const [job] = await h.admin.jobs(item);
    expect(job).toMatchObject({ polls: 3, earlyPolls: 1 });
    const log = await h.admin.requests(since);
    expect(log.map((e) => e.op)).toEqual(['run', 'get', 'get', 'get']);
    expect(log.every((e) => e.seq > since && e.itemId === item)).toBe(true);
  });

  it("counts a 429's Retry-After, including an HTTP date, as the one to respect", async () => {
    const item = newItem();
    const id = jobIdOf(await h.run(item));
    await h.admin.setScenario(item, { faults: [{ op: 'get', kind: '429-http-date', retryAfter: 10 }] });
    clock.advance(1000);
    expect((await h.call('GET', h.jobUrl(item, id))).status).toBe(429);
    clock.advance(5000);
    await h.call('GET', h.jobUrl(item, id));
    expect((await h.admin.requests()).at(-1)?.early).toBe(true);
  });

  it('keeps the request log bounded, seq still counting', async () => {
    const small = await harness({ requestLogLimit: 3 });
    try {
      for (let i = 0; i < 5; i += 1) await small.call('GET', `/v1/workspaces/${WS}/items/${newItem()}/jobs/instances`);
      expect((await small.admin.requests()).map((e) => e.seq)).toEqual([3, 4, 5]);
      expect((await small.admin.requests(3)).map((e) => e.seq)).toEqual([4, 5]);
      expect((await small.admin.stats()).requests).toBe(5);
    } finally {
      await small.close();
    }
  });
});

describe('stats and reset', () => {
  it('counts jobs, requests, early polls and running jobs; reset clears everything', async () => {
    const isolated = await harness({ now: clock.now, scenarios: { [WS]: { durationMs: 100 } } });
    try {
      const a = newItem();
      jobIdOf(await isolated.run(a));
      const id = jobIdOf(await isolated.run(a));
      jobIdOf(await isolated.run(WS));
      await isolated.call('GET', isolated.jobUrl(a, id));
      await isolated.admin.setScenario(a, { outcome: 'Failed' });
      clock.advance(150);
      expect(await isolated.admin.stats()).toEqual({
        jobsStarted: 3,
        jobsByItem: { [a]: 2, [WS]: 1 },
        requests: 4,
        earlyPolls: 1,
        running: 2,
        byOp: { run: 3, get: 1 },
      });
      await isolated.admin.reset();
      expect(await isolated.admin.stats()).toEqual({ jobsStarted: 0, jobsByItem: {}, requests: 0, earlyPolls: 0, running: 0, byOp: {} });
      expect(await isolated.admin.jobs()).toEqual([]);
      expect(await isolated.admin.requests()).toEqual([]);
      const scenarios = await isolated.admin.scenarios();
      expect(Object.keys(scenarios.items)).toEqual([WS]);
      expect(scenarios.items[WS]?.durationMs).toBe(100);
    } finally {
      await isolated.close();
    }
  });
});
