/**
 * Run details read when a job ends, over the real worker, dev server and emulator: a notebook's exit
 * value, a failed Data Pipeline's failing activity, and details reads that fail (503, 404,
 * malformed JSON) leaving the job's outcome exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/emulator/index.js';
import { FailureTypes, type RunFabricJobResult } from '../../src/shared.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** The failure's type and its RunFabricJobResult details. */
async function failureOf(promise: Promise<unknown>): Promise<{ type: string; result: RunFabricJobResult }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  const cause = (error as { cause?: { type: string; details: unknown[] } }).cause!;
  return { type: cause.type, result: cause.details[0] as RunFabricJobResult };
}

const activityRuns = [
  { activityName: 'Copy orders', activityType: 'Copy', output: { rowsCopied: 12 } },
  { activityName: 'Merge', activityType: 'Script', status: 'Failed' as const, error: { errorCode: '2011', message: 'Table sales is locked' } },
];

describe('run details', () => {
  it("adds a notebook's exit value and Spark links to the result", async () => {
    const input = await h.job({ durationMs: 500, exitValue: '{"rows": 42}' });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    expect(result.details).toMatchObject({ exitValue: '{"rows": 42}', livyId: expect.any(String), sparkJobDetailsUrl: expect.stringContaining('/sparkmonitor/') });
  });

  it("reads a notebook's status and details in one call per poll: no details read after the end, no generic read", async () => {
    const input = await h.job({ durationMs: 500, exitValue: 'done' });
    const handle = await h.start(input);
    const result = await handle.result();
    expect(result.details?.exitValue).toBe('done');
    const requests = (await h.admin.requests()).filter((r) => r.itemId === input.itemId);
    const ops = requests.map((r) => r.op);
    expect(ops.filter((op) => op === 'run')).toHaveLength(1);
    expect(ops.filter((op) => op !== 'run').every((op) => op === 'notebook-get')).toBe(true);
    expect(ops.filter((op) => op === 'notebook-get')).toHaveLength(result.polls);
    expect(requests.filter((r) => r.early)).toEqual([]);
    const events = (await handle.fetchHistory()).events ?? [];
    const scheduled = events.flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name ? [e.activityTaskScheduledEventAttributes.activityType.name] : []));
    expect(scheduled).toEqual(['runJob']);
  });

  it('falls back to the generic job instance when the notebook route fails, and then reads the details at the end', async () => {
    const input = await h.job({ durationMs: 500, exitValue: 'late', faults: [{ op: 'details', kind: '503', count: 1 }] });
    const result = await (await h.start(input)).result();
    expect(result.status).toBe('Completed');
    const ops = (await h.admin.requests()).filter((r) => r.itemId === input.itemId).map((r) => r.op);
    expect(ops).toContain('get');
    expect(result.details?.exitValue).toBe('late');
  });

  it('names the failing activity of a failed Data Pipeline and its error', async () => {
    const input = await h.job({ durationMs: 500, outcome: 'Failed', activityRuns }, { jobType: 'Pipeline' });
    const { type, result } = await failureOf((await h.start(input)).result());
    expect(type).toBe(FailureTypes.JobFailed);
    expect(result.details?.activityRuns).toEqual([
      expect.objectContaining({ activityName: 'Merge', activityType: 'Script', status: 'Failed', error: expect.objectContaining({ errorCode: '2011', message: 'Table sales is locked' }) }),
    ]);
  });

  it.each<[string, Fault]>([
    ['503', { op: 'details', kind: '503', count: -1 }],
    ['404', { op: 'details', kind: 'not-found', count: -1 }],
    ['malformed JSON', { op: 'details', kind: 'malformed-json', count: -1 }],
  ])('a details read failing with %s leaves the outcome unchanged', async (_what, fault) => {
    const notebook = await h.job({ durationMs: 500, exitValue: 'x', faults: [fault] });
    const completed = await (await h.start(notebook)).result();
    expect(completed.status).toBe('Completed');
    expect(completed.details).toBeUndefined();
    const pipeline = await h.job({ durationMs: 500, outcome: 'Failed', activityRuns, faults: [fault] }, { jobType: 'Pipeline' });
    const { type, result } = await failureOf((await h.start(pipeline)).result());
    expect(type).toBe(FailureTypes.JobFailed);
    expect(result.status).toBe('Failed');
    expect(result.details).toBeUndefined();
  });
});
