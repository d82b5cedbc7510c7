/** Assertions on how a workflow run ended. */
import { expect } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** The ApplicationFailure a run failed with (it must have failed with one). */
export async function failureOf(result: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the run should have failed').toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause, `failure cause: ${String(cause)}`).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}
