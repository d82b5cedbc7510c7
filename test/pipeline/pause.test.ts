/**
 * onFailure: pause on a real dev server + emulator: a failed step waits for an operator, the other
 * branches go on, and the `retry` / `skip` / `abort` updates (with their validators) decide.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PIPELINE_ABORT_UPDATE,
  PIPELINE_RETRY_UPDATE,
  PIPELINE_SKIP_UPDATE,
  type PipelineStepProgress,
} from '../../src/contracts/pipeline.js';
import { failedProgress, startPipelineHarness, type PipelineHarness } from './harness.js';
import { testWorkflowCode } from '../helpers/temporal.js';

/** The validator's message of a rejected update. */
async function rejection(update: Promise<unknown>): Promise<string> {
  const error = await update.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause?.message ?? '';
}

describe('fabricPipeline with onFailure: pause', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await startPipelineHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('waits for a decision while other branches go on; retry runs the step again', async () => {
    const flaky = await h.step('flaky', { outcome: 'Failed' });
    const next = await h.step('next', {}, { needs: ['flaky'] });
    const other = await h.step('other', { durationMs: 1_500 });
    const handle = await h.startPipeline({ steps: [flaky, next, other], onFailure: 'pause' });

    const paused = await h.waitForProgress(handle, (p) => p.status === 'paused' && p.steps[2]!.status === 'completed');
    expect(paused.steps[0]).toMatchObject({ status: 'failed', awaitingDecision: true, attempts: 1 });
    expect(paused.steps[1]!.status).toBe('pending');
    expect(await h.admin.jobs(next.itemId)).toHaveLength(0);

    // The validators refuse unknown steps and steps that did not fail.
    expect(await rejection(handle.executeUpdate(PIPELINE_RETRY_UPDATE, { args: ['flakey'] }))).toBe('unknown step "flakey" (steps: flaky, next, other)');
    expect(await rejection(handle.executeUpdate(PIPELINE_SKIP_UPDATE, { args: ['next'] }))).toBe('step "next" is pending, not failed and waiting for a decision');
    expect(await rejection(handle.executeUpdate(PIPELINE_RETRY_UPDATE, { args: ['other'] }))).toBe('step "other" is completed, not failed and waiting for a decision');

    await h.admin.setScenario(flaky.itemId, { retryAfterSeconds: 1, durationMs: 500 });
    const retried = await handle.executeUpdate<PipelineStepProgress, [string]>(PIPELINE_RETRY_UPDATE, { args: ['flaky'] });
    expect(retried.id).toBe('flaky');

    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(result.steps.map((step) => [step.id, step.status])).toEqual([
      ['flaky', 'completed'],
      ['next', 'completed'],
      ['other', 'completed'],
    ]);
    expect(result.steps[0]).toMatchObject({ attempts: 2, workflowId: `${handle.workflowId}/flaky/attempt-2`, failureReason: null });
    expect(await h.admin.jobs(flaky.itemId)).toHaveLength(2);
    // Rejected and accepted updates replay deterministically.
    await Worker.runReplayHistory(testWorkflowCode(), await handle.fetchHistory(), handle.workflowId);
  });

  it('skip marks the failed step skipped and its dependants run', async () => {
    const broken = await h.step('broken', { outcome: 'Failed' });
    const next = await h.step('next', {}, { needs: ['broken'] });
    const handle = await h.startPipeline({ steps: [broken, next], onFailure: 'pause' });
    await h.waitForProgress(handle, (p) => p.status === 'paused');

    const skipped = await handle.executeUpdate<PipelineStepProgress, [string]>(PIPELINE_SKIP_UPDATE, { args: ['broken'] });
    expect(skipped).toMatchObject({ id: 'broken', status: 'skipped', skipReason: 'skipped by an operator' });

    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(result.steps[1]!.status).toBe('completed');
    await expect(handle.executeUpdate(PIPELINE_RETRY_UPDATE, { args: ['broken'] })).rejects.toThrow();
  });

  it('abort cancels running steps, compensates and fails the pipeline', async () => {
    const undo = await h.item();
    const base = await h.step('base', { durationMs: 300 }, { compensate: { workspaceId: h.workspaceId, itemId: undo, jobType: 'RunNotebook' } });
    const broken = await h.step('broken', { outcome: 'Failed' }, { needs: ['base'] });
    const slow = await h.step('slow', { durationMs: 60_000 }, { needs: ['base'] });
    const handle = await h.startPipeline({ steps: [base, broken, slow], onFailure: 'pause' });
    await h.waitForProgress(handle, (p) => p.status === 'paused' && p.steps[2]!.status === 'running');

    await handle.executeUpdate(PIPELINE_ABORT_UPDATE);
    const { type, message, progress } = await failedProgress(handle);
    expect(type).toBe('FabricPipelineFailed');
    expect(message).toBe('pipeline "test": aborted by an operator');
    expect(progress.steps.map((step) => [step.id, step.status])).toEqual([
      ['base', 'compensated'],
      ['broken', 'failed'],
      ['slow', 'cancelled'],
    ]);
    expect(progress.steps[1]!.awaitingDecision).toBeUndefined();
    expect((await h.onlyJob(slow.itemId)).cancelRequestedAtMs).toBeGreaterThan(0);
    expect(await h.admin.jobs(undo)).toHaveLength(1);
  });
});
