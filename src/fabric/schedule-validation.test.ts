import { describe, expect, it } from 'vitest';
import type { CreateScheduleRequest, ScheduleConfig } from './schedule-models.js';
import { assertScheduleRequest } from './schedule-validation.js';

const window = { startDateTime: '2024-04-28T00:00:00', endDateTime: '2024-04-30T23:59:00', localTimeZoneId: 'Central Standard Time' };

function req(configuration: Partial<ScheduleConfig> | Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return { enabled: true, configuration: { ...window, ...configuration }, ...extra };
}

describe('assertScheduleRequest', () => {
  it('accepts each schedule type', () => {
    const ok: CreateScheduleRequest[] = [
      { enabled: true, configuration: { ...window, type: 'Cron', interval: 10 } },
      { enabled: false, configuration: { ...window, type: 'Daily', times: ['00:00', '23:59'] } },
      { enabled: true, configuration: { ...window, type: 'Weekly', times: ['09:30'], weekdays: ['Monday', 'Friday'] } },
      { enabled: true, configuration: { ...window, type: 'Monthly', recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 31 }, times: ['06:00'] } },
      { enabled: true, configuration: { ...window, type: 'Monthly', recurrence: 12, occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'Fifth', weekday: 'Sunday' }, times: ['06:00'] }, executionData: { a: 1 } },
    ];
    for (const r of ok) expect(() => assertScheduleRequest(r)).not.toThrow();
  });

  it('bounds the Cron interval to 1..5,270,400 minutes', () => {
    expect(() => assertScheduleRequest(req({ type: 'Cron', interval: 5_270_400 }))).not.toThrow();
    for (const interval of [0, 5_270_401, 1.5, '10', undefined]) {
      expect(() => assertScheduleRequest(req({ type: 'Cron', interval }))).toThrow(/interval must be an integer from 1 to 5270400/);
    }
  });

  it('names what is wrong', () => {
    const cases: [unknown, RegExp, string][] = [
      [null, /schedule request must be an object/, 'schedule'],
      [{ configuration: { ...window, type: 'Cron', interval: 5 } }, /enabled must be a boolean/, 'enabled'],
      [req({ type: 'Hourly' }), /type must be Cron, Daily, Weekly or Monthly/, 'configuration'],
      [req({ type: 'Daily', times: [] }), /times must be a non-empty array/, 'configuration'],
      [req({ type: 'Daily', times: ['24:00'] }), /times\[0\] must be "hh:mm"/, 'configuration'],
      [req({ type: 'Weekly', times: ['01:00'], weekdays: ['Funday'] }), /weekdays\[0\] must be one of Monday/, 'configuration'],
      [req({ type: 'Monthly', times: ['01:00'], recurrence: 13, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 1 } }), /recurrence must be an integer from 1 to 12/, 'configuration'],
      [req({ type: 'Monthly', times: ['01:00'], recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 32 } }), /dayOfMonth must be an integer from 1 to 31/, 'configuration'],
      [req({ type: 'Monthly', times: ['01:00'], recurrence: 1, occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'Last', weekday: 'Monday' } }), /weekIndex must be one of/, 'configuration'],
      [req({ type: 'Cron', interval: 5, startDateTime: 'tomorrow' }), /startDateTime must be a date-time/, 'configuration'],
      [req({ type: 'Cron', interval: 5, endDateTime: '2024-04-27T00:00:00' }), /endDateTime \(2024-04-27T00:00:00\) must be after startDateTime/, 'configuration'],
      [req({ type: 'Cron', interval: 5, localTimeZoneId: '' }), /localTimeZoneId must be a Windows time-zone id/, 'configuration'],
      [req({ type: 'Cron', interval: 5 }, { executionData: [1] }), /executionData must be a plain JSON object/, 'executionData'],
    ];
    for (const [value, message, field] of cases) {
      expect(() => assertScheduleRequest(value)).toThrow(expect.objectContaining({ name: 'FabricValidationError', field, message: expect.stringMatching(message) }));
    }
  });
});
