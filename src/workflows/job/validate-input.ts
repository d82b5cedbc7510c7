/**
 * Checks a `runFabricJob` input; bad input fails the run at once with one clear message. The job's
 * fields follow the rules of the job table (src/contracts/job.ts), worded as a flag or a pipeline
 * file would word them; only the prefix (the input field) differs.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { jobProblems } from '../../contracts/job.js';
import type { RunFabricJobInput } from '../../contracts/job.js';
import { formatInputProblem } from '../../contracts/fields.js';

export { formatInputProblem };
import { FailureTypes } from '../../shared.js';
import { resolvePollInterval } from '../core/poll-interval.js';
import type { ResolvedPollInterval } from '../core/poll-interval.js';

const POLL_ACTIVITIES = ['local', 'regular'];

/** The problem with `input`, or undefined when it is valid. Pure. */
export function inputProblem(input: RunFabricJobInput | undefined): string | undefined {
  if (typeof input !== 'object' || input === null) return 'the input must be an object';
  const [first] = jobProblems(input);
  if (first) return formatInputProblem(first);
  if (input.pollActivity !== undefined && !POLL_ACTIVITIES.includes(input.pollActivity)) {
    return `pollActivity ${JSON.stringify(input.pollActivity)}: must be one of ${POLL_ACTIVITIES.join(', ')}`;
  }
  return undefined;
}

/** Validates the input and returns its resolved poll interval; throws a non-retryable FabricInvalidInput. */
export function validateInput(input: RunFabricJobInput): ResolvedPollInterval {
  const problem = inputProblem(input);
  if (problem) throw ApplicationFailure.nonRetryable(`Invalid runFabricJob input: ${problem}`, FailureTypes.InvalidInput);
  return resolvePollInterval(input.pollInterval);
}
