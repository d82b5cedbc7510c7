/** Turns a terminal job instance into the workflow's result or failure. Pure and sandbox-safe. */
import { ApplicationFailure } from '@temporalio/workflow';
import { FailureTypes } from '../shared.js';
import type { FabricErrorDetails, JobInstance, RunFabricJobInput, RunFabricJobResult } from '../shared.js';

export function toResult(instance: JobInstance, polls: number): RunFabricJobResult {
  return {
    jobInstanceId: instance.id,
    status: instance.status,
    startTimeUtc: instance.startTimeUtc ?? null,
    endTimeUtc: instance.endTimeUtc ?? null,
    failureReason: instance.failureReason ?? null,
    polls,
  };
}

/** `errorCode: message` of a failureReason, or a note that Fabric gave none. */
export function describeFailureReason(reason: FabricErrorDetails | null): string {
  if (!reason) return 'Fabric gave no failure reason';
  return `${reason.errorCode}: ${reason.message}`;
}

/**
 * The failure a terminal result means for the run, or undefined when the run succeeds
 * (Completed; Deduped with onDeduped 'succeed').
 */
export function outcomeFailure(result: RunFabricJobResult, onDeduped: RunFabricJobInput['onDeduped'] = 'fail'): ApplicationFailure | undefined {
  const id = result.jobInstanceId;
  switch (result.status) {
    case 'Completed':
      return undefined;
    case 'Failed':
      return ApplicationFailure.nonRetryable(`Fabric job ${id} failed: ${describeFailureReason(result.failureReason)}`, FailureTypes.JobFailed, result);
    case 'Deduped':
      if (onDeduped === 'succeed') return undefined;
      return ApplicationFailure.nonRetryable(
        `Fabric job ${id} was deduped: an instance of the same job type was already running`,
        FailureTypes.JobDeduped,
        result,
      );
    case 'Cancelled':
      return ApplicationFailure.nonRetryable(`Fabric job ${id} was cancelled outside this workflow`, FailureTypes.JobCancelled, result);
    default:
      throw new TypeError(`status ${result.status} is not terminal`);
  }
}

/**
 * The failure of a run whose timeout passed. The job has been cancelled and `result` is how it
 * ended; or, when `unconfirmed` says why Fabric could not confirm the end (a failing status poll),
 * `result` holds the last status seen, which need not be terminal.
 */
export function timedOutFailure(jobInstanceId: string | undefined, timeoutMs: number, result: RunFabricJobResult | undefined, unconfirmed?: string): ApplicationFailure {
  const what = jobInstanceId ? `Fabric job ${jobInstanceId}` : 'The Fabric job';
  let end: string;
  if (!jobInstanceId) end = '; no job instance was created';
  else if (unconfirmed !== undefined) end = `; it was cancelled, but Fabric has not confirmed its end (${unconfirmed})`;
  else end = result ? `; it was cancelled and ended ${result.status}` : '; it was cancelled';
  return ApplicationFailure.nonRetryable(`${what} did not finish within ${timeoutMs} ms${end}`, FailureTypes.JobTimedOut, ...(result ? [result] : []));
}
