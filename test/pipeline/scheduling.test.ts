/**
 * fabricPipeline on a real Temporal dev server, real worker and the Fabric emulator: steps start
 * once their needs completed, independent steps overlap, maxParallel bounds them, templates render.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedProgress, maxOverlap, startPipelineHarness, type PipelineHarness } from './harness.js';

describe('fabricPipeline scheduling', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await startPipelineHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs independent steps in parallel and a dependant only after all its needs ended', async () => {
    const a = await h.step('a', { durationMs: 2_000 });
    const b = await h.step('b', { durationMs: 2_000 });
    const c = await h.step('c', {}, { needs: ['a', 'b'] });
    const handle = await h.startPipeline({ steps: [a, b, c], maxParallel: 4 });
    const result = await handle.result();

    expect(result.status).toBe('completed');
    expect(result.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['a', 'completed', 1],
      ['b', 'completed', 1],
      ['c', 'completed', 1],
    ]);
    const [jobA, jobB, jobC] = await Promise.all([h.onlyJob(a.itemId), h.onlyJob(b.itemId), h.onlyJob(c.itemId)]);
    // a and b were running at the same time in the emulator...
    expect(jobA.createdAtMs).toBeLessThan(jobB.endedAtMs!);
    expect(jobB.createdAtMs).toBeLessThan(jobA.endedAtMs!);
    // ...and c was created only after both had ended.
    expect(jobC.createdAtMs).toBeGreaterThanOrEqual(Math.max(jobA.endedAtMs!, jobB.endedAtMs!));
    expect(result.steps[2]!.jobInstanceId).toBe(jobC.id);
    expect(result.steps[2]!.workflowId).toBe(`${handle.workflowId}/c`);
  });

  it('never runs more than maxParallel steps at once', async () => {
    const steps = await Promise.all(['s1', 's2', 's3', 's4', 's5'].map((id) => h.step(id, { durationMs: 1_500 })));
    const handle = await h.startPipeline({ steps, maxParallel: 2 });
    const result = await handle.result();

    expect(result.steps.every((step) => step.status === 'completed')).toBe(true);
    const jobs = await Promise.all(steps.map((step) => h.onlyJob(step.itemId)));
    const intervals = jobs.map((job): [number, number] => [job.createdAtMs, job.endedAtMs!]);
    expect(maxOverlap(intervals)).toBe(2);
  });

  it('renders params, logicalDate and upstream job instance ids into executionData and parameters', async () => {
    const ingest = await h.step('ingest');
    const transform = await h.step('transform', {}, {
      needs: ['ingest'],
      executionData: {
        parameters: {
          region: { value: '{{ params.region }}', type: 'string' },
          days: '{{ params.days }}',
          label: 'run-{{ logicalDate }}-{{ params.region }}',
          source: '{{ steps.ingest.jobInstanceId }}',
        },
      },
      parameters: [{ name: 'source', type: 'Guid', value: '{{ steps.ingest.jobInstanceId }}' }],
    });
    const handle = await h.startPipeline({ steps: [ingest, transform], params: { region: 'apac', days: 7 }, logicalDate: '2024-05-01' });
    await handle.result();

    const ingestJob = await h.onlyJob(ingest.itemId);
    const transformJob = await h.onlyJob(transform.itemId);
    expect(transformJob.executionData).toEqual({
      parameters: { region: { value: 'apac', type: 'string' }, days: 7, label: 'run-2024-05-01-apac', source: ingestJob.id },
    });
    expect(transformJob.parameters).toEqual([{ name: 'source', type: 'Guid', value: ingestJob.id }]);
  });

  it("gives each step's runFabricJob the step's own job options (route, onDeduped, pollInterval over the pipeline's)", async () => {
    const deduped = await h.step('deduped', { outcome: 'Deduped' }, { runRoute: 'path', onDeduped: 'succeed', timeoutMs: 60_000, pollInterval: { minMs: 500 } });
    const handle = await h.startPipeline({ steps: [deduped] });
    await expect(handle.result()).resolves.toMatchObject({ status: 'completed', steps: [expect.objectContaining({ id: 'deduped', jobStatus: 'Deduped' })] });
    const posts = (await h.admin.requests()).filter((r) => r.method === 'POST' && r.itemId === deduped.itemId);
    expect(posts.map((r) => r.path)).toEqual([expect.stringMatching(/\/jobs\/RunNotebook\/instances$/)]);
    const { events } = await h.env.client.workflow.getHandle(`${handle.workflowId}/deduped`).fetchHistory();
    const [payload] = events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    expect(JSON.parse(Buffer.from(payload!.data!).toString('utf8'))).toMatchObject({ runRoute: 'path', onDeduped: 'succeed', timeoutMs: 60_000, pollInterval: { minMs: 500 } });
  });

  it('defaults logicalDate to the UTC date the pipeline started', async () => {
    const only = await h.step('only', {}, { executionData: { date: '{{ logicalDate }}' } });
    const handle = await h.startPipeline({ steps: [only], params: {} });
    const result = await handle.result();
    const started = (await handle.describe()).startTime.toISOString().slice(0, 10);
    expect(result.logicalDate).toBe(started);
    expect((await h.onlyJob(only.itemId)).executionData).toEqual({ date: started });
  });

  it('re-runs a failed step as new child workflows up to retry.maximumAttempts', async () => {
    const flaky = await h.step('flaky', { outcome: 'Failed', durationMs: 300 }, { retry: { maximumAttempts: 3, initialIntervalMs: 200 } });
    const after = await h.step('after', {}, { needs: ['flaky'] });
    const handle = await h.startPipeline({ steps: [flaky, after] });
    const { progress, type } = await failedProgress(handle);

    expect(type).toBe('FabricPipelineFailed');
    const step = progress.steps[0]!;
    expect(step).toMatchObject({ status: 'failed', attempts: 3, workflowId: `${handle.workflowId}/flaky/attempt-3`, jobStatus: 'Failed' });
    expect(step.failureReason?.errorCode).toBe('JobInstanceStatusFailed');
    expect(progress.steps[1]).toMatchObject({ status: 'skipped', skipReason: 'needs "flaky", which failed' });
    const jobs = await h.admin.jobs(flaky.itemId);
    expect(jobs).toHaveLength(3);
    expect(step.jobInstanceId).toBe(jobs.toSorted((x, y) => x.createdAtMs - y.createdAtMs)[2]!.id);
    await expect(h.env.client.workflow.getHandle(`${handle.workflowId}/flaky/attempt-2`).describe()).resolves.toMatchObject({ status: { name: 'FAILED' } });
    expect(await h.admin.jobs(after.itemId)).toHaveLength(0);
  });
});
