import { describe, expect, it } from 'vitest';
import { outcomeFailure, timedOutFailure, toResult } from './run-state.js';
import type { JobInstance } from '../../shared.js';

const base: JobInstance = {
  id: '11111111-1111-1111-1111-111111111111',
  itemId: '22222222-2222-2222-2222-222222222222',
  jobType: 'RunNotebook',
  invokeType: 'Manual',
  status: 'Completed',
  failureReason: null,
  startTimeUtc: '2024-01-01T00:00:00.1234567',
  endTimeUtc: '2024-01-01T00:01:00.1234567',
};

describe('outcomeFailure', () => {
  it('succeeds on Completed', () => {
    expect(outcomeFailure(toResult(base, 3))).toBeUndefined();
  });

  it('fails FabricJobFailed with the failure reason in the message and the result as details', () => {
    const result = toResult({ ...base, status: 'Failed', failureReason: { errorCode: 'NotebookError', message: 'cell 3 raised' } }, 2);
    const failure = outcomeFailure(result);
    expect(failure?.type).toBe('FabricJobFailed');
    expect(failure?.nonRetryable).toBe(true);
    expect(failure?.message).toContain('NotebookError: cell 3 raised');
    expect(failure?.details).toEqual([result]);
  });

  it('treats Deduped as failure or success as asked', () => {
    const result = toResult({ ...base, status: 'Deduped' }, 1);
    expect(outcomeFailure(result)?.type).toBe('FabricJobDeduped');
    expect(outcomeFailure(result, 'succeed')).toBeUndefined();
  });

  it('fails FabricJobCancelled on a cancellation nobody in this run asked for', () => {
    expect(outcomeFailure(toResult({ ...base, status: 'Cancelled' }, 1))?.type).toBe('FabricJobCancelled');
  });

  it('refuses a status that is not terminal', () => {
    expect(() => outcomeFailure(toResult({ ...base, status: 'InProgress' }, 1))).toThrow(/not terminal/);
  });
});

describe('timedOutFailure', () => {
  it('names the job and its final status', () => {
    const result = toResult({ ...base, status: 'Cancelled' }, 4);
    const failure = timedOutFailure(base.id, 5_000, result);
    expect(failure.type).toBe('FabricJobTimedOut');
    expect(failure.message).toContain('within 5000 ms; it was cancelled and ended Cancelled');
    expect(failure.details).toEqual([result]);
    expect(timedOutFailure(undefined, 5_000, undefined).message).toContain('no job instance was created');
  });

  it('says when Fabric has not confirmed the end, with the last status seen', () => {
    const last = toResult({ ...base, status: 'InProgress' }, 2);
    const failure = timedOutFailure(base.id, 4_000, last, 'Fabric answered 503');
    expect(failure.message).toContain('within 4000 ms; it was cancelled, but Fabric has not confirmed its end (Fabric answered 503)');
    expect(failure.details).toEqual([last]);
    expect(timedOutFailure(base.id, 4_000, undefined, 'Fabric answered 503').details).toEqual([]);
  });
});
