/**
 * The logical date of a scheduled run: the schedule's nominal time (when the run was due, not when
 * it started), written as a date in the schedule's time zone or as a UTC instant. Sandbox-safe
 * (Intl only): the scheduled-run workflow computes it. The rule's type is part of that workflow's
 * input (src/contracts/scheduled-run.ts).
 */
import type { LogicalDateRule } from '../contracts/scheduled-run.js';

export { LOGICAL_DATE_FORMATS, type LogicalDateFormat, type LogicalDateRule } from '../contracts/scheduled-run.js';

export const DEFAULT_LOGICAL_DATE_RULE: Readonly<LogicalDateRule> = { format: 'date', timeZone: 'UTC' };

/** `2024-05-01` (date) or `2024-05-01T02:00:00Z` (datetime). */
export function formatLogicalDate(nominal: Date, rule: LogicalDateRule = DEFAULT_LOGICAL_DATE_RULE): string {
  if (rule.format === 'datetime') return `${nominal.toISOString().slice(0, 19)}Z`;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: rule.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(nominal);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const SCHEDULED_SUFFIX = /-(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))$/;

/**
 * The nominal time a Temporal Schedule appends to the ids of the workflows it starts
 * (`<workflowId>-2024-05-01T02:00:00Z`), or undefined.
 */
export function nominalTimeFromWorkflowId(workflowId: string): Date | undefined {
  const match = SCHEDULED_SUFFIX.exec(workflowId);
  if (!match) return undefined;
  const date = new Date(match[1]!);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
