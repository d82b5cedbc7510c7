import { describe, expect, it } from 'vitest';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { FailureTypes } from '../../shared.js';
import { capacityRefusal, capacityWaitMs, DEFAULT_CAPACITY_WAIT } from './capacity.js';

const refused = (details: Record<string, unknown>) => ApplicationFailure.nonRetryable('Fabric answered 430', FailureTypes.CapacityLimit, details);

describe('capacityRefusal', () => {
  it('reads a FabricCapacityLimit failure, wrapped or not, with its Retry-After and the worker’s waits', () => {
    const failure = refused({ retryAfterMs: 20_000, capacityWait: { firstMs: 5_000, maxMs: 60_000 } });
    const wrapped = new ActivityFailure('activity failed', 'runJob', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', failure);
    const expected = { message: 'Fabric answered 430', retryAfterMs: 20_000, workerWait: { firstMs: 5_000, maxMs: 60_000 } };
    expect(capacityRefusal(failure)).toEqual(expected);
    expect(capacityRefusal(wrapped)).toEqual(expected);
  });

  it('is undefined for any other failure', () => {
    expect(capacityRefusal(ApplicationFailure.retryable('429', FailureTypes.Throttled))).toBeUndefined();
    expect(capacityRefusal(new Error('x'))).toBeUndefined();
  });
});

describe('capacityWaitMs', () => {
  it('waits exactly the Retry-After when Fabric sends one', () => {
    expect(capacityWaitMs(3, { retryAfterMs: 12_000.4, workerWait: undefined }, { firstMs: 1_000 })).toBe(12_001);
  });

  it('else doubles the run’s first wait, else the worker’s, else the default, up to the longest', () => {
    const none = { retryAfterMs: undefined, workerWait: { firstMs: 10_000, maxMs: 35_000 } };
    expect([1, 2, 3, 4].map((n) => capacityWaitMs(n, none, { firstMs: 4_000, maxMs: 20_000 }))).toEqual([4_000, 8_000, 16_000, 20_000]);
    expect([1, 2, 3].map((n) => capacityWaitMs(n, none))).toEqual([10_000, 20_000, 35_000]);
    expect(capacityWaitMs(1, { retryAfterMs: undefined, workerWait: undefined })).toBe(DEFAULT_CAPACITY_WAIT.firstMs);
  });
});
