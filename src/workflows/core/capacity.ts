/**
 * Waiting for capacity (HTTP 430): Fabric refused the start because the capacity is full. Nothing
 * was created, so the start may be sent again, on a durable timer, for every kind. Sandbox-safe.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { FailureTypes } from '../../shared.js';
import type { FabricFailureDetails } from '../../activities/failures.js';
import type { CapacityWait } from '../../activities/types.js';


/** The defaults when neither the run nor the worker says otherwise: 30 s, doubling to 5 minutes. */
export const DEFAULT_CAPACITY_WAIT: CapacityWait = { firstMs: 30_000, maxMs: 300_000 };

/** A run's own capacity waits (a job's `capacityWaitMs` / `capacityWaitMaxMs`); unset = the worker's. */
export interface CapacityWaitOptions {
  firstMs?: number;
  maxMs?: number;
}

export interface CapacityRefusal {
  message: string;
  retryAfterMs: number | undefined;
  /** The worker's default waits (FABRIC_CAPACITY_WAIT_MS / _MAX_MS). */
  workerWait: CapacityWait | undefined;
}

/** The refusal for capacity `err` is (a `FabricCapacityLimit` failure), or undefined. */
export function capacityRefusal(err: unknown): CapacityRefusal | undefined {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  if (!(failure instanceof ApplicationFailure) || failure.type !== FailureTypes.CapacityLimit) return undefined;
  const details = failure.details?.[0] as (FabricFailureDetails & { capacityWait?: CapacityWait }) | undefined;
  const retryAfterMs = typeof details?.retryAfterMs === 'number' && details.retryAfterMs >= 0 ? details.retryAfterMs : undefined;
  return { message: failure.message, retryAfterMs, workerWait: details?.capacityWait };
}

/**
 * The wait before the start is sent again after `refusals` refusals: Fabric's Retry-After when it
 * sent one; else the run's (or the worker's) first wait, doubled per refusal, at most the longest.
 */
export function capacityWaitMs(refusals: number, refusal: Pick<CapacityRefusal, 'retryAfterMs' | 'workerWait'>, wait: CapacityWaitOptions = {}): number {
  if (refusal.retryAfterMs !== undefined) return Math.max(1, Math.ceil(refusal.retryAfterMs));
  const first = wait.firstMs ?? refusal.workerWait?.firstMs ?? DEFAULT_CAPACITY_WAIT.firstMs;
  const max = wait.maxMs ?? refusal.workerWait?.maxMs ?? DEFAULT_CAPACITY_WAIT.maxMs;
  return Math.min(max, first * 2 ** Math.min(30, Math.max(0, refusals - 1)));
}
