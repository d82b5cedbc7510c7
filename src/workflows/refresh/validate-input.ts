/**
 * Checks a `semanticModelRefresh` input; bad input fails the run at once with one clear message.
 * The fields follow the rules of the refresh table (src/contracts/refresh-fields.ts, with the rows
 * every kind shares), worded as a flag or a pipeline file would word them; only the prefix (the
 * input field) differs. Sandbox-safe.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { formatInputProblem } from '../../contracts/fields.js';
import { refreshProblems } from '../../contracts/refresh-fields.js';
import type { SemanticModelRefreshInput } from '../../contracts/semantic-model-refresh.js';
import { FailureTypes } from '../../shared.js';
import { resolvePollInterval, type ResolvedPollInterval } from '../core/poll-interval.js';

/** The problem with `input`, or undefined when it is valid. Pure. */
export function refreshInputProblem(input: SemanticModelRefreshInput | undefined): string | undefined {
  if (typeof input !== 'object' || input === null) return 'the input must be an object';
  const [first] = refreshProblems(input as unknown as Record<string, unknown>);
  if (first) return formatInputProblem(first);
  // Power BI's refresh options are checked by the client before sending.
  if (input.options !== undefined && (typeof input.options !== 'object' || input.options === null || Array.isArray(input.options))) return 'options must be an object';
  return undefined;
}

/** Validates the input and returns its resolved poll interval; throws a non-retryable FabricInvalidInput. */
export function validateRefreshInput(input: SemanticModelRefreshInput | undefined): ResolvedPollInterval {
  const problem = refreshInputProblem(input);
  if (problem) throw ApplicationFailure.nonRetryable(`Invalid semanticModelRefresh input: ${problem}`, FailureTypes.InvalidInput);
  return resolvePollInterval(input!.pollInterval);
}
