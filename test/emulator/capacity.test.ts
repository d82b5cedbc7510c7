/**
 * The capacity model: concurrent Spark job limits per workspace, HTTP 430 beyond them, and the
 * `430` fault kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPACITY_MESSAGE } from '../../src/emulator/capacity.js';
import { parseCli } from '../../src/emulator/cli-options.js';
import { WS, harness, jobIdOf, manualClock, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

const clock = manualClock();
let h: Harness;
beforeAll(async () => {
  h = await harness({ now: clock.now, defaultScenario: { durationMs: 10_000 } });
});
afterAll(() => h.close());

describe('capacity limits', () => {
  it('refuses a notebook beyond the limit with the documented 430 body, and admits it once a job ends', async () => {
    await h.admin.reset();
    await h.admin.setSparkJobLimit(WS, 2);
    const first = await h.run(newItem());
    const second = await h.run(newItem(), 'sparkjob');
    expect([first.status, second.status]).toEqual([202, 202]);

    const refused = await h.run(newItem());
    expect(refused.status).toBe(430);
    const body = (await refused.json()) as { errorCode: string; message: string; requestId?: string };
    expect(body.errorCode).toBe('TooManyRequestsForCapacity');
    expect(body.message).toBe(CAPACITY_MESSAGE);
    expect(body.requestId).toBeTruthy();
    expect(await h.admin.stats()).toMatchObject({ jobsStarted: 2 });

    clock.advance(10_001);
    expect((await h.run(newItem())).status).toBe(202);
  });

  it('refuses table maintenance too, but never a Spark job definition (Fabric queues those)', async () => {
    await h.admin.reset();
    await h.admin.setSparkJobLimit('default', 0);
    expect((await h.run(newItem(), 'TableMaintenance')).status).toBe(430);
    expect((await h.run(newItem(), 'sparkjob')).status).toBe(202);
    expect((await h.run(newItem(), 'Pipeline')).status).toBe(202);
  });

  it('keeps limits per workspace, and a reset restores the startup limits', async () => {
    await h.admin.reset();
    await h.admin.setSparkJobLimit('default', 0);
    await h.admin.setSparkJobLimit(WS, null);
    // WS has no limit of its own any more, so the default (0) applies.
    expect((await h.run(newItem())).status).toBe(430);
    await h.admin.setSparkJobLimit(WS, 1);
    expect((await h.run(newItem())).status).toBe(202);
    await h.admin.reset();
    expect((await h.run(newItem())).status).toBe(202);
  });

  it('rejects a bad limit', async () => {
    await expect(h.admin.setSparkJobLimit(WS, -1)).rejects.toThrow(/non-negative integer/);
    await expect(h.admin.setSparkJobLimit('not-a-uuid', 1)).rejects.toThrow(/neither a workspace id/);
  });
});

describe("the '430' fault kind", () => {
  it('refuses the first N run requests without creating a job, then lets them through', async () => {
    await h.admin.reset();
    const item = newItem();
    await h.admin.setScenario(item, { faults: [{ op: 'run', kind: '430', count: 2 }] });
    const answers = [await h.run(item), await h.run(item)];
    expect(answers.map((r) => r.status)).toEqual([430, 430]);
    expect(answers[0]!.headers.get('retry-after')).toBeNull();
    expect(await h.admin.jobs(item)).toHaveLength(0);
    jobIdOf(await h.run(item));
    expect(await h.admin.jobs(item)).toHaveLength(1);
  });

  it('sends Retry-After when the fault sets it, on a poll too', async () => {
    await h.admin.reset();
    const item = newItem();
    const id = jobIdOf(await h.run(item));
    await h.admin.setScenario(item, { faults: [{ op: 'get', kind: '430', retryAfter: 5 }] });
    const res = await h.call('GET', h.jobUrl(item, id));
    expect(res.status).toBe(430);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});

describe('--spark-job-limit', () => {
  it('sets the default limit, and refuses a bad value', () => {
    expect(parseCli(['--spark-job-limit', '3'])).toMatchObject({ sparkJobLimit: 3 });
    expect(() => parseCli(['--spark-job-limit', 'x'])).toThrow(/--spark-job-limit must be an integer from 0/);
  });
});
