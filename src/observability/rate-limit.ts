/**
 * FABRIC_MAX_REQUESTS_PER_SECOND = L, enforced in two places:
 *
 * 1. **Per worker process, every Fabric request** (starts, status polls, cancels, look-ups, detail
 *    fetches, a 401's retry): a token bucket in the FabricClient (src/fabric/rate-limiter.ts) with
 *    rate L and burst `max(1, ceil(L))`. Status polls are *local* activities, which Temporal's
 *    task-queue rate limit does not see, so only the process itself can hold them back.
 * 2. **Fleet-wide, regular activities** (starts, cancels, look-ups): the worker option
 *    `maxTaskQueueActivitiesPerSecond` = L, which the Temporal server enforces for the task queue
 *    across all workers polling it.
 *
 * So with W workers on the task queue, in any window of T seconds the fleet sends at most
 * `W × (burst + L × T)` Fabric requests, and at most about `L × T` of them are regular activities.
 * To keep a fleet under a budget of B requests per second, set L = B / W.
 * Requests over the limit wait (FIFO); nothing fails, but each wait counts against the activity's
 * timeout (1 minute for a poll), so keep L ≥ open jobs per worker ÷ the typical poll interval.
 */
import type { WorkerOptions } from '@temporalio/worker';
import { defaultBurst, TokenBucket } from '../fabric/index.js';

export type RateLimitWorkerOptions = Pick<WorkerOptions, 'maxTaskQueueActivitiesPerSecond'>;

function checked(limit: number): number {
  if (!Number.isFinite(limit) || limit <= 0) throw new RangeError(`maxRequestsPerSecond must be a number greater than 0, got ${limit}`);
  return limit;
}

/** Worker options for the fleet-wide part; `{}` when there is no limit. Every worker on the task queue should set the same value. */
export function rateLimitWorkerOptions(config: { maxRequestsPerSecond?: number }): RateLimitWorkerOptions {
  const limit = config.maxRequestsPerSecond;
  if (limit === undefined) return {};
  return { maxTaskQueueActivitiesPerSecond: checked(limit) };
}

/** The per-process part: the FabricClient's `rateLimiter`, or undefined when there is no limit. */
export function createRequestRateLimiter(config: { maxRequestsPerSecond?: number }): TokenBucket | undefined {
  const limit = config.maxRequestsPerSecond;
  if (limit === undefined) return undefined;
  return new TokenBucket({ ratePerSecond: checked(limit), burst: defaultBurst(limit) });
}
