/** Checks of schedule requests before they are sent. */
import { FabricValidationError } from './errors/fabric-validation-error.js';
import {
  CRON_INTERVAL_MINUTES,
  SCHEDULE_WEEKDAYS,
  SCHEDULE_WEEK_INDEXES,
  type CreateScheduleRequest,
  type UpdateScheduleRequest,
} from './schedule-models.js';
import { assertJsonObject, describe, isPlainObject } from './validation.js';

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function fail(message: string): never {
  throw new FabricValidationError('configuration', message);
}

/** Throws a FabricValidationError unless `request` is a well-formed create or update schedule request. */
export function assertScheduleRequest(request: unknown): asserts request is CreateScheduleRequest | UpdateScheduleRequest {
  if (!isPlainObject(request)) {
    throw new FabricValidationError('schedule', `the schedule request must be an object, got ${describe(request)}`);
  }
  if (typeof request.enabled !== 'boolean') {
    throw new FabricValidationError('enabled', `enabled must be a boolean, got ${describe(request.enabled)}`);
  }
  if (request.executionData !== undefined) assertJsonObject('executionData', request.executionData);
  assertScheduleConfig(request.configuration);
}

function assertScheduleConfig(c: unknown): void {
  if (!isPlainObject(c)) fail(`configuration must be an object, got ${describe(c)}`);
  for (const key of ['startDateTime', 'endDateTime'] as const) {
    if (typeof c[key] !== 'string' || !LOCAL_DATE_TIME.test(c[key])) {
      fail(`configuration.${key} must be a date-time like 2024-04-28T00:00:00, got ${describe(c[key])}`);
    }
  }
  if (Date.parse(c.endDateTime as string) <= Date.parse(c.startDateTime as string)) {
    fail(`configuration.endDateTime (${String(c.endDateTime)}) must be after startDateTime (${String(c.startDateTime)})`);
  }
  if (typeof c.localTimeZoneId !== 'string' || c.localTimeZoneId.trim() === '') {
    fail(`configuration.localTimeZoneId must be a Windows time-zone id such as "UTC", got ${describe(c.localTimeZoneId)}`);
  }
  switch (c.type) {
    case 'Cron':
      assertInteger('interval', c.interval, CRON_INTERVAL_MINUTES.min, CRON_INTERVAL_MINUTES.max);
      return;
    case 'Daily':
      assertTimes(c.times);
      return;
    case 'Weekly':
      assertTimes(c.times);
      assertWeekdays(c.weekdays);
      return;
    case 'Monthly':
      assertTimes(c.times);
      assertInteger('recurrence', c.recurrence, 1, 12);
      assertOccurrence(c.occurrence);
      return;
    default:
      fail(`configuration.type must be Cron, Daily, Weekly or Monthly, got ${describe(c.type)}`);
  }
}

function assertInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`configuration.${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
}

function assertTimes(times: unknown): void {
  if (!Array.isArray(times) || times.length === 0) fail(`configuration.times must be a non-empty array of "hh:mm", got ${describe(times)}`);
  times.forEach((t: unknown, i) => {
    if (typeof t !== 'string' || !TIME_OF_DAY.test(t)) fail(`configuration.times[${i}] must be "hh:mm" (00:00..23:59), got ${describe(t)}`);
  });
}

function assertWeekday(path: string, value: unknown): void {
  if (!(SCHEDULE_WEEKDAYS as readonly unknown[]).includes(value)) {
    fail(`${path} must be one of ${SCHEDULE_WEEKDAYS.join(', ')}, got ${describe(value)}`);
  }
}

function assertWeekdays(weekdays: unknown): void {
  if (!Array.isArray(weekdays) || weekdays.length === 0) fail(`configuration.weekdays must be a non-empty array, got ${describe(weekdays)}`);
  weekdays.forEach((w: unknown, i) => assertWeekday(`configuration.weekdays[${i}]`, w));
}

function assertOccurrence(o: unknown): void {
  if (!isPlainObject(o)) fail(`configuration.occurrence must be an object, got ${describe(o)}`);
  if (o.occurrenceType === 'DayOfMonth') {
    assertInteger('occurrence.dayOfMonth', o.dayOfMonth, 1, 31);
  } else if (o.occurrenceType === 'OrdinalWeekday') {
    if (!(SCHEDULE_WEEK_INDEXES as readonly unknown[]).includes(o.weekIndex)) {
      fail(`configuration.occurrence.weekIndex must be one of ${SCHEDULE_WEEK_INDEXES.join(', ')}, got ${describe(o.weekIndex)}`);
    }
    assertWeekday('configuration.occurrence.weekday', o.weekday);
  } else {
    fail(`configuration.occurrence.occurrenceType must be DayOfMonth or OrdinalWeekday, got ${describe(o.occurrenceType)}`);
  }
}
