/** runFabricJob against the emulator: terminal outcomes, poll cadence, history size, query, search attributes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { SEARCH_ATTRIBUTES } from '../../src/shared.js';
import type { RunFabricJobState } from '../../src/shared.js';
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

describe('runFabricJob outcomes', () => {
  it('returns the result of a Completed job', async () => {
    const input = await h.job({ durationMs: 1_500 });
    const result = await (await h.start(input)).result();
    const jobs = await h.admin.jobs(input.itemId);
    expect(jobs).toHaveLength(1);
    expect(result).toMatchObject({ jobInstanceId: jobs[0]!.id, status: 'Completed', failureReason: null });
    expect(result.startTimeUtc).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(result.endTimeUtc).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(result.polls).toBeGreaterThanOrEqual(1);
    expect(jobs[0]!.polls).toBe(result.polls);
  });

  it('fails FabricJobFailed with the failureReason surfaced', async () => {
    const failureReason = { errorCode: 'NotebookExecutionFailed', message: 'cell 3 raised ZeroDivisionError' };
    const input = await h.job({ outcome: 'Failed', failureReason });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricJobFailed');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('NotebookExecutionFailed: cell 3 raised ZeroDivisionError');
    expect(failure.details?.[0]).toMatchObject({ status: 'Failed', failureReason });
  });

  it('fails FabricJobDeduped on a Deduped job by default', async () => {
    const input = await h.job({ outcome: 'Deduped' });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricJobDeduped');
    expect(failure.details?.[0]).toMatchObject({ status: 'Deduped' });
  });

  it("succeeds on a Deduped job with onDeduped 'succeed'", async () => {
    const input = await h.job({ outcome: 'Deduped' }, { onDeduped: 'succeed' });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Deduped');
    expect(await h.admin.jobs(input.itemId)).toHaveLength(1);
  });

  it('fails FabricJobCancelled when the job is cancelled outside the workflow', async () => {
    const input = await h.job({ outcome: 'Cancelled' });
    const failure = await failureOf((await h.start(input)).result());
    expect(failure.type).toBe('FabricJobCancelled');
  });

  it('keeps polling through a status it does not know', async () => {
    const input = await h.job({ durationMs: 2_500, faults: [{ op: 'get', kind: 'unknown-status', status: 'Throttling', count: 2 }] });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    const faulted = (await h.admin.requests()).filter((r) => r.itemId === input.itemId && r.fault === 'unknown-status');
    expect(faulted).toHaveLength(2);
    expect(result.polls).toBeGreaterThanOrEqual(3);
  });

  it('keeps polling through 404s right after the start', async () => {
    const input = await h.job({ durationMs: 2_500, faults: [{ op: 'get', kind: 'not-found', count: 2 }] });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    // A 404 on the notebook's route (a beta API, which may never know a run) moves the polls to the generic
    // route, where the just-started 404 is known.
    const gets = (await h.admin.requests()).filter((r) => r.itemId === input.itemId && (r.op === 'get' || r.op === 'notebook-get'));
    expect(gets.slice(0, 2).map((r) => [r.op, r.statusCode])).toEqual([
      ['notebook-get', 404],
      ['get', 404],
    ]);
  });
});

describe('runFabricJob poll cadence and history', () => {
  it('never polls before Retry-After, and no more often than needed', async () => {
    // Retry-After 1 s, job of 3 s: the polls at ≥1 s, ≥2 s, ≥3 s suffice; a fourth can only come from latency.
    const input = await h.job({ durationMs: 3_000, retryAfterSeconds: 1 }, { pollInterval: { minMs: 100 } });
    const result = await (await h.start(input)).result();
    const requests = (await h.admin.requests()).filter((r) => r.itemId === input.itemId);
    expect(requests.filter((r) => r.early)).toEqual([]);
    // A notebook is polled on its notebook job instance (status and details in one read).
    const gets = requests.filter((r) => r.op === 'notebook-get');
    expect(requests.filter((r) => r.op === 'get')).toEqual([]);
    expect(gets.length).toBe(result.polls);
    expect(gets.length).toBeGreaterThanOrEqual(1);
    expect(gets.length).toBeLessThanOrEqual(4);
    expect(requests.filter((r) => r.op === 'run')).toHaveLength(1);
  });

  it('clamps a short Retry-After up to pollInterval.minMs', async () => {
    // Retry-After 1 s but minMs 2 s: polls come ≥2 s and ≥4 s after the start, so a 3 s job needs at most 2
    // (unclamped, it would get 3 or 4).
    const input = await h.job({ durationMs: 3_000, retryAfterSeconds: 1 }, { pollInterval: { minMs: 2_000 } });
    const result = await (await h.start(input)).result();
    expect(result.polls).toBeGreaterThanOrEqual(1);
    expect(result.polls).toBeLessThanOrEqual(2);
    expect((await h.admin.requests()).filter((r) => r.itemId === input.itemId && r.early)).toEqual([]);
  });

  it('adds at most 6 history events per poll with the local-activity poll', async () => {
    // A job type without run details: the details read at the end (a patch marker and an activity) is not a poll.
    const input = await h.job({ durationMs: 4_000, retryAfterSeconds: 1 }, { pollInterval: { minMs: 100 }, jobType: 'TableMaintenance' });
    const handle = await h.start(input);
    const result = await handle.result();
    const perPoll = eventsPerPoll(await eventTypes(handle), 'MarkerRecorded');
    expect(perPoll).toHaveLength(result.polls - 1);
    expect(perPoll.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perPoll)).toBeLessThanOrEqual(6);
    console.log(`history events per poll (local activity): ${JSON.stringify(perPoll)}`);
  });

  it('adds 11 history events per poll with the regular-activity poll', async () => {
    const input = await h.job({ durationMs: 4_000, retryAfterSeconds: 1 }, { pollInterval: { minMs: 100 }, pollActivity: 'regular', jobType: 'TableMaintenance' });
    const handle = await h.start(input);
    const result = await handle.result();
    const types = await eventTypes(handle);
    expect(types).not.toContain('MarkerRecorded');
    const perPoll = eventsPerPoll(types, 'ActivityTaskCompleted').slice(1);
    expect(perPoll).toHaveLength(result.polls - 1);
    expect(new Set(perPoll)).toEqual(new Set([11]));
    console.log(`history events per poll (regular activity): ${JSON.stringify(perPoll)}`);
  });
});

describe('runFabricJob state query and search attributes', () => {
  it('answers the state query while polling and after the end', async () => {
    const input = await h.job({ durationMs: 6_000, retryAfterSeconds: 1 });
    const handle = await h.start(input);
    let state: RunFabricJobState | undefined;
    await expect
      .poll(async () => (state = await handle.query(stateQuery)).polls, { timeout: 60_000, interval: 200 })
      .toBeGreaterThanOrEqual(1);
    const [job] = await h.admin.jobs(input.itemId);
    expect(state).toMatchObject({ phase: 'polling', jobInstanceId: job!.id, adopted: false });
    expect(['NotStarted', 'InProgress']).toContain(state!.status);
    expect(state!.instance?.id).toBe(job!.id);
    expect(Date.parse(state!.startedAt)).toBeGreaterThan(0);
    const result = await handle.result();
    const final = await handle.query(stateQuery);
    expect(final).toMatchObject({ phase: 'done', status: 'Completed', polls: result.polls, jobInstanceId: job!.id });
    expect(final.nextPollAt).toBeUndefined();
  });

  it('shows the next poll time while waiting', async () => {
    const input = await h.job({ durationMs: 3_000, retryAfterSeconds: 2 });
    const handle = await h.start(input);
    await expect.poll(async () => (await handle.query(stateQuery)).nextPollAt, { timeout: 60_000, interval: 100 }).toMatch(/Z$/);
    await handle.result();
  });

  it('upserts the Fabric search attributes when asked', async () => {
    const input = await h.job({ durationMs: 1_500 }, { searchAttributes: true });
    const handle = await h.start(input);
    const result = await handle.result();
    const { typedSearchAttributes } = await handle.describe();
    const get = (name: string) => typedSearchAttributes.get(defineSearchAttributeKey(name, SearchAttributeType.KEYWORD));
    expect(get(SEARCH_ATTRIBUTES.workspaceId)).toBe(input.workspaceId);
    expect(get(SEARCH_ATTRIBUTES.itemId)).toBe(input.itemId);
    expect(get(SEARCH_ATTRIBUTES.jobType)).toBe('RunNotebook');
    expect(get(SEARCH_ATTRIBUTES.jobInstanceId)).toBe(result.jobInstanceId);
    expect(get(SEARCH_ATTRIBUTES.status)).toBe('Completed');
  });

  it('leaves the search attributes alone by default', async () => {
    const input = await h.job({ durationMs: 1_000 });
    const handle = await h.start(input);
    await handle.result();
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD))).toBeUndefined();
  });

  it('fails FabricInvalidInput at once on a bad input', async () => {
    const input = await h.job({});
    const failure = await failureOf((await h.start({ ...input, itemId: 'a/b/c.Notebook' })).result());
    expect(failure.type).toBe('FabricInvalidInput');
    expect(failure.message).toContain('itemId "a/b/c.Notebook": a path has two parts');
    expect(await h.admin.jobs(input.itemId)).toHaveLength(0);
  });
});
