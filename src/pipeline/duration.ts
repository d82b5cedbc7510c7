/** Durations in pipeline files: the project's one grammar (src/duration.ts), with the file's wording for errors. */
import { durationToMs, formatDuration } from '../duration.js';

export { formatDuration };

/** Milliseconds, or undefined when `text` is not a duration. */
export const parsePipelineDuration = durationToMs;

/** The message for a value that is not a duration. */
export function durationProblem(value: unknown): string {
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return `invalid duration ${shown}: use a number and a unit (ms, s, m, h, d), e.g. "90s", "2h" or "1h30m"`;
}
