/**
 * FABRIC_MAX_REQUESTS_PER_SECOND as a worker option.
 *
 * Fabric throttles per caller identity (429 + Retry-After) and publishes no numbers. Every worker
 * of a deployment usually calls Fabric as the same identity, so the useful limit is one for the
 * whole fleet, not per process: Temporal's `maxTaskQueueActivitiesPerSecond` is enforced by the
 * server for the task queue, across all workers polling it. Each activity makes about one Fabric
 * request (a status poll is one GET, a start one POST, a cancel one POST; a token refresh after a
 * 401 or a lost-start lookup adds one), so activities per second approximates requests per second.
 * Throttled activities wait in the queue (schedule-to-start latency grows); nothing fails.
 */
import type { WorkerOptions } from '@temporalio/worker';

export type RateLimitWorkerOptions = Pick<WorkerOptions, 'maxTaskQueueActivitiesPerSecond'>;

/** Worker options for the limit; `{}` when there is none. Every worker on the task queue should set the same value. */
export function rateLimitWorkerOptions(config: { maxRequestsPerSecond?: number }): RateLimitWorkerOptions {
  const limit = config.maxRequestsPerSecond;
  if (limit === undefined) return {};
  if (!Number.isFinite(limit) || limit <= 0) throw new RangeError(`maxRequestsPerSecond must be a number greater than 0, got ${limit}`);
  return { maxTaskQueueActivitiesPerSecond: limit };
}
