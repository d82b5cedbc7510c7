/** Activity proxies of `runFabricJob`: timeouts and retry policies in one place. */
import { ActivityCancellationType, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/workflow';
import type { FabricActivities } from '../activities/types.js';

/**
 * No attempt cap: Fabric outages and throttling are waited out. The run's timeout stops the start's
 * retries; a status poll being retried runs on until it ends, and the deadline is checked then.
 * Non-retryable failures (4xx, 401, validation) end the retries at once; a 429's Retry-After
 * replaces the backoff (nextRetryDelay).
 */
const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/**
 * The start. WAIT_CANCELLATION_COMPLETED: when the run is cancelled (or times out) while an attempt
 * is in flight, the workflow waits for that attempt's outcome instead of abandoning a job being created.
 * The activity does not heartbeat, so an attempt in flight always runs to its end; a cancel request
 * stops further retries.
 */
export const { startJob } = proxyActivities<Pick<FabricActivities, 'startJob'>>({
  startToCloseTimeout: '2 minutes',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { ...retry, initialInterval: '2 seconds' },
});

export const { cancelJob, findJobInstance, getJobStatus } = proxyActivities<
  Pick<FabricActivities, 'cancelJob' | 'findJobInstance' | 'getJobStatus'>
>({ startToCloseTimeout: '1 minute', retry });

/** The status poll as a local activity: one marker event instead of three activity events. */
export const { getJobStatus: getJobStatusLocal } = proxyLocalActivities<Pick<FabricActivities, 'getJobStatus'>>({
  startToCloseTimeout: '1 minute',
  retry,
});
