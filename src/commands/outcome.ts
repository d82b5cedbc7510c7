/**
 * The CLI's view of a run: the `--json` object and its status, mapped from the workflow's outcome
 * (result, or failure type from FailureTypes). Pure: unit-tested without Temporal.
 */
import { FailureTypes, type FabricErrorDetails, type RunFabricJobResult, type RunFabricJobState } from '../shared.js';
import type { JobRunDetails } from '../contracts/job-details.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export const CLI_STATUSES = ['Running', 'Completed', 'Failed', 'Cancelled', 'Deduped', 'TimedOut'] as const;
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
  /** What the job produced (exit value, activity runs, Spark links), when the run read it. */
  details?: JobRunDetails;
}

/** An outcome and whether the run itself succeeded (Completed, or Deduped with onDeduped 'succeed'). */
export interface ResolvedOutcome {
  outcome: JobOutcome;
  /** True when the workflow completed (not failed, cancelled, terminated or timed out). */
  runSucceeded: boolean;
}

/** A failure as the client sees it: name, message, and optionally type, details and cause. */
export interface FailureLike {
  name?: string;
  message?: string;
  type?: string | null;
  details?: unknown[] | null;
  cause?: unknown;
}

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

function fromResult(base: JobOutcome, result: RunFabricJobResult & { details?: JobRunDetails }): JobOutcome {
  const { jobInstanceId, startTimeUtc, endTimeUtc, failureReason, details } = result;
  return { ...base, jobInstanceId, startTimeUtc, endTimeUtc, failureReason, ...(details !== undefined && { details }) };
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

function chain(error: unknown): FailureLike[] {
  const out: FailureLike[] = [];
  let current = error as FailureLike | undefined;
  while (current && typeof current === 'object' && out.length < 10) {
    out.push(current);
    current = current.cause as FailureLike | undefined;
  }
  return out;
}

/**
 * The outcome of a run that failed, was cancelled, terminated or timed out. `error` is what
 * `handle.result()` threw (a WorkflowFailedError with the failure as its cause).
 */
export function outcomeFromFailure(base: JobOutcome, error: unknown): ResolvedOutcome {
  const failures = chain(error).slice(1);
  const app = failures.find((f) => f.name === 'ApplicationFailure' && typeof f.type === 'string');
  const withResult = failures.find((f) => Array.isArray(f.details) && isRunResult(f.details[0]));
  const outcome: JobOutcome = withResult ? fromResult(base, withResult.details![0] as RunFabricJobResult) : { ...base };
  const root = failures[0];
  let status: CliStatus = 'Failed';
  if (app && BY_FAILURE_TYPE[app.type!]) status = BY_FAILURE_TYPE[app.type!]!;
  else if (failures.some((f) => f.name === 'CancelledFailure')) status = 'Cancelled';
  else if (root?.name === 'TimeoutFailure') status = 'TimedOut';
  if (status === 'Failed' && outcome.failureReason === null) {
    const culprit = app ?? root;
    const errorCode = app?.type ?? (root?.name === 'TerminatedFailure' ? 'WorkflowTerminated' : (root?.name ?? 'WorkflowFailed'));
    outcome.failureReason = { errorCode, message: culprit?.message || (error as FailureLike | null)?.message || 'the run failed' };
  }
  return { outcome: { ...outcome, status }, runSucceeded: false };
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
