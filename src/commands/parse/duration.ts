/**
 * Durations on the command line: one or more `<number><unit>` parts with units `ms`, `s`, `m`, `h`,
 * `d` — `500ms`, `90s`, `5m`, `2h`, `1h30m`, `1.5h`. A plain number is refused (is `90` seconds or
 * milliseconds?) with a message that suggests the unit. Same grammar as durations in pipeline files.
 */
import { UsageError } from '../errors.js';
import { DURATION_FORMS, durationToMs, formatDuration } from '../../duration.js';

export { durationToMs, formatDuration };

/**
 * Parses the value of `flag` (e.g. `--timeout`) into milliseconds > 0.
 * @throws UsageError naming the flag, the bad value and the accepted forms.
 */
export function parseDuration(flag: string, text: string): number {
  const ms = durationToMs(text);
  if (ms === undefined) {
    const hint = /^\s*\d+(\.\d+)?\s*$/.test(text) ? ` (a plain number has no unit: write ${text.trim()}s or ${text.trim()}ms)` : '';
    throw new UsageError(`${flag} ${JSON.stringify(text)}: not a duration${hint}; use ${DURATION_FORMS}`);
  }
  if (ms <= 0) throw new UsageError(`${flag} ${JSON.stringify(text)}: must be longer than 0`);
  return ms;
}
