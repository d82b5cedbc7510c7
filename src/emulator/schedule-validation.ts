/**
 * Validation of schedule requests (CreateScheduleRequest, UpdateScheduleRequest) as in Fabric's spec:
 * configuration types Cron, Daily, Weekly and Monthly.
 */
import { z } from 'zod';
import { badRequest } from './errors.js';
import { parseJson } from './http-io.js';

const dateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date-time');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be "hh:mm"');
const times = z.array(time).min(1, 'needs at least one time').max(100);
const weekday = z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

const common = {
  startDateTime: dateTime,
  endDateTime: dateTime,
  localTimeZoneId: z.string().min(1),
};

const configuration = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Cron'), ...common, interval: z.number().int().min(1).max(5_270_400) }),
    z.object({ type: z.literal('Daily'), ...common, times }),
    z.object({ type: z.literal('Weekly'), ...common, times, weekdays: z.array(weekday).min(1).max(7) }),
    z.object({
      type: z.literal('Monthly'),
      ...common,
      times,
      recurrence: z.number().int().min(1).max(12),
      occurrence: z.discriminatedUnion('occurrenceType', [
        z.object({ occurrenceType: z.literal('DayOfMonth'), dayOfMonth: z.number().int().min(1).max(31) }),
        z.object({
          occurrenceType: z.literal('OrdinalWeekday'),
          weekIndex: z.enum(['First', 'Second', 'Third', 'Fourth', 'Fifth']),
          weekday,
        }),
      ]),
    }),
  ])
  .refine((c) => Date.parse(c.endDateTime) > Date.parse(c.startDateTime), { message: 'endDateTime must be after startDateTime', path: ['endDateTime'] });

const scheduleRequest = z.object({
  enabled: z.boolean(),
  configuration,
  executionData: z.record(z.string(), z.unknown()).optional(),
});

export interface ScheduleRequest {
  enabled: boolean;
  /** Kept as the client sent it. */
  configuration: Record<string, unknown>;
  executionData?: Record<string, unknown>;
}

/** Parses and checks a create/update schedule body; a bad one becomes a 400 ErrorResponse listing every problem. */
export function parseScheduleRequest(bodyText: string): ScheduleRequest {
  const body = parseJson(bodyText);
  const parsed = scheduleRequest.safeParse(body);
  if (!parsed.success) {
    const moreDetails = parsed.error.issues.map((issue) => ({
      errorCode: 'InvalidParameter',
      message: `${issue.path.join('.') || 'body'}: ${issue.message}`,
    }));
    throw badRequest('InvalidParameter', `The schedule request is not valid: ${moreDetails.map((d) => d.message).join('; ')}`, { moreDetails });
  }
  const raw = body as ScheduleRequest;
  return { enabled: raw.enabled, configuration: raw.configuration, ...(raw.executionData ? { executionData: raw.executionData } : {}) };
}
