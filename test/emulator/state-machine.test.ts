/**
 * The job state machine over time: with a hand-moved clock (exact), and once with the real clock.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatFabricTime } from '../../src/emulator/index.js';
import type { JobInstance } from '../../src/fabric/models.js';
import { harness, jobIdOf, manualClock, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

const clock = manualClock();
let h: Harness;
beforeAll(async () => {
  h = await harness({ now: clock.now });
});
afterAll(() => h.close());

async function get(item: string, id: string): Promise<JobInstance> {
  const res = await h.call('GET', h.jobUrl(item, id));
  expect(res.status).toBe(200);
  return (await res.json()) as JobInstance;
}

const cancel = (item: string, id: string): Promise<Response> => h.call('POST', `${h.jobUrl(item, id)}/cancel`);

describe('job state machine (manual clock)', () => {
  it('goes NotStarted → InProgress → Completed with Fabric timestamps', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { queuedMs: 1000, durationMs: 2000 });
    const t0 = clock.now();
    const id = jobIdOf(await h.run(item));
    expect(await get(item, id)).toMatchObject({ status: 'NotStarted', startTimeUtc: null, endTimeUtc: null });
    clock.advance(999);
    expect((await get(item, id)).status).toBe('NotStarted');
    clock.advance(1);
    expect(await get(item, id)).toMatchObject({ status: 'InProgress', startTimeUtc: formatFabricTime(t0 + 1000), endTimeUtc: null });
    clock.advance(2000);
    expect(await get(item, id)).toMatchObject({
      status: 'Completed',
      startTimeUtc: formatFabricTime(t0 + 1000),
      endTimeUtc: formatFabricTime(t0 + 3000),
      failureReason: null,
    });
  });

  it('ends Failed with the default failureReason, or the scenario one', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { durationMs: 10, outcome: 'Failed' });
    const id = jobIdOf(await h.run(item));
    clock.advance(10);
    expect(await get(item, id)).toMatchObject({ status: 'Failed', failureReason: { errorCode: 'JobInstanceStatusFailed' } });
    const reason = { errorCode: 'NotebookCrashed', message: 'cell 3 raised', isRetriable: false };
    await h.admin.setScenario(item, { durationMs: 10, outcome: 'Failed', failureReason: reason });
    const id2 = jobIdOf(await h.run(item));
    clock.advance(10);
    expect((await get(item, id2)).failureReason).toEqual(reason);
  });

  it('makes Deduped jobs terminal at once, and ends outcome Cancelled jobs after their duration', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { outcome: 'Deduped' });
    const t0 = clock.now();
    const deduped = jobIdOf(await h.run(item));
    expect(await get(item, deduped)).toMatchObject({ status: 'Deduped', startTimeUtc: null, endTimeUtc: formatFabricTime(t0) });
    await h.admin.setScenario(item, { outcome: 'Cancelled', durationMs: 50 });
    const cancelled = jobIdOf(await h.run(item));
    expect((await get(item, cancelled)).status).toBe('InProgress');
    clock.advance(50);
    expect(await get(item, cancelled)).toMatchObject({ status: 'Cancelled', startTimeUtc: formatFabricTime(t0), endTimeUtc: formatFabricTime(t0 + 50) });
  });

  it('turns Cancelled cancelDelayMs after a cancel, keeping the first cancel time', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { durationMs: 10_000, cancelDelayMs: 300 });
    const t0 = clock.now();
    const id = jobIdOf(await h.run(item));
    clock.advance(100);
    expect((await cancel(item, id)).status).toBe(202);
    clock.advance(200);
    expect((await cancel(item, id)).status).toBe(202);
    expect((await get(item, id)).status).toBe('InProgress');
    clock.advance(100);
    expect(await get(item, id)).toMatchObject({ status: 'Cancelled', startTimeUtc: formatFabricTime(t0), endTimeUtc: formatFabricTime(t0 + 400) });
    expect((await cancel(item, id)).status).toBe(400);
    const [job] = await h.admin.jobs(item);
    expect(job).toMatchObject({ cancelRequestedAtMs: t0 + 100, endedAtMs: t0 + 400, status: 'Cancelled' });
  });

  it('cancels a NotStarted job without ever starting it', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { queuedMs: 5000, cancelDelayMs: 100 });
    const id = jobIdOf(await h.run(item));
    expect((await cancel(item, id)).status).toBe(202);
    clock.advance(100);
    expect(await get(item, id)).toMatchObject({ status: 'Cancelled', startTimeUtc: null });
  });

  it('lets the outcome win when the job ends before the cancel takes effect', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { durationMs: 100, cancelDelayMs: 500 });
    const id = jobIdOf(await h.run(item));
    clock.advance(50);
    expect((await cancel(item, id)).status).toBe(202);
    clock.advance(600);
    expect((await get(item, id)).status).toBe('Completed');
  });

  it('keeps the scenario a job started with when the scenario changes', async () => {
    const item = newItem();
    await h.admin.setScenario(item, { durationMs: 100, outcome: 'Failed', retryAfterSeconds: 7 });
    const id = jobIdOf(await h.run(item));
    await h.admin.setScenario(item, { durationMs: 10_000, retryAfterSeconds: 1 });
    clock.advance(100);
    const res = await h.call('GET', h.jobUrl(item, id));
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as JobInstance).status).toBe('Failed');
  });
});

describe('job state machine (real clock)', () => {
  it('reaches Completed on its own after a short duration', async () => {
    const real = await harness({ defaultScenario: { durationMs: 150 } });
    try {
      const item = newItem();
      const id = jobIdOf(await real.run(item));
      const seen = new Set<string>();
      await vi.waitFor(
        async () => {
          const job = (await (await real.call('GET', real.jobUrl(item, id))).json()) as JobInstance;
          seen.add(job.status);
          expect(job.status).toBe('Completed');
        },
        { timeout: 60_000, interval: 20 },
      );
      expect([...seen].every((s) => s === 'InProgress' || s === 'Completed')).toBe(true);
    } finally {
      await real.close();
    }
  });
});

describe('formatFabricTime', () => {
  it('writes UTC with seven fractional digits and no Z', () => {
    expect(formatFabricTime(Date.UTC(2023, 3, 22, 6, 35, 0, 781))).toBe('2023-04-22T06:35:00.7810000');
  });
});
