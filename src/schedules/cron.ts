/**
 * Cron expressions as Temporal Schedules read them (checked here so that a bad one is refused with a
 * clear message before anything reaches the server). Grammar, after Temporal's own parser:
 *
 * - 5 fields `minute hour day-of-month month day-of-week`, 6 fields (+ `year`), or 7 fields
 *   (`second` first, + `year`); or one of `@yearly` `@annually` `@monthly` `@weekly` `@daily`
 *   `@midnight` `@hourly`.
 * - Each field: `*`, `x`, `x-z`, `x-z/step`, `x/step` (x to the maximum), `*\/step`, and lists `a,b-c`.
 * - Months accept names (3+ letters: `jan`, `March`); days of week names (2+ letters: `mo`, `FRI`),
 *   0-7 (0 and 7 are Sunday). Years 2000-2100.
 *
 * `CRON_TZ=`/`TZ=` prefixes, `@every` and `#` comments are refused here: the CLI has `--timezone`
 * and `--every` for them.
 */

/** What a valid expression tells the CLI. */
export interface CronAnalysis {
  /** The expression as it will be sent (trimmed, single spaces). */
  expression: string;
  /** How many times it fires on a day it fires at all (seconds × minutes × hours). */
  firesPerDay: number;
}

export type CronResult = { ok: true; value: CronAnalysis } | { ok: false; problem: string };

type Mode = 'int' | 'month' | 'dow';
interface Field {
  name: string;
  min: number;
  max: number;
  mode: Mode;
}

const SECOND: Field = { name: 'second', min: 0, max: 59, mode: 'int' };
const MINUTE: Field = { name: 'minute', min: 0, max: 59, mode: 'int' };
const HOUR: Field = { name: 'hour', min: 0, max: 23, mode: 'int' };
const DAY_OF_MONTH: Field = { name: 'day-of-month', min: 1, max: 31, mode: 'int' };
const MONTH: Field = { name: 'month', min: 1, max: 12, mode: 'month' };
const DAY_OF_WEEK: Field = { name: 'day-of-week', min: 0, max: 7, mode: 'dow' };
const YEAR: Field = { name: 'year', min: 2000, max: 2100, mode: 'int' };

const LAYOUTS: Readonly<Record<number, readonly Field[]>> = {
  5: [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  6: [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR],
  7: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR],
};

const SHORTHANDS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A value of a field: a number, or a month / day name. Throws a message when it is neither. */
function parseValue(text: string, field: Field, min: number): number {
  const lower = text.toLowerCase();
  if (field.mode === 'month' && lower.length >= 3) {
    const index = MONTHS.findIndex((m) => m.startsWith(lower));
    if (index >= 0) return index + 1;
  }
  if (field.mode === 'dow' && lower.length >= 2) {
    const index = DAYS.findIndex((d) => d.startsWith(lower));
    if (index >= 0) return index;
  }
  if (!/^\d+$/.test(text)) {
    const names = field.mode === 'month' ? ' or a month name (jan, feb, ...)' : field.mode === 'dow' ? ' or a day name (mon, tue, ...)' : '';
    throw new Error(`"${text}" is not a number${names}`);
  }
  const value = Number(text);
  if (value < min || value > field.max) throw new Error(`${value} is out of range ${min}-${field.max}`);
  return value;
}

/** The values one field matches. Throws a message naming the bad part. */
function expandField(text: string, field: Field): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const pieces = part.split('/');
    if (pieces.length > 2 || part === '') throw new Error(`"${part}" is malformed`);
    const [range, stepText] = pieces as [string, string | undefined];
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new Error(`step "${stepText}" must be a whole number of at least 1`);
      step = Number(stepText);
    }
    let start = field.min;
    let end = field.max;
    if (range !== '*') {
      const bounds = range.split('-');
      if (bounds.length > 2 || bounds.some((b) => b === '')) throw new Error(`"${range}" is malformed`);
      start = parseValue(bounds[0]!, field, field.min);
      if (bounds.length === 2) end = parseValue(bounds[1]!, field, start);
      else if (stepText === undefined) end = start;
    }
    for (let v = start; v <= end; v += step) values.add(field.mode === 'dow' && v === 7 ? 0 : v);
  }
  return values;
}

const HELP =
  'expected 5 fields "minute hour day-of-month month day-of-week" (e.g. "0 2 * * *" for 02:00 every day), 6 or 7 fields (year; second), or @daily, @hourly, @weekly, @monthly, @yearly';

/** Checks `text` and tells how often it fires per day. */
export function analyzeCron(text: string): CronResult {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (/^(CRON_)?TZ=/i.test(trimmed)) return { ok: false, problem: 'a time zone prefix is not accepted here; give the time zone with --timezone' };
  if (/^@every\b/i.test(trimmed)) return { ok: false, problem: '@every is not accepted here; use --every <duration>' };
  if (trimmed.includes('#')) return { ok: false, problem: 'comments (#) are not accepted; use --note for a description' };
  const expanded = SHORTHANDS[trimmed.toLowerCase()] ?? trimmed;
  if (expanded.startsWith('@')) return { ok: false, problem: `unknown shorthand "${trimmed}"; ${HELP}` };
  const parts = expanded === '' ? [] : expanded.split(' ');
  const layout = LAYOUTS[parts.length];
  if (!layout) return { ok: false, problem: `${parts.length} field${parts.length === 1 ? '' : 's'}; ${HELP}` };
  const counts: Record<string, number> = {};
  const problems: string[] = [];
  layout.forEach((field, i) => {
    try {
      counts[field.name] = expandField(parts[i]!, field).size;
    } catch (error) {
      problems.push(`${field.name} field "${parts[i]}": ${(error as Error).message}`);
    }
  });
  if (problems.length > 0) return { ok: false, problem: problems.join('; ') };
  const firesPerDay = (counts.second ?? 1) * counts.minute! * counts.hour!;
  return { ok: true, value: { expression: trimmed, firesPerDay } };
}
