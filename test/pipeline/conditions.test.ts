/**
 * `when:` on pipeline steps over the real worker, dev server and emulator: a condition that skips a
 * step, and a failure branch that runs only after an upstream failure (the pipeline still fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedProgress, startPipelineHarness, type PipelineHarness } from './harness.js';

let h: PipelineHarness;
beforeAll(async () => {
  h = await startPipelineHarness();
});
afterAll(async () => h?.close());

const statuses = (progress: { steps: { id: string; status: string; skipReason?: string }[] }) => progress.steps.map((s) => [s.id, s.status, s.skipReason]);

describe('step outputs', () => {
  it("passes a notebook's exit value, and its JSON fields, to a downstream step's executionData", async () => {
    const count = await h.step('count', { durationMs: 300, exitValue: '{"rows": 3, "table": "sales"}' });
    const load = await h.step('load', { durationMs: 300 }, {
      needs: ['count'],
      jobType: 'Pipeline',
      when: 'steps.count.exitValue.rows > 0',
      executionData: { parameters: { table: '{{ steps.count.exitValue.table }}', rows: '{{ steps.count.exitValue.rows }}', raw: 'got {{ steps.count.exitValue }}' } },
    });
    const result = await (await h.startPipeline({ steps: [count, load] })).result();
    expect(result.steps[0]).toMatchObject({ status: 'completed', details: { exitValue: '{"rows": 3, "table": "sales"}' } });
    expect((await h.onlyJob(load.itemId)).executionData).toEqual({ parameters: { table: 'sales', rows: 3, raw: 'got {"rows": 3, "table": "sales"}' } });
  });
});

describe('conditional steps', () => {
  it('skips a step whose condition is false (and the plain steps that need it), without starting its job', async () => {
    const a = await h.step('a', { durationMs: 300 });
    const b = await h.step('b', {}, { needs: ['a'], when: "steps.a.status == 'Failed'" });
    const c = await h.step('c', {}, { needs: ['b'] });
    const d = await h.step('d', { durationMs: 300 }, { needs: ['a'], when: "steps.a.status == 'Completed' && params.region == 'emea'" });
    const handle = await h.startPipeline({ steps: [a, b, c, d], params: { region: 'emea' } });
    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(statuses(result)).toEqual([
      ['a', 'completed', undefined],
      ['b', 'skipped', "when is false: steps.a.status == 'Failed'"],
      ['c', 'skipped', 'needs "b", which was skipped'],
      ['d', 'completed', undefined],
    ]);
    expect(await h.admin.jobs(b.itemId)).toEqual([]);
    expect(await h.admin.jobs(c.itemId)).toEqual([]);
    expect(await h.admin.jobs(d.itemId)).toHaveLength(1);
  });

  it('runs a failure branch only after the upstream failure, then fails the pipeline', async () => {
    const failureReason = { errorCode: 'NotebookExecutionFailed', message: 'boom' };
    const load = await h.step('load', { durationMs: 300, outcome: 'Failed', failureReason });
    const next = await h.step('next', {}, { needs: ['load'] });
    const notify = await h.step('notify', { durationMs: 300 }, { needs: ['load'], when: "steps.load.status == 'Failed'", executionData: { reason: '{{ steps.load.status }}' } });
    const onSuccess = await h.step('on_success', {}, { needs: ['load'], when: "steps.load.status == 'Completed'" });
    const handle = await h.startPipeline({ steps: [load, next, notify, onSuccess] });
    const { type, message, progress } = await failedProgress(handle);
    expect(type).toBe('FabricPipelineFailed');
    expect(message).toContain('step "load" failed: boom');
    expect(statuses(progress)).toEqual([
      ['load', 'failed', undefined],
      ['next', 'skipped', 'needs "load", which failed'],
      ['notify', 'completed', undefined],
      ['on_success', 'skipped', "when is false: steps.load.status == 'Completed'"],
    ]);
    const notified = await h.onlyJob(notify.itemId);
    expect(notified.executionData).toEqual({ reason: 'Failed' });
    expect(await h.admin.jobs(next.itemId)).toEqual([]);
    expect(await h.admin.jobs(onSuccess.itemId)).toEqual([]);
  });
});
