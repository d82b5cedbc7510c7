/** runFabricJob's abort paths: the Fabric job is cancelled on timeout and on workflow cancellation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import type { Fault } from '../../src/emulator/index.js';
import type { RunFabricJobInput } from '../../src/shared.js';
import { stateQuery } from '../../src/workflows/index.js';
import { failureOf } from './failures.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { eventsPerPoll, eventTypes } from './history.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function expectCancelled(result: Promise<unknown>): Promise<void> {
  const err = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
}

async function requestsOf(itemId: string) {
  return (await h.admin.requests()).filter((r) => r.itemId === itemId);
}

describe('runFabricJob timeout', () => {
  it('cancels the Fabric job, waits for Fabric to confirm, then fails FabricJobTimedOut', async () => {
    const input = await h.job({ durationMs: 60_000, cancelDelayMs: 1_500 }, { timeoutMs: 2_500 });
    const handle = await h.start(input);
    const failure = await failureOf(handle.result());
    expect(failure.type).toBe('FabricJobTimedOut');
    const [job] = await h.admin.jobs(input.itemId);
    expect(job!.status).toBe('Cancelled');
    expect(job!.cancelRequestedAtMs).toBeDefined();
    expect(failure.message).toContain(job!.id);
    expect(failure.details?.[0]).toMatchObject({ jobInstanceId: job!.id, status: 'Cancelled' });
    // Fabric's confirmation was awaited: the last poll saw the job Cancelled.
    const requests = await requestsOf(input.itemId);
    // A notebook's status is read on its notebook job instance.
    const lastGet = requests.filter((r) => r.op === 'notebook-get').at(-1);
    const cancel = requests.find((r) => r.op === 'cancel');
    expect(cancel?.statusCode).toBe(202);
    expect(lastGet!.seq).toBeGreaterThan(cancel!.seq);
    expect(requests.filter((r) => r.early)).toEqual([]);
    expect((await handle.query(stateQuery)).phase).toBe('done');
  });

  it('cancels the job a slow start created after the timeout passed', async () => {
    const input = await h.job({ durationMs: 60_000, faults: [{ op: 'run', kind: 'slow', delayMs: 3_000 }] }, { timeoutMs: 1_500 });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricJobTimedOut');
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.status).toBe('Cancelled');
    expect(failure.details?.[0]).toMatchObject({ jobInstanceId: jobs[0]!.id, status: 'Cancelled' });
  });

  it('stops a start that keeps failing at the timeout, and reports that no job was created', async () => {
    const input = await h.job({ faults: [{ op: 'run', kind: '503', count: -1 }] }, { timeoutMs: 3_000 });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricJobTimedOut');
    expect(failure.message).toContain('no job instance was created');
    expect(await h.admin.jobs(input.itemId)).toHaveLength(0);
  });
});

describe('runFabricJob timeout while the status API keeps failing', () => {
  const cases: [string, Fault, Partial<RunFabricJobInput>][] = [
    ['503 (local-activity poll)', { op: 'get', kind: '503', count: -1 }, {}],
    ['429 with Retry-After (local-activity poll)', { op: 'get', kind: '429', retryAfter: 1, count: -1 }, {}],
    ['503 (regular-activity poll)', { op: 'get', kind: '503', count: -1 }, { pollActivity: 'regular' }],
  ];
  // Without the deadline bounding the retried poll, these runs would never end (every GET fails). A job type
  // polled on the generic route only (a notebook's failing poll also reads its notebook route: faults.test.ts).
  it.each(cases)('ends FabricJobTimedOut and cancels the job when every status poll answers %s', async (_label, fault, extra) => {
    const input = await h.job({ durationMs: 60_000, faults: [fault] }, { timeoutMs: 4_000, jobType: 'TableMaintenance', ...extra });
    const handle = await h.start(input);
    const failure = await failureOf(handle.result());
    expect(failure.type).toBe('FabricJobTimedOut');
    expect(failure.message).toContain('Fabric has not confirmed its end');
    const [job] = await h.admin.jobs(input.itemId);
    expect(job!.cancelRequestedAtMs).toBeDefined();
    expect(failure.message).toContain(job!.id);
    const requests = await requestsOf(input.itemId);
    const cancel = requests.filter((r) => r.op === 'cancel');
    expect(cancel.map((r) => r.statusCode)).toEqual([202]);
    const gets = requests.filter((r) => r.op === 'get');
    expect(new Set(gets.map((r) => r.statusCode))).toEqual(new Set([Number(fault.kind)]));
    // The polls before the deadline were retried; after the cancel, one confirming poll, which failed too.
    expect(gets.filter((r) => r.seq < cancel[0]!.seq).length).toBeGreaterThanOrEqual(2);
    expect(gets.filter((r) => r.seq > cancel[0]!.seq)).toHaveLength(1);
    expect(requests.filter((r) => r.early)).toEqual([]);
    expect((await handle.query(stateQuery)).phase).toBe('done');
    // A failed poll, retried on a timer, adds what a successful one does (the last gap holds the cancel).
    const regular = extra.pollActivity === 'regular';
    const perFailedPoll = eventsPerPoll(await eventTypes(handle), regular ? 'ActivityTaskFailed' : 'MarkerRecorded').slice(0, -1);
    expect(perFailedPoll.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perFailedPoll)).toBeLessThanOrEqual(regular ? 11 : 6);
    console.log(`history events per failed poll (${regular ? 'regular' : 'local'} activity): ${JSON.stringify(perFailedPoll)}`);
  });
});

describe('runFabricJob timeout while a status poll is in flight', () => {
  it.each([['local', {}], ['regular', { pollActivity: 'regular' }]] as const)(
    'stops the %s-activity poll at the deadline and times out (not a poll failure)',
    async (_kind, extra) => {
      // The first GET answers after 8 s; the deadline comes 2 s after it was sent.
      const input = await h.job({ durationMs: 60_000, faults: [{ op: 'get', kind: 'slow', delayMs: 8_000 }] }, { timeoutMs: 3_000, ...extra });
      const failure = await failureOf((await h.start(input)).result());
      expect(failure.type).toBe('FabricJobTimedOut');
      const [job] = await h.admin.jobs(input.itemId);
      expect(job!.status).toBe('Cancelled');
      expect(failure.details?.[0]).toMatchObject({ jobInstanceId: job!.id, status: 'Cancelled' });
      const requests = await requestsOf(input.itemId);
      expect(requests.filter((r) => r.op === 'cancel').map((r) => r.statusCode)).toEqual([202]);
      expect(requests.filter((r) => r.early)).toEqual([]);
    },
  );
});

describe('runFabricJob cancellation', () => {
  it('cancels the Fabric job and ends Cancelled once Fabric confirms', async () => {
    const input = await h.job({ durationMs: 60_000, cancelDelayMs: 1_000 });
    const handle = await h.start(input);
    await expect.poll(async () => (await handle.query(stateQuery)).polls, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(1);
    await handle.cancel();
    await expectCancelled(handle.result());
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    const [job] = await h.admin.jobs(input.itemId);
    expect(job!.status).toBe('Cancelled');
    const state = await handle.query(stateQuery);
    expect(state).toMatchObject({ phase: 'done', status: 'Cancelled' });
    expect((await requestsOf(input.itemId)).filter((r) => r.early)).toEqual([]);
  });

  it('waits for a start in flight, then cancels the job it created', async () => {
    const input = await h.job({ durationMs: 60_000, faults: [{ op: 'run', kind: 'slow', delayMs: 2_000 }] });
    const handle = await h.start(input);
    await expect.poll(async () => (await requestsOf(input.itemId)).filter((r) => r.op === 'run').length, { timeout: 60_000, interval: 50 }).toBe(1);
    await handle.cancel();
    await expectCancelled(handle.result());
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.status).toBe('Cancelled');
    expect((await handle.query(stateQuery)).jobInstanceId).toBe(jobs[0]!.id);
    // The start's own result named the job: no listing was needed to find it.
    expect((await requestsOf(input.itemId)).filter((r) => r.op === 'list')).toHaveLength(0);
  });

  it('cancels the job a reset start created when cancelled during the start', async () => {
    // The reset POST created a job; the cancel arrives while the start looks for it.
    const input = await h.job({ durationMs: 60_000, faults: [{ op: 'run', kind: 'reset-after-create' }, { op: 'list', kind: 'slow', delayMs: 2_000 }] });
    const handle = await h.start(input);
    await expect.poll(async () => (await requestsOf(input.itemId)).filter((r) => r.op === 'list').length, { timeout: 60_000, interval: 50 }).toBe(1);
    await handle.cancel();
    await expectCancelled(handle.result());
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.status).toBe('Cancelled');
  });

  it('ends Cancelled without a job when cancelled while the start is retrying', async () => {
    const input = await h.job({ faults: [{ op: 'run', kind: '503', count: -1 }] });
    const handle = await h.start(input);
    await expect.poll(async () => (await requestsOf(input.itemId)).filter((r) => r.op === 'run').length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    await handle.cancel();
    await expectCancelled(handle.result());
    expect(await h.admin.jobs(input.itemId)).toHaveLength(0);
  });

  it('treats JobAlreadyCompleted as a confirmed cancel when the job ended between polls', async () => {
    // The job ends after 0.3 s; the first poll is due after 6 s; the cancel lands in between.
    const input = await h.job({ durationMs: 300, retryAfterSeconds: 6 });
    const handle = await h.start(input);
    await expect.poll(async () => (await requestsOf(input.itemId)).find((r) => r.op === 'run')?.statusCode, { timeout: 60_000, interval: 50 }).toBe(202);
    await expect.poll(async () => (await h.admin.jobs(input.itemId))[0]?.status, { timeout: 60_000, interval: 100 }).toBe('Completed');
    await handle.cancel();
    await expectCancelled(handle.result());
    const requests = await requestsOf(input.itemId);
    expect(requests.filter((r) => r.op === 'cancel').map((r) => r.statusCode)).toEqual([400]);
    expect(requests.filter((r) => r.early)).toEqual([]);
    expect(await handle.query(stateQuery)).toMatchObject({ phase: 'done', status: 'Completed' });
  });
});
