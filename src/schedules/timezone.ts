/**
 * IANA time zones for `--timezone`, checked against the runtime's Intl data. The canonical
 * spelling is what is sent to Temporal (the server's zone names are case-sensitive).
 */
import { didYouMean } from '../pipeline/issues.js';

export type TimeZoneResult = { ok: true; timeZone: string } | { ok: false; problem: string };

/** `Europe/Paris` for `europe/paris`; refuses unknown names and bare UTC offsets. */
export function checkTimeZone(name: string): TimeZoneResult {
  const trimmed = name.trim();
  let resolved: string;
  try {
    if (trimmed === '') throw new RangeError('empty');
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    const hint = didYouMean(trimmed, Intl.supportedValuesOf('timeZone'));
    return { ok: false, problem: `unknown time zone${hint}; use an IANA name such as UTC, Europe/Paris or America/New_York` };
  }
  if (/^[+-]\d/.test(resolved)) {
    return { ok: false, problem: 'a UTC offset is not a time zone (it ignores daylight saving); use an IANA name such as Europe/Paris, or UTC' };
  }
  return { ok: true, timeZone: resolved };
}
