/**
 * The one retry policy of a failed status poll, for every kind: which failures are retried, and
 * the wait before the next attempt (Fabric's Retry-After, else a backoff). The workflow retries a
 * failed poll itself, on a durable timer (see poller.ts). Sandbox-safe.
 */
import { ActivityFailure, ApplicationFailure, isCancellation, TimeoutFailure } from '@temporalio/workflow';
import type { FabricFailureDetails } from '../../activities/failures.js';

/** Backoff between retries of a failing poll that brought no Retry-After: 1 s, ×2, at most 1 minute. */
export const POLL_RETRY_BACKOFF = { initialMs: 1_000, coefficient: 2, maximumMs: 60_000 } as const;

/** A status poll that failed in a way worth another attempt (5xx, 429, transport, timeout). */
export interface FailedPoll {
  failed: true;
  /** What went wrong (the activity's failure message), for logs and the timeout's message. */
  message: string;
  /** Fabric's Retry-After on the failed answer (a 429's, or a 5xx that sent one). */
  retryAfterMs: number | undefined;
}

/** The Retry-After an activity's failure carries in its details (`FabricFailureDetails.retryAfterMs`), if sane. */
export function retryAfterOf(failure: ApplicationFailure): number | undefined {
  const details = failure.details?.[0] as FabricFailureDetails | undefined;
  const ms = details?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * The failed poll to retry, or undefined when `err` must end the poll loop: a cancellation, a
 * non-retryable failure (401 after the token refresh, 403, 404 after the operation was seen, ...),
 * or an error that did not come from the activity. A regular activity's failure arrives wrapped in
 * an ActivityFailure; a local activity's as the ApplicationFailure (or TimeoutFailure) itself.
 */
export function retryablePollFailure(err: unknown): FailedPoll | undefined {
  if (isCancellation(err)) return undefined;
  const failure = err instanceof ActivityFailure ? err.cause : err;
  if (failure instanceof ApplicationFailure) {
    if (failure.nonRetryable) return undefined;
    return { failed: true, message: failure.message, retryAfterMs: retryAfterOf(failure) };
  }
  // A timeout (start-to-close; schedule-to-close at the deadline), or a failure of the worker itself.
  if (failure instanceof TimeoutFailure) return { failed: true, message: failure.message, retryAfterMs: undefined };
  if (err instanceof ActivityFailure) return { failed: true, message: err.cause?.message || err.message, retryAfterMs: undefined };
  return undefined;
}

/**
 * The wait before retrying a failed poll: Fabric's Retry-After when it sent one (never earlier than
 * Fabric asks), else the backoff for the `failuresInARow`-th failure in a row; at least `minMs`.
 */
export function pollRetryDelayMs(failure: FailedPoll, failuresInARow: number, minMs: number): number {
  const { initialMs, coefficient, maximumMs } = POLL_RETRY_BACKOFF;
  const backoff = Math.min(maximumMs, initialMs * coefficient ** Math.max(0, failuresInARow - 1));
  return Math.max(minMs, Math.ceil(failure.retryAfterMs ?? backoff));
}

export function isFailedPoll<T extends object>(value: T | FailedPoll): value is FailedPoll {
  return 'failed' in value && value.failed === true;
}

/** The message of a failure, unwrapping an activity's. */
export function messageOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** An activity's own ApplicationFailure (e.g. FabricUnauthorized) rather than its ActivityFailure wrapper. */
export function unwrapActivityFailure(err: unknown): unknown {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return err.cause;
  return err;
}
