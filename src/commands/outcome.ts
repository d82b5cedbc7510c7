/**
 * The CLI's view of a run: the `--json` object and its status, mapped from the workflow's outcome
 * (result, or failure type from FailureTypes). Pure: unit-tested without Temporal.
 */
import { FailureTypes, type FabricErrorDetails, type RunFabricJobResult, type RunFabricJobState } from '../shared.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { classifyEnding, endingMessage, failureDetail, RUN_ENDINGS, type FailureLike } from './run-ending.js';

export const CLI_STATUSES = ['Running', 'Completed', 'Deduped', ...RUN_ENDINGS] as const;
export type CliStatus = (typeof CLI_STATUSES)[number];

/** What `--json` prints: exactly these keys, in this order. */
export interface JobOutcome {
  workflowId: string;
  runId: string | null;
  status: CliStatus;
  jobInstanceId: string | null;
  startTimeUtc: string | null;
  endTimeUtc: string | null;
  failureReason: FabricErrorDetails | null;
}

/** An outcome and whether the run itself succeeded (Completed, or Deduped with onDeduped 'succeed'). */
export interface ResolvedOutcome {
  outcome: JobOutcome;
  /** True when the workflow completed (not failed, cancelled, terminated or timed out). */
  runSucceeded: boolean;
}

/** The job workflow's failure types that say how its Fabric job ended. */
const BY_FAILURE_TYPE: Readonly<Record<string, CliStatus>> = {
  [FailureTypes.JobDeduped]: 'Deduped',
  [FailureTypes.JobTimedOut]: 'TimedOut',
  [FailureTypes.JobCancelled]: 'Cancelled',
  [FailureTypes.JobFailed]: 'Failed',
};

export function isRunResult(value: unknown): value is RunFabricJobResult {
  const v = value as Partial<RunFabricJobResult> | null;
  return v !== null && typeof v === 'object' && typeof v.jobInstanceId === 'string' && typeof v.status === 'string';
}

function fromResult(base: JobOutcome, result: RunFabricJobResult): JobOutcome {
  return { ...base, jobInstanceId: result.jobInstanceId, startTimeUtc: result.startTimeUtc, endTimeUtc: result.endTimeUtc, failureReason: result.failureReason };
}

/** Fields known before the outcome: ids, and whatever the `state` query last said. */
export function baseOutcome(workflowId: string, runId: string | null, state?: RunFabricJobState): JobOutcome {
  const outcome: JobOutcome = { workflowId, runId, status: 'Running', jobInstanceId: null, startTimeUtc: null, endTimeUtc: null, failureReason: null };
  if (state) {
    outcome.jobInstanceId = state.jobInstanceId ?? state.instance?.id ?? null;
    outcome.startTimeUtc = state.instance?.startTimeUtc ?? null;
    outcome.endTimeUtc = state.instance?.endTimeUtc ?? null;
    outcome.failureReason = state.instance?.failureReason ?? null;
  }
  return outcome;
}

/** The outcome of a run that completed: status from the job's status (Completed, or Deduped when allowed). */
export function outcomeFromResult(base: JobOutcome, result: RunFabricJobResult): ResolvedOutcome {
  const status: CliStatus = result.status === 'Deduped' ? 'Deduped' : 'Completed';
  return { outcome: { ...fromResult(base, result), status }, runSucceeded: true };
}

/**
 * The outcome of a run that failed, was cancelled, terminated or timed out (classified by
 * run-ending.ts, as for pipelines). `error` is what `handle.result()` threw. A run that failed or
 * was terminated outside Fabric gets a `failureReason` of its own: `{ errorCode: <failure type>,
 * message }`, `WorkflowTerminated` with the termination reason for a terminated run.
 */
export function outcomeFromFailure(base: JobOutcome, error: unknown): ResolvedOutcome {
  const ended = classifyEnding(error, BY_FAILURE_TYPE);
  const result = failureDetail(ended, isRunResult);
  const outcome: JobOutcome = result ? fromResult(base, result) : { ...base };
  if ((ended.status === 'Failed' || ended.status === 'Terminated') && outcome.failureReason === null) {
    const errorCode = ended.status === 'Terminated' ? 'WorkflowTerminated' : (ended.application?.type ?? ended.root?.name ?? 'WorkflowFailed');
    outcome.failureReason = { errorCode, message: endingMessage(ended) ?? (error as FailureLike | null)?.message ?? 'the run failed' };
  }
  return { outcome: { ...outcome, status: ended.status }, runSucceeded: false };
}

/** 0 when the run succeeded (or is still running, for `status`), 1 when it ended any other way. */
export function exitCodeForOutcome(resolved: ResolvedOutcome): ExitCode {
  if (resolved.outcome.status === 'Running') return EXIT.ok;
  return resolved.runSucceeded ? EXIT.ok : EXIT.jobNotCompleted;
}

/** One human line: `Completed: job 1234… (workflow fabric-…)`, with the failure reason when there is one. */
export function describeOutcome(outcome: JobOutcome): string {
  const job = outcome.jobInstanceId ? `job instance ${outcome.jobInstanceId}` : 'no job instance';
  const reason = outcome.failureReason ? ` — ${outcome.failureReason.errorCode}: ${outcome.failureReason.message}` : '';
  return `${outcome.status}: ${job} (workflow ${outcome.workflowId})${reason}`;
}
