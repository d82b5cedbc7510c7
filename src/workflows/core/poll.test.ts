import { describe, expect, it } from 'vitest';
import { ActivityFailure, ApplicationFailure, CancelledFailure, RetryState, TimeoutFailure } from '@temporalio/common';
import { FailureTypes } from '../../shared.js';
import { nextPollDelayMs, resolvePollInterval } from './poll-interval.js';
import { isFailedPoll, pollRetryDelayMs, retryablePollFailure } from './poll-retry.js';
import type { FailedPoll } from './poll-retry.js';

describe('resolvePollInterval', () => {
  it('fills in the defaults', () => {
    expect(resolvePollInterval()).toEqual({ minMs: 1_000, maxMs: 300_000, fallbackMs: 10_000 });
    expect(resolvePollInterval({ minMs: 500 })).toEqual({ minMs: 500, maxMs: 300_000, fallbackMs: 10_000 });
  });

});

describe('nextPollDelayMs', () => {
  const interval = resolvePollInterval({ minMs: 1_000, maxMs: 60_000, fallbackMs: 10_000 });

  it('waits exactly the Retry-After inside the bounds', () => {
    expect(nextPollDelayMs(1_000, interval)).toBe(1_000);
    expect(nextPollDelayMs(30_000, interval)).toBe(30_000);
    expect(nextPollDelayMs(1_500.2, interval)).toBe(1_501);
  });

  it('clamps to the bounds', () => {
    expect(nextPollDelayMs(0, interval)).toBe(1_000);
    expect(nextPollDelayMs(200, interval)).toBe(1_000);
    expect(nextPollDelayMs(3_600_000, interval)).toBe(60_000);
  });

  it('uses the fallback when Fabric sent no usable Retry-After', () => {
    expect(nextPollDelayMs(undefined, interval)).toBe(10_000);
    expect(nextPollDelayMs(Number.NaN, interval)).toBe(10_000);
    expect(nextPollDelayMs(-5, interval)).toBe(10_000);
    expect(nextPollDelayMs(undefined, resolvePollInterval({ minMs: 1_000, maxMs: 5_000, fallbackMs: 10_000 }))).toBe(5_000);
  });
});

function activityFailure(cause: Error): ActivityFailure {
  return new ActivityFailure('Activity task failed', 'getJobStatus', '1', RetryState.MAXIMUM_ATTEMPTS_REACHED, 'worker', cause);
}

describe('retryablePollFailure', () => {
  it('retries a 429 with the Retry-After its details carry, wrapped (regular activity) or not (local activity)', () => {
    const throttled = ApplicationFailure.create({ message: 'get job instance x: Fabric answered 429', type: FailureTypes.Throttled, details: [{ statusCode: 429, retryAfterMs: 3_000 }] });
    const expected = { failed: true, message: 'get job instance x: Fabric answered 429', retryAfterMs: 3_000 };
    expect(retryablePollFailure(activityFailure(throttled))).toEqual(expected);
    expect(retryablePollFailure(throttled)).toEqual(expected);
  });

  it('retries 5xx, transport errors and timeouts without a Retry-After', () => {
    const transient = ApplicationFailure.retryable('Fabric answered 503', FailureTypes.Transient, { statusCode: 503 });
    expect(retryablePollFailure(activityFailure(transient))).toMatchObject({ failed: true, retryAfterMs: undefined });
    const timeout = new TimeoutFailure('activity ScheduleToClose timeout', undefined, 'SCHEDULE_TO_CLOSE');
    expect(retryablePollFailure(activityFailure(timeout))).toEqual({ failed: true, message: 'activity ScheduleToClose timeout', retryAfterMs: undefined });
    expect(retryablePollFailure(timeout)).toMatchObject({ failed: true, retryAfterMs: undefined });
  });

  it('leaves non-retryable failures, cancellations and other errors to end the loop', () => {
    expect(retryablePollFailure(activityFailure(ApplicationFailure.nonRetryable('401 again', FailureTypes.Unauthorized)))).toBeUndefined();
    expect(retryablePollFailure(ApplicationFailure.nonRetryable('401 again', FailureTypes.Unauthorized))).toBeUndefined();
    expect(retryablePollFailure(activityFailure(new CancelledFailure('cancelled')))).toBeUndefined();
    expect(retryablePollFailure(new CancelledFailure('cancelled'))).toBeUndefined();
    expect(retryablePollFailure(new Error('no job instance to poll'))).toBeUndefined();
  });

  it('ignores a Retry-After that is not a usable number', () => {
    const odd = ApplicationFailure.retryable('429', FailureTypes.Throttled, { retryAfterMs: -5 });
    expect(retryablePollFailure(activityFailure(odd))?.retryAfterMs).toBeUndefined();
  });
});

describe('pollRetryDelayMs', () => {
  const noRetryAfter: FailedPoll = { failed: true, message: '503', retryAfterMs: undefined };

  it("waits exactly Fabric's Retry-After when the failure has one", () => {
    expect(pollRetryDelayMs({ ...noRetryAfter, retryAfterMs: 7_000 }, 1, 500)).toBe(7_000);
    expect(pollRetryDelayMs({ ...noRetryAfter, retryAfterMs: 7_000 }, 9, 500)).toBe(7_000);
    expect(pollRetryDelayMs({ ...noRetryAfter, retryAfterMs: 1_500.2 }, 1, 500)).toBe(1_501);
  });

  it('backs off 1 s, ×2, up to 1 minute without one', () => {
    expect([1, 2, 3, 4, 7, 8, 30].map((n) => pollRetryDelayMs(noRetryAfter, n, 100))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
  });

  it('never waits less than pollInterval.minMs', () => {
    expect(pollRetryDelayMs(noRetryAfter, 1, 2_500)).toBe(2_500);
    expect(pollRetryDelayMs({ ...noRetryAfter, retryAfterMs: 0 }, 1, 500)).toBe(500);
  });
});

describe('isFailedPoll', () => {
  it('tells a failed poll from an answer', () => {
    expect(isFailedPoll(noAnswer())).toBe(false);
    expect(isFailedPoll<object>({ failed: true, message: 'x', retryAfterMs: undefined })).toBe(true);
  });
});

function noAnswer(): { found: false } {
  return { found: false };
}
