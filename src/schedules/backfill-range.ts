/**
 * The time range of `schedule backfill --from --to`. A bare date means the whole day in the
 * schedule's time zone (`--from` its start, `--to` its end), so `--from 2024-05-01 --to 2024-05-03`
 * covers the logical dates 05-01 to 05-03. A date-time without offset is read in that time zone too.
 * Both ends are inclusive (as Temporal's backfill is).
 */

export type BoundResult = { ok: true; at: Date } | { ok: false; problem: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Offset of `timeZone` from UTC at `instantMs`, in ms (positive east of Greenwich). */
function offsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/** The instant whose wall-clock time in `timeZone` is `wallMs` (the local fields written as UTC). */
export function zonedWallTimeToInstant(wallMs: number, timeZone: string): Date {
  const first = wallMs - offsetMs(wallMs, timeZone);
  return new Date(wallMs - offsetMs(first, timeZone));
}

function wall(year: string, month: string, day: string, hour = '0', minute = '0', second = '0'): number | undefined {
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const back = new Date(ms);
  const valid = back.getUTCFullYear() === Number(year) && back.getUTCMonth() === Number(month) - 1 && back.getUTCDate() === Number(day);
  return valid && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 ? ms : undefined;
}

const FORMS = 'use a date (2024-05-01), a local date-time (2024-05-01T02:00) or an instant (2024-05-01T02:00:00Z)';

/** Parses one end of the range. */
export function parseBackfillBound(text: string, bound: 'from' | 'to', timeZone: string): BoundResult {
  const value = text.trim();
  const date = DATE.exec(value);
  if (date) {
    const start = wall(date[1]!, date[2]!, date[3]!);
    if (start === undefined) return { ok: false, problem: `not a calendar date; ${FORMS}` };
    if (bound === 'from') return { ok: true, at: zonedWallTimeToInstant(start, timeZone) };
    return { ok: true, at: new Date(zonedWallTimeToInstant(start + 86_400_000, timeZone).getTime() - 1) };
  }
  const local = LOCAL.exec(value);
  if (local) {
    const at = wall(local[1]!, local[2]!, local[3]!, local[4], local[5], local[6]);
    return at === undefined ? { ok: false, problem: `not a valid date-time; ${FORMS}` } : { ok: true, at: zonedWallTimeToInstant(at, timeZone) };
  }
  if (ZONED.test(value) && !Number.isNaN(Date.parse(value))) return { ok: true, at: new Date(value) };
  return { ok: false, problem: `not a date or time; ${FORMS}` };
}

/**
 * The range to backfill: `to` is capped at `now` (later periods are the schedule's own business).
 * Problems name the flags.
 */
export function backfillRange(from: Date, to: Date, now: Date): { ok: true; start: Date; end: Date } | { ok: false; problem: string } {
  if (from.getTime() > to.getTime()) return { ok: false, problem: `--from (${from.toISOString()}) is after --to (${to.toISOString()})` };
  if (from.getTime() > now.getTime()) return { ok: false, problem: `--from (${from.toISOString()}) is in the future; future runs happen on schedule` };
  return { ok: true, start: from, end: to.getTime() > now.getTime() ? now : to };
}
