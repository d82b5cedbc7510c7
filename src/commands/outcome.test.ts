import { describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, CancelledFailure, RetryState, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { FailureTypes, type RunFabricJobResult, type RunFabricJobState } from '../shared.js';
import { EXIT } from './exit-codes.js';
import { exitCodeForError } from './errors.js';
import { baseOutcome, describeOutcome, exitCodeForOutcome, outcomeFromFailure, outcomeFromResult } from './outcome.js';

const JOB = '5f351a69-23a4-40e0-84f9-12e80f7daa0e';
const base = baseOutcome('wf-1', 'run-1');

function result(status: string, failureReason: RunFabricJobResult['failureReason'] = null): RunFabricJobResult {
  return { jobInstanceId: JOB, status, startTimeUtc: '2024-01-01T00:00:00.0000000', endTimeUtc: '2024-01-01T00:01:00.0000000', failureReason, polls: 3 };
}

function failed(cause: Error): WorkflowFailedError {
  return new WorkflowFailedError('Workflow execution failed', cause, RetryState.NON_RETRYABLE_FAILURE);
}

describe('status mapping', () => {
  it('a completed run is Completed, or Deduped when onDeduped allowed it; both exit 0', () => {
    const completed = outcomeFromResult(base, result('Completed'));
    expect(completed.outcome).toEqual({
      workflowId: 'wf-1',
      runId: 'run-1',
      status: 'Completed',
      jobInstanceId: JOB,
      startTimeUtc: '2024-01-01T00:00:00.0000000',
      endTimeUtc: '2024-01-01T00:01:00.0000000',
      failureReason: null,
    });
    expect(exitCodeForOutcome(completed)).toBe(EXIT.ok);
    const deduped = outcomeFromResult(base, result('Deduped'));
    expect(deduped.outcome.status).toBe('Deduped');
    expect(exitCodeForOutcome(deduped)).toBe(EXIT.ok);
  });

  it.each([
    [FailureTypes.JobFailed, 'Failed'],
    [FailureTypes.JobDeduped, 'Deduped'],
    [FailureTypes.JobTimedOut, 'TimedOut'],
    [FailureTypes.JobCancelled, 'Cancelled'],
  ])('failure type %s → %s, job fields from the failure details, exit 1', (type, status) => {
    const reason = { errorCode: 'NotebookError', message: 'boom' };
    const resolved = outcomeFromFailure(base, failed(ApplicationFailure.nonRetryable('x', type, result('Failed', reason))));
    expect(resolved.outcome).toMatchObject({ status, jobInstanceId: JOB, endTimeUtc: '2024-01-01T00:01:00.0000000', failureReason: reason });
    expect(exitCodeForOutcome(resolved)).toBe(EXIT.jobNotCompleted);
  });

  it('a timeout with no job instance keeps the job fields empty', () => {
    const resolved = outcomeFromFailure(base, failed(ApplicationFailure.nonRetryable('no instance', FailureTypes.JobTimedOut)));
    expect(resolved.outcome).toMatchObject({ status: 'TimedOut', jobInstanceId: null, failureReason: null });
  });

  it('a cancelled workflow is Cancelled, with job fields from the last state', () => {
    const state: RunFabricJobState = {
      phase: 'done',
      jobInstanceId: JOB,
      status: 'Cancelled',
      polls: 2,
      startedAt: '2024-01-01T00:00:00.000Z',
      instance: { id: JOB, itemId: 'i', jobType: 'RunNotebook', invokeType: 'Manual', status: 'Cancelled', failureReason: null, startTimeUtc: 's', endTimeUtc: 'e' },
    };
    const resolved = outcomeFromFailure(baseOutcome('wf-1', 'run-1', state), failed(new CancelledFailure('Workflow cancelled')));
    expect(resolved.outcome).toMatchObject({ status: 'Cancelled', jobInstanceId: JOB, startTimeUtc: 's', endTimeUtc: 'e', failureReason: null });
    expect(exitCodeForOutcome(resolved)).toBe(EXIT.jobNotCompleted);
  });

  it('a workflow execution timeout is TimedOut', () => {
    expect(outcomeFromFailure(base, failed(new TimeoutFailure('timed out', undefined, 'START_TO_CLOSE'))).outcome.status).toBe('TimedOut');
  });

  it('a terminated workflow is Terminated, with the reason as a WorkflowTerminated failureReason; exit 1', () => {
    const resolved = outcomeFromFailure(base, failed(new TerminatedFailure('stopped by ops')));
    expect(resolved.outcome).toMatchObject({ status: 'Terminated', failureReason: { errorCode: 'WorkflowTerminated', message: 'stopped by ops' } });
    expect(exitCodeForOutcome(resolved)).toBe(EXIT.jobNotCompleted);
  });

  it('an activity failure (e.g. FabricUnauthorized) is Failed with its type as the error code', () => {
    const app = ApplicationFailure.nonRetryable('Fabric answered 401 twice', FailureTypes.Unauthorized, { statusCode: 401 });
    const wrapped = new ActivityFailure('Activity task failed', 'startJob', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', app);
    for (const cause of [app, wrapped]) {
      const resolved = outcomeFromFailure(base, failed(cause));
      expect(resolved.outcome).toMatchObject({ status: 'Failed', jobInstanceId: null, failureReason: { errorCode: 'FabricUnauthorized', message: 'Fabric answered 401 twice' } });
    }
  });

  it('a running run exits 0 (for status)', () => {
    expect(exitCodeForOutcome({ outcome: base, runSucceeded: false })).toBe(EXIT.ok);
  });

  it('describes an outcome in one line', () => {
    const { outcome } = outcomeFromFailure(base, failed(ApplicationFailure.nonRetryable('x', FailureTypes.JobFailed, result('Failed', { errorCode: 'E', message: 'm' }))));
    expect(describeOutcome(outcome)).toBe(`Failed: job instance ${JOB} (workflow wf-1) — E: m`);
  });
});

describe('exit codes for errors', () => {
  it('maps usage errors to 2 and everything else (config, infrastructure) to 3', () => {
    expect(exitCodeForError(Object.assign(new Error('x'), { name: 'UsageError' }))).toBe(EXIT.invalidInput);
    expect(exitCodeForError(Object.assign(new Error('x'), { name: 'ConfigError' }))).toBe(EXIT.infrastructure);
    expect(exitCodeForError(Object.assign(new Error('x'), { name: 'InfrastructureError' }))).toBe(EXIT.infrastructure);
    expect(exitCodeForError(new Error('unexpected'))).toBe(EXIT.infrastructure);
  });
});
