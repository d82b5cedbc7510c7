/** Fabric timestamp parsing: `2023-04-22T06:35:00.7812154` is UTC even though it has no `Z`. */

const FABRIC_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a Fabric timestamp. Without a zone designator it is UTC (Fabric's `startTimeUtc`/`endTimeUtc`);
 * a `Z` or an offset is honoured. Up to 7 (in fact 9) fractional digits; sub-millisecond digits are
 * truncated. Returns `undefined` for null, undefined, empty or unparseable input and impossible dates.
 */
export function parseFabricTimestamp(s: string | null | undefined): Date | undefined {
  if (s === null || s === undefined) return undefined;
  const m = FABRIC_TIMESTAMP.exec(s.trim());
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone] = m;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const sec = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = Number((fraction + '000').slice(0, 3));
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  // Date.UTC rolls 2023-02-31 over into March: reject dates that do not exist.
  if (new Date(utc).getUTCDate() !== d) return undefined;
  return new Date(utc - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}
