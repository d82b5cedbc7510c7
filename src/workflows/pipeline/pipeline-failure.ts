/**
 * What a failed `runFabricJob` child means for its pipeline step: the Fabric outcome (job instance
 * id, status, failureReason from the failure's details) and whether another attempt could help.
 */
import { ApplicationFailure, ChildWorkflowFailure, TemporalFailure } from '@temporalio/workflow';
import { FailureTypes, type FabricErrorDetails, type RunFabricJobResult } from '../../shared.js';
import type { JobRunDetails } from '../../contracts/job-details.js';
import type { AttemptOutcome } from './pipeline-state.js';
import { UNKNOWN_CONNECTION_FAILURE } from '../../contracts/connection.js';
import { asJobResult, refreshResultOfFailure } from './pipeline-refresh.js';

/** A job result that may carry what the job produced (runs of versions that read details). */
type ResultWithDetails = RunFabricJobResult & { details?: JobRunDetails };

/** `details` is always set (undefined when none), so that an attempt never keeps the previous attempt's. */
function detailsOf(result: ResultWithDetails | undefined): Pick<AttemptOutcome, 'details'> {
  return { details: result?.details && Object.keys(result.details).length > 0 ? result.details : undefined };
}

export interface StepFailure {
  outcome: AttemptOutcome;
  /** False for failures another attempt cannot fix (invalid input). */
  retryable: boolean;
}

/** Failure types of `runFabricJob` that a new attempt cannot fix. */
const NOT_RETRYABLE: readonly string[] = [FailureTypes.InvalidInput, UNKNOWN_CONNECTION_FAILURE];

function isJobResult(value: unknown): value is RunFabricJobResult {
  return typeof value === 'object' && value !== null && typeof (value as RunFabricJobResult).jobInstanceId === 'string';
}

/** The outcome of a child that completed (the job Completed, or Deduped with onDeduped 'succeed'). */
export function outcomeOf(result: RunFabricJobResult): AttemptOutcome {
  return {
    jobInstanceId: result.jobInstanceId,
    jobStatus: result.status,
    startTimeUtc: result.startTimeUtc,
    endTimeUtc: result.endTimeUtc,
    failureReason: result.failureReason,
    ...detailsOf(result),
  };
}

/** Reads a failed child's error (or an error raised while starting it). */
export function describeStepFailure(error: unknown): StepFailure {
  const cause = error instanceof ChildWorkflowFailure && error.cause ? error.cause : error;
  if (cause instanceof ApplicationFailure) {
    const type = cause.type ?? 'Error';
    const refresh = refreshResultOfFailure(cause);
    const result = cause.details?.find(isJobResult) ?? (refresh ? asJobResult(refresh) : undefined);
    const reason: FabricErrorDetails = result?.failureReason ?? { errorCode: type, message: cause.message };
    return {
      outcome: {
        jobInstanceId: result?.jobInstanceId ?? null,
        jobStatus: result?.status ?? null,
        startTimeUtc: result?.startTimeUtc ?? null,
        endTimeUtc: result?.endTimeUtc ?? null,
        failureReason: reason,
        ...detailsOf(result),
      },
      retryable: !NOT_RETRYABLE.includes(type),
    };
  }
  return { outcome: emptyOutcome(errorDetails(cause)), retryable: true };
}

export function emptyOutcome(failureReason: FabricErrorDetails | null): AttemptOutcome {
  return { jobInstanceId: null, jobStatus: null, startTimeUtc: null, endTimeUtc: null, failureReason };
}

/** `{ errorCode, message }` for any error: the failure's class name is the code. */
export function errorDetails(error: unknown): FabricErrorDetails {
  if (error instanceof TemporalFailure || error instanceof Error) {
    return { errorCode: error.name, message: error.message };
  }
  return { errorCode: 'Error', message: String(error) };
}
