/**
 * The CLI's calls to a pipeline workflow: start it, query its progress (with each running step's
 * job instance from that step's own `state` query), wait for its outcome, send operator updates.
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { FABRIC_PIPELINE_WORKFLOW, PIPELINE_PROGRESS_QUERY, type FabricPipelineInput, type PipelineProgress } from '../../contracts/pipeline.js';
import { UsageError } from '../errors.js';
import { describeRun, queryOrUndefined, queryState } from '../run-outcome.js';
import { startOrAttach } from '../attach.js';
import { outcomeFromFailure, outcomeFromProgress, stepsJson, type PipelineOutcome } from './outcome.js';
import { recordedTarget } from '../../reconcile/run-job.js';

/** `pipeline-<name>-<8 hex>`: readable, unique enough, and a prefix of every step's workflow id. */
export function defaultPipelineWorkflowId(name: string): string {
  return `pipeline-${name}-${randomUUID().slice(0, 8)}`;
}

/**
 * Starts `fabricPipeline`, or attaches to the run that already holds `workflowId` with the same
 * pipeline (file, params): nothing runs twice. @throws UsageError (exit 2) when it holds another one.
 */
export async function startPipelineWorkflow(client: Client, taskQueue: string, input: FabricPipelineInput, workflowId: string) {
  const { searchAttributes: _fromConfig, ...spec } = input;
  const text = { what: 'pipeline', showWith: `fabric-temporal pipeline status ${workflowId}` };
  return startOrAttach(client, FABRIC_PIPELINE_WORKFLOW, { taskQueue, workflowId, args: [input], memo: { pipeline: input.name } }, spec, text);
}

/**
 * The pipeline's progress, or undefined when the query does not answer (no worker, say). Running
 * steps get their job instance id and Fabric times from their own workflow's `state` query.
 */
export async function queryProgress(client: Client, handle: WorkflowHandle): Promise<PipelineProgress | undefined> {
  const progress = await queryOrUndefined<PipelineProgress>(client, handle, PIPELINE_PROGRESS_QUERY);
  if (!progress) return undefined;
  await Promise.all(
    progress.steps
      .filter((step) => step.status === 'running' && step.workflowId)
      .map(async (step) => {
        const state = await queryState(client, client.workflow.getHandle(step.workflowId!));
        step.jobInstanceId = state?.jobInstanceId ?? step.jobInstanceId;
        step.startTimeUtc = state?.instance?.startTimeUtc ?? step.startTimeUtc;
        step.jobStatus = state?.status ?? step.jobStatus;
      }),
  );
  return progress;
}

/** The latest run of `workflowId`. @throws UsageError when there is none, or it is not a pipeline. */
export async function describePipeline(client: Client, workflowId: string) {
  const description = await describeRun(client, workflowId);
  if (description.type !== FABRIC_PIPELINE_WORKFLOW) {
    throw new UsageError(`workflow ${JSON.stringify(workflowId)} is a ${description.type}, not a pipeline`);
  }
  return description;
}

/**
 * Waits for the run to end and maps how it ended. A run that ends without progress in its outcome
 * (cancelled, terminated) is queried; `last` (the latest progress seen) stands in if that fails.
 */
export async function waitForPipeline(client: Client, workflowId: string, runId: string, last?: () => PipelineProgress | undefined): Promise<PipelineOutcome> {
  const handle = client.workflow.getHandle(workflowId, runId);
  let outcome: PipelineOutcome;
  try {
    const result = await handle.result();
    outcome = outcomeFromProgress(workflowId, runId, result as PipelineProgress);
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowFailedError') throw error;
    outcome = outcomeFromFailure(workflowId, runId, error);
    if (!outcome.progress) outcome = outcomeFromFailure(workflowId, runId, error, (await queryProgress(client, handle)) ?? last?.());
  }
  return withEndedStepJobs(client, outcome);
}

/**
 * The pipeline learns a step's job instance when the step's run returns it; a step cancelled (or
 * failed) before that carries none, though its own run recorded the job it started. Those steps
 * get it from their run's history (as `status <step workflow id>` shows it).
 */
async function withEndedStepJobs(client: Client, outcome: PipelineOutcome): Promise<PipelineOutcome> {
  const missing = (outcome.progress?.steps ?? []).filter((step) => step.jobInstanceId === null && step.workflowId && step.status !== 'running' && step.status !== 'pending');
  if (missing.length === 0) return outcome;
  await Promise.all(
    missing.map(async (step) => {
      try {
        const target = await recordedTarget(client, await client.workflow.getHandle(step.workflowId!).fetchHistory());
        step.jobInstanceId = target.jobInstanceId ?? null;
      } catch {
        // unreadable: the step keeps no job instance
      }
    }),
  );
  return { ...outcome, json: { ...outcome.json, steps: stepsJson(outcome.progress) } };
}

/** The current outcome: live progress while running, otherwise how it ended. */
export async function currentPipelineOutcome(client: Client, workflowId: string): Promise<PipelineOutcome> {
  const description = await describePipeline(client, workflowId);
  if (description.status.name !== 'RUNNING') return waitForPipeline(client, workflowId, description.runId);
  const progress = await queryProgress(client, client.workflow.getHandle(workflowId));
  if (!progress) return { json: { workflowId, runId: description.runId, status: 'Running', steps: [] }, progress: undefined, failureMessage: null };
  return outcomeFromProgress(workflowId, description.runId, progress);
}
