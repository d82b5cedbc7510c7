/**
 * The CLI's view of a pipeline run: its status and the `--json` object, from the workflow's
 * progress, result or failure. Pure: unit-tested without Temporal.
 */
import type { PipelineProgress, PipelineStatus } from '../../contracts/pipeline.js';
import type { FabricErrorDetails } from '../../shared.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { classifyEnding, endingMessage, failureDetail, isRunEnding, RUN_ENDINGS } from '../run-ending.js';

export const PIPELINE_CLI_STATUSES = ['Running', 'Paused', 'Compensating', 'Cancelling', 'Completed', ...RUN_ENDINGS] as const;
export type PipelineCliStatus = (typeof PIPELINE_CLI_STATUSES)[number];

/** One step in the `--json` object: exactly these keys. */
export interface PipelineStepJson {
  id: string;
  status: string;
  jobInstanceId: string | null;
  startTimeUtc: string | null;
  endTimeUtc: string | null;
  failureReason: FabricErrorDetails | null;
}

/** What `--json` prints: exactly these keys, in this order. */
export interface PipelineJson {
  workflowId: string;
  runId: string | null;
  status: PipelineCliStatus;
  steps: PipelineStepJson[];
}

export interface PipelineOutcome {
  json: PipelineJson;
  /** The progress the steps came from (undefined when the run ended without one). */
  progress: PipelineProgress | undefined;
  /** Why the run failed, when it did. */
  failureMessage: string | null;
}

const LIVE: Readonly<Record<PipelineStatus, PipelineCliStatus>> = {
  running: 'Running',
  paused: 'Paused',
  compensating: 'Compensating',
  cancelling: 'Cancelling',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function stepsJson(progress: PipelineProgress | undefined): PipelineStepJson[] {
  return (progress?.steps ?? []).map(({ id, status, jobInstanceId, startTimeUtc, endTimeUtc, failureReason }) => ({
    id,
    status,
    jobInstanceId,
    startTimeUtc,
    endTimeUtc,
    failureReason,
  }));
}

/** A run that is still going (or completed: the result is its final progress). */
export function outcomeFromProgress(workflowId: string, runId: string | null, progress: PipelineProgress): PipelineOutcome {
  return { json: { workflowId, runId, status: LIVE[progress.status], steps: stepsJson(progress) }, progress, failureMessage: progress.failureMessage };
}

function isProgress(value: unknown): value is PipelineProgress {
  return typeof value === 'object' && value !== null && Array.isArray((value as PipelineProgress).steps) && typeof (value as PipelineProgress).status === 'string';
}

/**
 * A run that ended without completing (classified by run-ending.ts, as for jobs). `error` is what
 * `handle.result()` threw; `fallback` is the last progress seen (a query), used when the failure
 * carries none (cancelled, terminated).
 */
export function outcomeFromFailure(workflowId: string, runId: string | null, error: unknown, fallback?: PipelineProgress): PipelineOutcome {
  const ended = classifyEnding(error);
  const progress = failureDetail(ended, isProgress) ?? fallback;
  const failureMessage = endingMessage(ended) ?? (ended.status === 'Failed' ? 'the pipeline failed' : null);
  return { json: { workflowId, runId, status: ended.status, steps: stepsJson(progress) }, progress, failureMessage };
}

/** 0 for Completed (and for a run still going, as `status` reports it), 1 for any other end. */
export function exitCodeForPipeline(status: PipelineCliStatus): ExitCode {
  return isRunEnding(status) ? EXIT.jobNotCompleted : EXIT.ok;
}
