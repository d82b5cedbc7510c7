/**
 * Checks a `fabricOperation` input: the kind's own fields (src/contracts/fabric-operation.ts) and the
 * shared ones (timeout, poll interval, connection, pool) by their rows in the field table
 * (src/contracts/operation-fields.ts), so a bad value reads the same on every surface. Bad input fails the run at
 * once with one clear message.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { operationKindProblems, type FabricOperationInput } from '../../contracts/fabric-operation.js';
import { formatInputProblem } from '../../contracts/fields.js';
import { operationFieldProblems } from '../../contracts/operation-fields.js';
import { FailureTypes } from '../../shared.js';
import { resolvePollInterval, type ResolvedPollInterval } from '../core/poll-interval.js';

/** Every problem of `input`, as `field value: message` lines. Pure. */
export function operationInputProblems(input: FabricOperationInput | undefined): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['the input must be an object'];
  const record = input as unknown as Record<string, unknown>;
  const own = operationKindProblems(record).map((p) => `${p.field}: ${p.message}`);
  const shared = operationFieldProblems(record).map(formatInputProblem);
  return [...own, ...shared];
}

/** Validates the input and returns its resolved poll interval; throws a non-retryable FabricInvalidInput. */
export function validateOperationInput(input: FabricOperationInput): ResolvedPollInterval {
  const [problem] = operationInputProblems(input);
  if (problem !== undefined) throw ApplicationFailure.nonRetryable(`Invalid fabricOperation input: ${problem}`, FailureTypes.InvalidInput);
  return resolvePollInterval(input.pollInterval);
}
