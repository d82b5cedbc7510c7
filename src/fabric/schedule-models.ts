/**
 * Fabric item schedule models (Job Scheduler: `.../items/{itemId}/jobs/{jobType}/schedules`).
 * Pure types and constants, no imports.
 */

export const SCHEDULE_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type ScheduleWeekday = (typeof SCHEDULE_WEEKDAYS)[number];

export const SCHEDULE_WEEK_INDEXES = ['First', 'Second', 'Third', 'Fourth', 'Fifth'] as const;
export type ScheduleWeekIndex = (typeof SCHEDULE_WEEK_INDEXES)[number];

/** Smallest and largest `interval` (minutes) of a Cron schedule. */
export const CRON_INTERVAL_MINUTES = { min: 1, max: 5_270_400 } as const;

/** Fields every schedule configuration has. */
export interface ScheduleConfigBase {
  /** Local start time, e.g. `2024-04-28T00:00:00`. */
  startDateTime: string;
  /** Local end time, e.g. `2024-04-30T23:59:00`. */
  endDateTime: string;
  /** A Windows time-zone id, e.g. `Central Standard Time`, `UTC`. */
  localTimeZoneId: string;
}

/** Every `interval` minutes (not a cron expression despite the name). */
export interface CronScheduleConfig extends ScheduleConfigBase {
  type: 'Cron';
  /** Minutes between runs, 1..5,270,400. */
  interval: number;
}

/** Every day at the given local times. */
export interface DailyScheduleConfig extends ScheduleConfigBase {
  type: 'Daily';
  /** Local times `hh:mm`. */
  times: string[];
}

/** On the given weekdays at the given local times. */
export interface WeeklyScheduleConfig extends ScheduleConfigBase {
  type: 'Weekly';
  times: string[];
  weekdays: ScheduleWeekday[];
}

/** Which day of the month a Monthly schedule runs on. */
export type MonthlyOccurrence =
  | { occurrenceType: 'DayOfMonth'; /** 1..31 */ dayOfMonth: number }
  | { occurrenceType: 'OrdinalWeekday'; weekIndex: ScheduleWeekIndex; weekday: ScheduleWeekday };

/** Every `recurrence` months on `occurrence` at the given local times. */
export interface MonthlyScheduleConfig extends ScheduleConfigBase {
  type: 'Monthly';
  /** Months between runs, 1..12. */
  recurrence: number;
  occurrence: MonthlyOccurrence;
  times: string[];
}

export type ScheduleConfig = CronScheduleConfig | DailyScheduleConfig | WeeklyScheduleConfig | MonthlyScheduleConfig;
export type ScheduleType = ScheduleConfig['type'];

/** The identity that owns a schedule (Fabric's Principal; more fields may be present). */
export interface SchedulePrincipal {
  id: string;
  type: string;
  [key: string]: unknown;
}

/** Fabric's ItemSchedule. */
export interface ItemSchedule {
  id: string;
  enabled: boolean;
  /** Creation time as Fabric sends it (UTC without `Z`); see parseFabricTimestamp. */
  createdDateTime?: string;
  configuration: ScheduleConfig;
  owner?: SchedulePrincipal;
  executionData?: Record<string, unknown>;
}

/** Body of create schedule. */
export interface CreateScheduleRequest {
  enabled: boolean;
  configuration: ScheduleConfig;
  executionData?: Record<string, unknown>;
}

/** Body of update schedule (Fabric requires both `enabled` and `configuration`). */
export interface UpdateScheduleRequest {
  enabled: boolean;
  configuration: ScheduleConfig;
  executionData?: Record<string, unknown>;
}
