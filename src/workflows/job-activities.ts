/** Activity proxies of `runFabricJob`: timeouts and retry policies in one place. */
import { ActivityCancellationType, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ActivityOptions, LocalActivityOptions, RetryPolicy } from '@temporalio/workflow';
import type { FabricActivities, GetJobStatusInput, GetJobStatusOutput } from '../activities/types.js';

/**
 * No attempt cap: Fabric outages and throttling are waited out. The run's timeout stops the start's
 * retries. Non-retryable failures (4xx, 401, validation) end the retries at once; a 429's
 * Retry-After replaces the backoff (nextRetryDelay). The status poll is retried by the workflow
 * instead (see {@link statusPoll}).
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

export const { cancelJob, findJobInstance } = proxyActivities<Pick<FabricActivities, 'cancelJob' | 'findJobInstance'>>({
  startToCloseTimeout: '1 minute',
  retry,
});

type StatusActivity = Pick<FabricActivities, 'getJobStatus'>;

/**
 * One attempt per status poll, of either kind: the workflow retries a failed poll itself, on a
 * durable timer (src/workflows/poll-retry.ts), and checks the run's deadline before each attempt.
 * Retries inside the activity could not be bounded by the deadline: Core drops a local activity's
 * scheduleToCloseTimeout that expires while it backs off between two attempts, and the retries go
 * on; and the clean-up after a timeout must see a failing poll instead of waiting out an outage.
 */
const statusOptions = { startToCloseTimeout: '1 minute', retry: { ...retry, maximumAttempts: 1 } } satisfies ActivityOptions & LocalActivityOptions;

/** One status poll; `timeLeftMs` is what is left before the run's deadline, if it has one. */
export type StatusPoll = (input: GetJobStatusInput, timeLeftMs?: number) => Promise<GetJobStatusOutput>;

/**
 * The status poll as a local activity (`'local'`: one marker event instead of three activity
 * events) or a regular one (`'regular'`). `timeLeftMs` becomes the scheduleToCloseTimeout, so that
 * an attempt in flight at the deadline is stopped; it adds no event.
 */
export function statusPoll(kind: 'local' | 'regular'): StatusPoll {
  return (input, timeLeftMs) => {
    const options = timeLeftMs === undefined ? statusOptions : { ...statusOptions, scheduleToCloseTimeout: Math.max(1, Math.ceil(timeLeftMs)) };
    if (kind === 'regular') return proxyActivities<StatusActivity>(options).getJobStatus(input);
    return proxyLocalActivities<StatusActivity>(options).getJobStatus(input);
  };
}
