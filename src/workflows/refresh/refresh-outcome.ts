/**
 * What a finished (or timed-out) `semanticModelRefresh` run means: its result, or a typed failure
 * carrying Power BI's error. Sandbox-safe.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { RefreshFailureTypes } from '../../contracts/semantic-model-refresh.js';
import type { SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';
import type { RefreshRun } from './refresh-state.js';

/** The failure a finished refresh means for the run, or undefined when it Completed. */
export function refreshOutcomeFailure(result: SemanticModelRefreshResult): ApplicationFailure | undefined {
  const id = result.refreshId;
  const why = result.failureReason ? `${result.failureReason.errorCode}: ${result.failureReason.message}` : 'no reason given';
  switch (result.status) {
    case 'Completed':
      return undefined;
    case 'Cancelled':
      return ApplicationFailure.nonRetryable(`Refresh ${id} was cancelled outside this workflow`, RefreshFailureTypes.Cancelled, result);
    case 'Disabled':
      return ApplicationFailure.nonRetryable(`Refresh ${id} is Disabled (by a selective refresh)`, RefreshFailureTypes.Disabled, result);
    case 'TimedOut':
      return ApplicationFailure.nonRetryable(`Refresh ${id} timed out in Power BI (its own per-attempt timeout): ${why}`, RefreshFailureTypes.Failed, result);
    default:
      return ApplicationFailure.nonRetryable(`Refresh ${id} failed: ${why}`, RefreshFailureTypes.Failed, result);
  }
}

/** The failure of a run whose timeout passed (the refresh was cancelled, or none was started). */
export function refreshTimedOut(run: RefreshRun, timeoutMs: number, unconfirmed?: string): ApplicationFailure {
  const id = run.refreshId;
  let end: string;
  if (!id) end = '; no refresh was started';
  else if (unconfirmed !== undefined) end = `; it was cancelled, but Power BI has not confirmed its end (${unconfirmed})`;
  else end = `; it was cancelled and ended ${run.status ?? 'in an unknown state'}`;
  return ApplicationFailure.nonRetryable(`Refresh ${id ?? ''} did not finish within ${timeoutMs} ms${end}`.replace('Refresh  ', 'The refresh '), RefreshFailureTypes.TimedOut, ...(id ? [run.result()] : []));
}
