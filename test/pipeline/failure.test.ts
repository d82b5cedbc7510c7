/**
 * fabricPipeline failure paths on a real dev server + emulator: a failed step cancels running
 * siblings (their Fabric jobs too), compensations run in reverse completion order, continueOnFailure
 * lets dependants run, and cancelling the pipeline cancels every running Fabric job.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedProgress, startPipelineHarness, type PipelineHarness } from './harness.js';
import { testWorkflowCode } from '../helpers/temporal.js';

describe('fabricPipeline failures', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await startPipelineHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('cancels running steps, skips the rest and compensates completed steps in reverse completion order', async () => {
    const undoFirst = await h.item();
    const undoSecond = await h.item();
    const first = await h.step('first', { durationMs: 500 }, {
      compensate: { workspaceId: h.workspaceId, itemId: undoFirst, jobType: 'RunNotebook', executionData: { undo: '{{ steps.first.jobInstanceId }}' } },
    });
    const second = await h.step('second', { durationMs: 500 }, {
      needs: ['first'],
      compensate: { workspaceId: h.workspaceId, itemId: undoSecond, jobType: 'RunNotebook' },
    });
    const slow = await h.step('slow', { durationMs: 60_000 }, { needs: ['first'] });
    const broken = await h.step('broken', { outcome: 'Failed', durationMs: 500, failureReason: { errorCode: 'NotebookError', message: 'division by zero' } }, { needs: ['second'] });
    const after = await h.step('after', {}, { needs: ['broken'] });
    const tail = await h.step('tail', {}, { needs: ['slow'] });
    const handle = await h.startPipeline({ steps: [first, second, slow, broken, after, tail] });

    const { type, message, progress } = await failedProgress(handle);
    expect(type).toBe('FabricPipelineFailed');
    expect(message).toBe('pipeline "test": step "broken" failed: division by zero');
    expect(progress.status).toBe('failed');
    const byId = Object.fromEntries(progress.steps.map((step) => [step.id, step]));
    expect(byId.first).toMatchObject({ status: 'compensated', compensation: { status: 'completed', workflowId: `${handle.workflowId}/first/compensate` } });
    expect(byId.second).toMatchObject({ status: 'compensated', compensation: { status: 'completed' } });
    expect(byId.slow).toMatchObject({ status: 'cancelled', failureReason: { errorCode: 'StepCancelled', message: 'cancelled by the pipeline' } });
    expect(byId.broken).toMatchObject({ status: 'failed', failureReason: { errorCode: 'NotebookError', message: 'division by zero' } });
    expect(byId.after).toMatchObject({ status: 'skipped', skipReason: 'needs "broken", which failed' });
    expect(byId.tail).toMatchObject({ status: 'skipped', skipReason: 'the pipeline failed' });

    // The slow step's Fabric job was asked to cancel; nothing ran for the skipped step.
    const slowJob = await h.onlyJob(slow.itemId);
    expect(slowJob.cancelRequestedAtMs).toBeGreaterThan(0);
    expect(slowJob.status).toBe('Cancelled');
    expect(await h.admin.jobs(after.itemId)).toHaveLength(0);
    expect(await h.admin.jobs(tail.itemId)).toHaveLength(0);

    // Compensations: second's (completed last) first, one after the other, after the failure.
    const [firstJob, secondJob, brokenJob] = await Promise.all([h.onlyJob(first.itemId), h.onlyJob(second.itemId), h.onlyJob(broken.itemId)]);
    const [undoFirstJob, undoSecondJob] = await Promise.all([h.onlyJob(undoFirst), h.onlyJob(undoSecond)]);
    expect(secondJob.endedAtMs!).toBeGreaterThan(firstJob.endedAtMs!);
    expect(undoSecondJob.createdAtMs).toBeGreaterThan(brokenJob.endedAtMs!);
    expect(undoFirstJob.createdAtMs).toBeGreaterThanOrEqual(undoSecondJob.endedAtMs!);
    expect(undoFirstJob.executionData).toEqual({ undo: firstJob.id });
    expect(byId.first!.compensation!.jobInstanceId).toBe(undoFirstJob.id);

    // The history replays deterministically (cancellations, compensations, skips).
    await Worker.runReplayHistory(testWorkflowCode(), await handle.fetchHistory(), handle.workflowId);
  });

  it('records a failed compensation and still runs the others', async () => {
    const undoA = await h.item();
    const undoB = await h.item({ outcome: 'Failed' });
    const a = await h.step('a', {}, { compensate: { workspaceId: h.workspaceId, itemId: undoA, jobType: 'RunNotebook' } });
    const b = await h.step('b', {}, { needs: ['a'], compensate: { workspaceId: h.workspaceId, itemId: undoB, jobType: 'RunNotebook' } });
    const c = await h.step('c', { outcome: 'Failed' }, { needs: ['b'] });
    const { progress } = await failedProgress(await h.startPipeline({ steps: [a, b, c] }));

    expect(progress.steps.map((step) => [step.id, step.status, step.compensation?.status])).toEqual([
      ['a', 'compensated', 'completed'],
      ['b', 'compensationFailed', 'failed'],
      ['c', 'failed', undefined],
    ]);
    expect(progress.steps[1]!.compensation!.jobInstanceId).toBe((await h.onlyJob(undoB)).id);
  });

  it('continueOnFailure: the step counts as failed, its dependants still run and the pipeline completes', async () => {
    const optional = await h.step('optional', { outcome: 'Failed' }, { continueOnFailure: true });
    const next = await h.step('next', {}, { needs: ['optional'], executionData: { upstream: '{{ steps.optional.jobInstanceId }}' } });
    const result = await (await h.startPipeline({ steps: [optional, next] })).result();

    expect(result.status).toBe('completed');
    expect(result.steps[0]).toMatchObject({ status: 'failed', continued: true, jobStatus: 'Failed' });
    expect(result.steps[1]!.status).toBe('completed');
    expect((await h.onlyJob(next.itemId)).executionData).toEqual({ upstream: (await h.onlyJob(optional.itemId)).id });
  });

  it('cancelling the pipeline cancels every running Fabric job, starts nothing more and ends Cancelled', async () => {
    const left = await h.step('left', { durationMs: 60_000 });
    const right = await h.step('right', { durationMs: 60_000 });
    const later = await h.step('later', {}, { needs: ['left', 'right'] });
    const handle = await h.startPipeline({ steps: [left, right, later] });
    await h.waitForProgress(handle, () => true);
    // Wait until both Fabric jobs exist, then cancel the pipeline.
    // Polled with a generous bound: under load the two starts can take much longer than usual.
    await expect.poll(async () => (await h.admin.jobs(left.itemId)).length + (await h.admin.jobs(right.itemId)).length, { timeout: 60_000, interval: 100 }).toBe(2);
    await handle.cancel();

    const error = await handle.result().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause?.name).toBe('CancelledFailure');
    const [leftJob, rightJob] = await Promise.all([h.onlyJob(left.itemId), h.onlyJob(right.itemId)]);
    expect(leftJob.cancelRequestedAtMs).toBeGreaterThan(0);
    expect(rightJob.cancelRequestedAtMs).toBeGreaterThan(0);
    expect(await h.admin.jobs(later.itemId)).toHaveLength(0);
    const progress = await h.progress(handle);
    expect(progress.status).toBe('cancelled');
    expect(progress.steps.map((step) => step.status)).toEqual(['cancelled', 'cancelled', 'skipped']);
    expect(progress.steps[0]!.failureReason).toEqual({ errorCode: 'StepCancelled', message: 'cancelled by the pipeline' });
    expect((await handle.describe()).status.name).toBe('CANCELLED');
  });

  it('cancelling the pipeline during a compensation cancels that compensation and reports it cancelled', async () => {
    const slowUndo = await h.item({ durationMs: 60_000 });
    const done = await h.step('done', {}, { compensate: { workspaceId: h.workspaceId, itemId: slowUndo, jobType: 'RunNotebook' } });
    const broken = await h.step('broken', { outcome: 'Failed' }, { needs: ['done'] });
    const handle = await h.startPipeline({ steps: [done, broken] });
    await h.waitForProgress(handle, (progress) => progress.steps[0]!.compensation?.status === 'running');
    await expect.poll(async () => (await h.admin.jobs(slowUndo)).length, { timeout: 60_000, interval: 100 }).toBe(1);
    await handle.cancel();

    const error = await handle.result().catch((err: unknown) => err);
    expect((error as WorkflowFailedError).cause?.name).toBe('CancelledFailure');
    expect((await h.onlyJob(slowUndo)).cancelRequestedAtMs).toBeGreaterThan(0);
    const progress = await h.progress(handle);
    expect(progress.status).toBe('cancelled');
    expect(progress.steps[0]).toMatchObject({ status: 'completed', compensation: { status: 'cancelled', workflowId: `${handle.workflowId}/done/compensate` } });
    await Worker.runReplayHistory(testWorkflowCode(), await handle.fetchHistory(), handle.workflowId);
  });
});
