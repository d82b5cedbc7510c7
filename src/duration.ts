/**
 * The one duration grammar of fabric-temporal (CLI flags, pipeline files, schedules, workflow
 * input): one or more `<number><unit>` parts with units `ms`, `s`, `m`, `h`, `d` — `500ms`, `90s`,
 * `5m`, `2h`, `1h30m`, `1.5h`. Plain numbers are refused: `3600` could be seconds or milliseconds.
 * Pure, no imports (sandbox-safe). Callers name the value (`--timeout "90": `, `steps[0].timeout: `);
 * the problem's words are the same everywhere.
 */

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const PLAIN_NUMBER = /^\s*\d+(?:\.\d+)?\s*$/;

/** What the grammar accepts, for error messages. */
export const DURATION_FORMS = 'a number and a unit (ms, s, m, h, d), e.g. 500ms, 90s, 5m, 2h or 1h30m';

/** Milliseconds, or undefined when `text` is not a duration. */
export function durationToMs(text: string): number | undefined {
  const compact = text.trim().toLowerCase();
  if (!WHOLE.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return Math.round(total);
}

/**
 * Why `value` is not a duration longer than 0, or undefined when it is one. A plain number (`90`,
 * or `"90"`) gets a hint to add a unit.
 */
export function durationProblem(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  const ms = text === undefined ? undefined : durationToMs(text);
  if (ms === undefined) {
    const plain = text !== undefined && PLAIN_NUMBER.test(text) ? ` (a plain number has no unit: write ${text.trim()}s or ${text.trim()}ms)` : '';
    return `not a duration${plain}; use ${DURATION_FORMS}`;
  }
  return ms > 0 ? undefined : 'must be longer than 0';
}

/** `5400000` → `1h30m`, `1500` → `1s500ms`, for display. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit]!;
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join('');
}
