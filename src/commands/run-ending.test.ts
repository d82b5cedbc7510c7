/** One classification of how a run ended: a job and a pipeline that end the same way get the same status and exit code. */
import { describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure, ChildWorkflowFailure, RetryState, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { EXIT } from './exit-codes.js';
import { baseOutcome, exitCodeForOutcome, outcomeFromFailure as jobOutcome } from './outcome.js';
import { exitCodeForPipeline, outcomeFromFailure as pipelineOutcome } from './pipeline/outcome.js';
import { classifyEnding, endingMessage, failureDetail, isRunEnding, RUN_ENDINGS } from './run-ending.js';

const failed = (cause: Error) => new WorkflowFailedError('Workflow execution failed', cause, RetryState.NON_RETRYABLE_FAILURE);

describe('how a run ended', () => {
  it.each([
    ['terminated', new TerminatedFailure('stopped by ops'), 'Terminated', 'stopped by ops'],
    ['cancelled', new CancelledFailure('Workflow cancelled'), 'Cancelled', 'Workflow cancelled'],
    ['timed out (workflow execution timeout)', new TimeoutFailure('timed out', undefined, 'START_TO_CLOSE'), 'TimedOut', 'timed out'],
    ['failed by the workflow', ApplicationFailure.nonRetryable('step "a" failed', 'SomeFailure'), 'Failed', 'step "a" failed'],
  ])('%s: the same status and exit code for a job and a pipeline', (_, cause, status, message) => {
    const ended = classifyEnding(failed(cause));
    expect(ended.status).toBe(status);
    expect(endingMessage(ended)).toBe(message);
    const job = jobOutcome(baseOutcome('wf', 'run'), failed(cause));
    const pipeline = pipelineOutcome('wf', 'run', failed(cause));
    expect(job.outcome.status).toBe(status);
    expect(pipeline.json.status).toBe(status);
    expect(exitCodeForOutcome(job)).toBe(EXIT.jobNotCompleted);
    expect(exitCodeForPipeline(pipeline.json.status)).toBe(EXIT.jobNotCompleted);
  });

  it('a terminated run is Terminated even when the failure chain holds a cancellation', () => {
    expect(classifyEnding(failed(new TerminatedFailure('bye', new CancelledFailure('x')))).status).toBe('Terminated');
  });

  it('maps the workflow failure types the caller names, before cancellations', () => {
    const app = ApplicationFailure.nonRetryable('job deduped', 'FabricJobDeduped');
    const child = new ChildWorkflowFailure('default', { workflowId: 'c', runId: 'r' }, 'runFabricJob', RetryState.NON_RETRYABLE_FAILURE, app);
    expect(classifyEnding(failed(child), { FabricJobDeduped: 'Deduped' as const }).status).toBe('Deduped');
    expect(classifyEnding(failed(child)).status).toBe('Failed');
    const cancelled = ApplicationFailure.create({ type: 'FabricJobTimedOut', message: 't', cause: new CancelledFailure('c') });
    expect(classifyEnding(failed(cancelled), { FabricJobTimedOut: 'TimedOut' as const }).status).toBe('TimedOut');
    expect(classifyEnding(failed(cancelled)).status).toBe('Cancelled');
  });

  it('finds the first detail a guard accepts', () => {
    const isCount = (v: unknown): v is { count: number } => typeof (v as { count?: unknown } | null)?.count === 'number';
    const ended = classifyEnding(failed(ApplicationFailure.create({ type: 'X', message: 'm', details: [{ count: 3 }] })));
    expect(failureDetail(ended, isCount)).toEqual({ count: 3 });
    expect(failureDetail(classifyEnding(failed(new TerminatedFailure('t'))), isCount)).toBeUndefined();
  });

  it('knows which statuses are endings', () => {
    for (const status of RUN_ENDINGS) expect(isRunEnding(status)).toBe(true);
    for (const status of ['Running', 'Completed', 'Paused', 'Deduped']) expect(isRunEnding(status)).toBe(false);
  });
});
