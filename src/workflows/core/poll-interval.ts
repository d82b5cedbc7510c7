/**
 * The wait between two polls of a Fabric long-running operation, for every kind: Fabric's
 * Retry-After, clamped to the run's poll interval. Sandbox-safe and pure.
 */
import { DEFAULT_POLL_INTERVAL } from '../../shared.js';
import type { PollInterval } from '../../shared.js';

export type ResolvedPollInterval = Readonly<Required<PollInterval>>;

/** Fills in the defaults (the bounds are checked with each kind's input, from the field table). */
export function resolvePollInterval(interval: PollInterval = {}): ResolvedPollInterval {
  return {
    minMs: interval.minMs ?? DEFAULT_POLL_INTERVAL.minMs,
    maxMs: interval.maxMs ?? DEFAULT_POLL_INTERVAL.maxMs,
    fallbackMs: interval.fallbackMs ?? DEFAULT_POLL_INTERVAL.fallbackMs,
  };
}

/**
 * The wait before the next poll: exactly Fabric's Retry-After, clamped to [minMs, maxMs];
 * `fallbackMs` (also clamped) when Fabric sent none (or sent nonsense).
 */
export function nextPollDelayMs(retryAfterMs: number | undefined, interval: ResolvedPollInterval): number {
  const wanted = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : interval.fallbackMs;
  return Math.min(interval.maxMs, Math.max(interval.minMs, Math.ceil(wanted)));
}
