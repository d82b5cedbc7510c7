/**
 * `Retry-After` parsing (RFC 9110 §10.2.3), modelled on Azure core-lro's parseRetryAfter but stricter:
 * anything that is neither delta-seconds nor an HTTP date is ignored instead of guessed at.
 */

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and
// asctime ("Sun Nov  6 08:49:37 1994") all start with a day name.
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/;

/**
 * Converts a `Retry-After` header value into milliseconds to wait.
 * - delta-seconds (`"120"`; decimals such as `"1.5"` are tolerated) → seconds × 1000;
 * - an HTTP date → `max(0, date - nowMs)`;
 * - absent, empty, negative or garbage → `undefined`.
 * Pure: the only clock it reads is `nowMs`.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (DELTA_SECONDS.test(trimmed)) {
    const ms = Math.round(Number(trimmed) * 1000);
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  if (HTTP_DATE.test(trimmed)) {
    const at = Date.parse(trimmed);
    if (Number.isFinite(at)) return Math.max(0, at - nowMs);
  }
  return undefined;
}
