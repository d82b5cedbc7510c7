/**
 * The activity options of every kind's start, status poll, find and cancel: one retry policy for
 * the calls to Fabric made from a durable-operation workflow. Adapters build their activity proxies
 * from these (see operation.ts). Sandbox-safe.
 */
import { ActivityCancellationType } from '@temporalio/workflow';
import type { ActivityOptions, LocalActivityOptions, RetryPolicy } from '@temporalio/workflow';

/**
 * No attempt cap: Fabric outages and throttling are waited out (the run's timeout stops them).
 * Non-retryable failures (4xx, 401, validation) end the retries at once; a 429's Retry-After
 * replaces the backoff (the activities' nextRetryDelay).
 */
export const FABRIC_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/**
 * The start. WAIT_CANCELLATION_COMPLETED: when the run is cancelled (or times out) while an attempt
 * is in flight, the workflow waits for that attempt's outcome instead of abandoning an operation
 * being created. The start activities do not heartbeat, so an attempt in flight always runs to its
 * end; a cancel request stops further retries.
 */
export const START_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { ...FABRIC_RETRY, initialInterval: '2 seconds' },
};

/** Find and cancel: retried like the start, one minute per attempt. */
export const CALL_ACTIVITY_OPTIONS: ActivityOptions = { startToCloseTimeout: '1 minute', retry: FABRIC_RETRY };

/**
 * One attempt per status poll, local or regular: the workflow retries a failed poll itself, on a
 * durable timer (poll-retry.ts), and checks the run's deadline before each attempt. Retries inside
 * the activity could not be bounded by the deadline: Core drops a local activity's
 * scheduleToCloseTimeout that expires while it backs off between two attempts, and the retries go
 * on; and the clean-up after a timeout must see a failing poll instead of waiting out an outage.
 * `timeLeftMs` (what is left before the run's deadline) becomes the scheduleToCloseTimeout, so that
 * an attempt in flight at the deadline is stopped; it adds no event.
 */
export function pollActivityOptions(timeLeftMs?: number): ActivityOptions & LocalActivityOptions {
  const options = { startToCloseTimeout: '1 minute', retry: { ...FABRIC_RETRY, maximumAttempts: 1 } } satisfies ActivityOptions & LocalActivityOptions;
  return timeLeftMs === undefined ? options : { ...options, scheduleToCloseTimeout: Math.max(1, Math.ceil(timeLeftMs)) };
}
