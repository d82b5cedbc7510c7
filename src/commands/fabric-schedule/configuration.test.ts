import { describe, expect, it } from 'vitest';
import type { ScheduleConfig } from '../../fabric/index.js';
import { buildConfiguration, parseLocalDateTime } from './configuration.js';

const window = { start: '2030-01-01', end: '2030-06-30T18:00' };
const base = { startDateTime: '2030-01-01T00:00:00', endDateTime: '2030-06-30T18:00:00', localTimeZoneId: 'UTC' };

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
  throw new Error('expected a UsageError');
}

describe('buildConfiguration', () => {
  it('picks the type from the flags', () => {
    expect(buildConfiguration({ ...window, interval: '15' }, undefined)).toEqual({ type: 'Cron', ...base, interval: 15 });
    expect(buildConfiguration({ ...window, times: '9:05' }, undefined)).toEqual({ type: 'Daily', ...base, times: ['09:05'] });
    expect(buildConfiguration({ ...window, times: '01:00', weekdays: 'sun' }, undefined)).toEqual({ type: 'Weekly', ...base, times: ['01:00'], weekdays: ['Sunday'] });
    expect(buildConfiguration({ ...window, times: '01:00', dayOfMonth: '31' }, undefined)).toEqual({
      type: 'Monthly', ...base, times: ['01:00'], recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 31 },
    });
  });

  it('changes only what is given on update, keeping the type when the flags allow it', () => {
    const monthly: ScheduleConfig = { type: 'Monthly', ...base, times: ['01:00'], recurrence: 2, occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'First', weekday: 'Monday' } };
    expect(buildConfiguration({ times: '03:00' }, monthly)).toEqual({ ...monthly, times: ['03:00'] });
    expect(buildConfiguration({ weekday: 'friday' }, monthly)).toMatchObject({ recurrence: 2, occurrence: { weekIndex: 'First', weekday: 'Friday' } });
    expect(buildConfiguration({ end: '2031-01-01', timeZone: 'Tokyo Standard Time' }, monthly)).toEqual({ ...monthly, endDateTime: '2031-01-01T00:00:00', localTimeZoneId: 'Tokyo Standard Time' });
    const weekly: ScheduleConfig = { type: 'Weekly', ...base, times: ['01:00'], weekdays: ['Monday'] };
    expect(buildConfiguration({ times: '02:00' }, weekly)).toEqual({ ...weekly, times: ['02:00'] });
    expect(buildConfiguration({ interval: '60' }, weekly)).toEqual({ type: 'Cron', ...base, interval: 60 });
    expect(problems(() => buildConfiguration({ weekdays: 'Monday' }, { type: 'Cron', ...base, interval: 5 }))).toEqual(['a Weekly schedule needs --times hh:mm,...']);
  });

  it('lists every problem', () => {
    expect(problems(() => buildConfiguration({}, undefined))).toEqual([
      '--start is required: when the schedule begins, e.g. 2024-05-01T00:00 (in --time-zone)',
      '--end is required: when the schedule stops, e.g. 2025-05-01T00:00 (in --time-zone)',
    ]);
    expect(problems(() => buildConfiguration({ ...window }, undefined))[0]).toMatch(/^give --interval <minutes> \(Cron\)/);
    expect(problems(() => buildConfiguration({ start: '2030-02-01', end: '2030-01-01', interval: '0' }, undefined))).toEqual([
      '--end 2030-01-01T00:00:00 must be after --start 2030-02-01T00:00:00',
      '--interval "0": must be a whole number from 1 to 5270400',
    ]);
    expect(problems(() => buildConfiguration({ ...window, times: '01:00', dayOfMonth: '3', weekIndex: 'First' }, undefined))).toEqual([
      'give either --day-of-month or --week-index with --weekday, not both',
    ]);
    expect(problems(() => buildConfiguration({ ...window, times: '01:00', weekIndex: 'Sixth', weekday: 'Monday' }, undefined))[0]).toContain('--week-index "Sixth": must be one of First');
    expect(problems(() => buildConfiguration({ ...window, interval: '5', times: '01:00' }, undefined))).toEqual([
      '--times does not apply to a Cron schedule (--interval 5, every N minutes): give --interval alone, or --times for a Daily, Weekly or Monthly schedule',
    ]);
  });

  it('reads local date-times', () => {
    expect(parseLocalDateTime('--start', '2030-01-01')).toBe('2030-01-01T00:00:00');
    expect(parseLocalDateTime('--start', '2030-01-01T07:30:15')).toBe('2030-01-01T07:30:15');
    expect(() => parseLocalDateTime('--start', '2030-02-30')).toThrow('not a local date-time');
    expect(() => parseLocalDateTime('--start', 'tomorrow')).toThrow('not a local date-time');
  });
});
