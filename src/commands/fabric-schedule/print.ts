/** Human lines for Fabric item schedules. */
import type { ItemSchedule, ScheduleConfig } from '../../fabric/index.js';

export function describeConfiguration(config: ScheduleConfig): string {
  const window = `from ${config.startDateTime} to ${config.endDateTime} (${config.localTimeZoneId})`;
  switch (config.type) {
    case 'Cron':
      return `every ${config.interval} min ${window}`;
    case 'Daily':
      return `daily at ${config.times.join(', ')} ${window}`;
    case 'Weekly':
      return `weekly on ${config.weekdays.join(', ')} at ${config.times.join(', ')} ${window}`;
    case 'Monthly': {
      const on = config.occurrence.occurrenceType === 'DayOfMonth' ? `day ${config.occurrence.dayOfMonth}` : `${config.occurrence.weekIndex} ${config.occurrence.weekday}`;
      const every = config.recurrence === 1 ? 'monthly' : `every ${config.recurrence} months`;
      return `${every} on ${on} at ${config.times.join(', ')} ${window}`;
    }
    default:
      return `${(config as { type?: string }).type ?? 'unknown'} schedule ${window}`;
  }
}

/** `<id>  enabled  daily at 02:00 from ... (UTC)` */
export function scheduleLine(schedule: ItemSchedule): string {
  return `${schedule.id}  ${schedule.enabled ? 'enabled ' : 'disabled'}  ${describeConfiguration(schedule.configuration)}`;
}
