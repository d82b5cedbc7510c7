/** Checks a `runFabricJob` input; bad input fails the run at once with one clear message. */
import { ApplicationFailure } from '@temporalio/workflow';
import { FailureTypes, isUuid } from '../shared.js';
import type { RunFabricJobInput } from '../shared.js';
import { resolvePollInterval } from './poll-delay.js';
import type { ResolvedPollInterval } from './poll-delay.js';

function oneOf(field: string, value: unknown, allowed: readonly string[]): string | undefined {
  return value === undefined || allowed.includes(value as string) ? undefined : `${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`;
}

/** The problem with `input`, or undefined when it is valid. Pure. */
export function inputProblem(input: RunFabricJobInput | undefined): string | undefined {
  if (typeof input !== 'object' || input === null) return 'the input must be an object';
  if (typeof input.workspaceId !== 'string' || !isUuid(input.workspaceId)) return `workspaceId must be a UUID, got ${JSON.stringify(input.workspaceId)}`;
  if (typeof input.itemId !== 'string' || !isUuid(input.itemId)) return `itemId must be a UUID, got ${JSON.stringify(input.itemId)}`;
  if (typeof input.jobType !== 'string' || input.jobType.trim() === '') return 'jobType must be a non-empty string';
  if (input.timeoutMs !== undefined && !(Number.isFinite(input.timeoutMs) && input.timeoutMs > 0)) {
    return `timeoutMs must be a positive number of milliseconds, got ${JSON.stringify(input.timeoutMs)}`;
  }
  return (
    oneOf('onDeduped', input.onDeduped, ['fail', 'succeed']) ??
    oneOf('runRoute', input.runRoute, ['query', 'path']) ??
    oneOf('pollActivity', input.pollActivity, ['local', 'regular'])
  );
}

/** Validates the input and returns its resolved poll interval; throws a non-retryable FabricInvalidInput. */
export function validateInput(input: RunFabricJobInput): ResolvedPollInterval {
  let problem = inputProblem(input);
  let interval: ResolvedPollInterval | undefined;
  if (!problem) {
    try {
      interval = resolvePollInterval(input.pollInterval);
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
  }
  if (problem || !interval) throw ApplicationFailure.nonRetryable(`Invalid runFabricJob input: ${problem}`, FailureTypes.InvalidInput);
  return interval;
}
