/** Durations on the command line: the project's one grammar (src/duration.ts), worded for a flag. */
import { UsageError } from '../errors.js';
import { durationProblem, durationToMs } from '../../duration.js';

/**
 * Parses the value of `flag` (e.g. `--timeout`) into milliseconds > 0.
 * @throws UsageError naming the flag, the bad value and the accepted forms.
 */
export function parseDuration(flag: string, text: string): number {
  const problem = durationProblem(text);
  if (problem !== undefined) throw new UsageError(`${flag} ${JSON.stringify(text)}: ${problem}`);
  return durationToMs(text)!;
}
