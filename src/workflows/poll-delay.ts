/** Poll cadence: how long to wait before the next status poll. Pure and sandbox-safe. */
import { DEFAULT_POLL_INTERVAL } from '../shared.js';
import type { PollInterval } from '../shared.js';

export type ResolvedPollInterval = Readonly<Required<PollInterval>>;

/** Fills in the defaults and checks the bounds; throws a TypeError naming the bad field. */
export function resolvePollInterval(interval: PollInterval = {}): ResolvedPollInterval {
  const resolved = {
    minMs: interval.minMs ?? DEFAULT_POLL_INTERVAL.minMs,
    maxMs: interval.maxMs ?? DEFAULT_POLL_INTERVAL.maxMs,
    fallbackMs: interval.fallbackMs ?? DEFAULT_POLL_INTERVAL.fallbackMs,
  };
  for (const [field, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new TypeError(`pollInterval.${field} must be a positive number of milliseconds, got ${value}`);
    }
  }
  if (resolved.minMs > resolved.maxMs) {
    throw new TypeError(`pollInterval.minMs (${resolved.minMs}) is greater than pollInterval.maxMs (${resolved.maxMs})`);
  }
  return resolved;
}

/**
 * The wait before the next poll: exactly Fabric's Retry-After, clamped to [minMs, maxMs];
 * `fallbackMs` (also clamped) when Fabric sent none.
 */
export function nextPollDelayMs(retryAfterMs: number | undefined, interval: ResolvedPollInterval): number {
  const wanted = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : interval.fallbackMs;
  return Math.min(interval.maxMs, Math.max(interval.minMs, Math.ceil(wanted)));
}
