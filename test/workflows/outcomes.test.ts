import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('runFabricJob outcomes', () => {
  it('returns the result of a Completed job', async () => {
    const input = await h.job({ durationMs: 1_500 });
    const handle = await h.start(input);
    const result = await handle.result();
    const [job] = await h.admin.jobs(input.itemId);
    expect(result).toMatchObject({ jobInstanceId: job!.id, status: 'Completed', failureReason: null });
    expect(result.startTimeUtc).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(result.endTimeUtc).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(result.polls).toBeGreaterThanOrEqual(1);
    expect(job!.polls).toBe(result.polls);
  });

  it('fails FabricJobFailed with the failureReason surfaced', async () => {
    const failureReason = { errorCode: 'NotebookExecutionFailed', message: 'cell 3 raised ZeroDivisionError' };
    const input = await h.job({ outcome: 'Failed', failureReason });
    const failure = await failureOf(h.start(input).then((w) => w.result()));
    expect(failure.type).toBe('FabricJobFailed');
    expect(failure.message).toContain('NotebookExecutionFailed: cell 3 raised ZeroDivisionError');
    expect(failure.details?.[0]).toMatchObject({ status: 'Failed', failureReason });
  });
});
