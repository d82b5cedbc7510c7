/**
 * Fabric item schedule configurations from `fabric-schedule` flags. The type follows the flags:
 * `--interval` → Cron, `--times` → Daily, `--times --weekdays` → Weekly, `--times` with
 * `--day-of-month` or `--week-index --weekday` (and `--recurrence`) → Monthly. An update starts from
 * the schedule's current configuration and changes only what is given.
 */
import {
  CRON_INTERVAL_MINUTES,
  SCHEDULE_WEEKDAYS,
  SCHEDULE_WEEK_INDEXES,
  type MonthlyOccurrence,
  type ScheduleConfig,
  type ScheduleType,
  type ScheduleWeekday,
} from '../../fabric/schedule-models.js'; // the models alone: the Fabric client loads when a command calls Fabric
import { UsageError } from '../errors.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseChoice, parseCount } from '../parse/ids.js';

/** The configuration flags as commander hands them over. */
export interface RawConfigurationFlags {
  interval?: string;
  times?: string;
  weekdays?: string;
  recurrence?: string;
  dayOfMonth?: string;
  weekIndex?: string;
  weekday?: string;
  start?: string;
  end?: string;
  timeZone?: string;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?$/;

function parseTimes(text: string): string[] {
  const parts = text.split(',').map((t) => t.trim());
  const bad = parts.filter((t) => !TIME.test(t));
  if (parts.length === 0 || bad.length > 0) {
    throw new UsageError(`--times ${JSON.stringify(text)}: ${bad.map((b) => JSON.stringify(b)).join(', ')} not a time; use hh:mm (00:00 to 23:59), comma-separated, e.g. 02:00,14:30`);
  }
  return [...new Set(parts.map((t) => t.replace(TIME, (_m, h: string, m: string) => `${h.padStart(2, '0')}:${m}`)))];
}

function parseWeekday(flag: string, text: string): ScheduleWeekday {
  const lower = text.trim().toLowerCase();
  const day = SCHEDULE_WEEKDAYS.find((d) => d.toLowerCase() === lower || (lower.length >= 3 && d.toLowerCase().startsWith(lower)));
  if (!day) throw new UsageError(`${flag} ${JSON.stringify(text)}: not a weekday; use ${SCHEDULE_WEEKDAYS.join(', ')} (or mon, tue, ...)`);
  return day;
}

function parseWeekdays(text: string): ScheduleWeekday[] {
  const c = new ProblemCollector();
  const days = text.split(',').map((t) => c.take(() => parseWeekday('--weekdays', t)));
  c.throwIfAny();
  return [...new Set(days as ScheduleWeekday[])];
}

/** `2024-05-01` or `2024-05-01T02:00[:00]` → `2024-05-01T02:00:00` (a local time in --time-zone). */
export function parseLocalDateTime(flag: string, text: string): string {
  const match = LOCAL.exec(text.trim());
  const value = match ? `${match[1]}T${match[2] ?? '00:00'}${match[3] ?? ':00'}` : '';
  if (!match || Number.isNaN(Date.parse(`${value}Z`)) || !new Date(`${value}Z`).toISOString().startsWith(match[1]!)) {
    throw new UsageError(`${flag} ${JSON.stringify(text)}: not a local date-time; use 2024-05-01 or 2024-05-01T02:00 (in --time-zone)`);
  }
  return value;
}

function parseWindowsTimeZone(text: string): string {
  const zone = text.trim();
  if (zone === '' || zone.includes('/')) {
    throw new UsageError(
      `--time-zone ${JSON.stringify(text)}: Fabric wants a Windows time-zone id such as "UTC", "W. Europe Standard Time" or "Pacific Standard Time"${zone.includes('/') ? ' (this looks like an IANA name)' : ''}`,
    );
  }
  return zone;
}

function monthlyGiven(f: RawConfigurationFlags): boolean {
  return [f.recurrence, f.dayOfMonth, f.weekIndex, f.weekday].some((v) => v !== undefined);
}

function typeFromFlags(f: RawConfigurationFlags, current: ScheduleType | undefined, c: ProblemCollector): ScheduleType | undefined {
  const kinds = new Set<ScheduleType>();
  if (f.interval !== undefined) kinds.add('Cron');
  if (f.weekdays !== undefined) kinds.add('Weekly');
  if (monthlyGiven(f)) kinds.add('Monthly');
  if (kinds.size > 1) {
    c.add(`--interval (Cron), --weekdays (Weekly) and --recurrence/--day-of-month/--week-index/--weekday (Monthly) do not mix: give the flags of one schedule type`);
    return undefined;
  }
  if (f.interval !== undefined && f.times !== undefined) {
    c.add(`--times does not apply to a Cron schedule (--interval ${f.interval}, every N minutes): give --interval alone, or --times for a Daily, Weekly or Monthly schedule`);
    return undefined;
  }
  if (kinds.size === 1) return [...kinds][0];
  if (f.times !== undefined) return current === 'Weekly' || current === 'Monthly' ? current : 'Daily';
  return current;
}

function occurrence(f: RawConfigurationFlags, current: MonthlyOccurrence | undefined, c: ProblemCollector): MonthlyOccurrence | undefined {
  if (f.dayOfMonth !== undefined && (f.weekIndex !== undefined || f.weekday !== undefined)) {
    c.add('give either --day-of-month or --week-index with --weekday, not both');
    return undefined;
  }
  if (f.dayOfMonth !== undefined) {
    const day = c.take(() => parseCount('--day-of-month', f.dayOfMonth!, 1, 31));
    return day === undefined ? undefined : { occurrenceType: 'DayOfMonth', dayOfMonth: day };
  }
  if (f.weekIndex !== undefined || f.weekday !== undefined) {
    const base = current?.occurrenceType === 'OrdinalWeekday' ? current : undefined;
    const capitalized = f.weekIndex === undefined ? undefined : f.weekIndex.trim().charAt(0).toUpperCase() + f.weekIndex.trim().slice(1).toLowerCase();
    const weekIndex = capitalized === undefined ? base?.weekIndex : c.take(() => parseChoice('--week-index', capitalized, SCHEDULE_WEEK_INDEXES));
    const weekday = f.weekday === undefined ? base?.weekday : c.take(() => parseWeekday('--weekday', f.weekday!));
    if (weekIndex === undefined || weekday === undefined) {
      if (!c.problems.length) c.add('a monthly schedule on a weekday needs both --week-index (First..Fifth) and --weekday');
      return undefined;
    }
    return { occurrenceType: 'OrdinalWeekday', weekIndex, weekday };
  }
  return current;
}

/**
 * The configuration to send. `current` is the schedule's configuration (update) or undefined (create).
 * @throws UsageError listing every problem.
 */
export function buildConfiguration(f: RawConfigurationFlags, current: ScheduleConfig | undefined): ScheduleConfig {
  const c = new ProblemCollector();
  const type = typeFromFlags(f, current?.type, c);
  const same = current?.type === type ? current : undefined;
  const startDateTime = c.optional(f.start, (t) => parseLocalDateTime('--start', t)) ?? current?.startDateTime;
  const endDateTime = c.optional(f.end, (t) => parseLocalDateTime('--end', t)) ?? current?.endDateTime;
  const localTimeZoneId = c.optional(f.timeZone, parseWindowsTimeZone) ?? current?.localTimeZoneId ?? 'UTC';
  const times = c.optional(f.times, parseTimes) ?? (same && 'times' in same ? same.times : undefined);
  if (startDateTime === undefined) c.add('--start is required: when the schedule begins, e.g. 2024-05-01T00:00 (in --time-zone)');
  if (endDateTime === undefined) c.add('--end is required: when the schedule stops, e.g. 2025-05-01T00:00 (in --time-zone)');
  if (startDateTime && endDateTime && Date.parse(`${endDateTime}Z`) <= Date.parse(`${startDateTime}Z`)) c.add(`--end ${endDateTime} must be after --start ${startDateTime}`);
  if (type === undefined && c.problems.length === 0) c.add('give --interval <minutes> (Cron), --times hh:mm,... (Daily), --times with --weekdays (Weekly) or --times with --day-of-month / --week-index --weekday (Monthly)');
  if ((type === 'Daily' || type === 'Weekly' || type === 'Monthly') && times === undefined && f.times === undefined) c.add(`a ${type} schedule needs --times hh:mm,...`);
  const base = { startDateTime: startDateTime!, endDateTime: endDateTime!, localTimeZoneId };
  let config: ScheduleConfig | undefined;
  if (type === 'Cron') {
    const interval = c.optional(f.interval, (t) => parseCount('--interval', t, CRON_INTERVAL_MINUTES.min, CRON_INTERVAL_MINUTES.max)) ?? (same?.type === 'Cron' ? same.interval : undefined);
    if (interval !== undefined) config = { type, ...base, interval };
  } else if (type === 'Daily') {
    config = { type, ...base, times: times! };
  } else if (type === 'Weekly') {
    const weekdays = c.optional(f.weekdays, parseWeekdays) ?? (same?.type === 'Weekly' ? same.weekdays : undefined);
    if (weekdays === undefined && f.weekdays === undefined) c.add('a Weekly schedule needs --weekdays, e.g. Monday,Friday');
    else if (weekdays !== undefined) config = { type, ...base, times: times!, weekdays };
  } else if (type === 'Monthly') {
    const recurrence = c.optional(f.recurrence, (t) => parseCount('--recurrence', t, 1, 12)) ?? (same?.type === 'Monthly' ? same.recurrence : 1);
    const occ = occurrence(f, same?.type === 'Monthly' ? same.occurrence : undefined, c);
    if (occ === undefined && c.problems.length === 0) c.add('a Monthly schedule needs --day-of-month <1-31>, or --week-index (First..Fifth) with --weekday');
    if (occ !== undefined) config = { type, ...base, times: times!, recurrence: recurrence!, occurrence: occ };
  }
  c.throwIfAny();
  return config!;
}
