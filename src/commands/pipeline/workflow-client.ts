/**
 * The CLI's calls to a pipeline workflow: start it, query its progress (with each running step's
 * job instance from that step's own `state` query), wait for its outcome, send operator updates.
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { FABRIC_PIPELINE_WORKFLOW, PIPELINE_PROGRESS_QUERY, type FabricPipelineInput, type PipelineProgress } from '../../contracts/pipeline.js';
import { UsageError } from '../errors.js';
import { describeRun, queryOrUndefined, queryState } from '../run-outcome.js';
import { startUnderNewId } from '../start-workflow.js';
import { outcomeFromFailure, outcomeFromProgress, type PipelineOutcome } from './outcome.js';

/** `pipeline-<name>-<8 hex>`: readable, unique enough, and a prefix of every step's workflow id. */
export function defaultPipelineWorkflowId(name: string): string {
  return `pipeline-${name}-${randomUUID().slice(0, 8)}`;
}

/** Starts `fabricPipeline`; an id already in use is refused (exit 2) so nothing runs twice. */
export async function startPipelineWorkflow(client: Client, taskQueue: string, input: FabricPipelineInput, workflowId: string) {
  const options = { taskQueue, workflowId, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' as const, memo: { pipeline: input.name } };
  return startUnderNewId(client, FABRIC_PIPELINE_WORKFLOW, options, () => `--workflow-id ${JSON.stringify(workflowId)}: a workflow with this id already exists; nothing was started`);
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
  try {
    const result = await handle.result();
    return outcomeFromProgress(workflowId, runId, result as PipelineProgress);
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowFailedError') throw error;
    const outcome = outcomeFromFailure(workflowId, runId, error);
    if (outcome.progress) return outcome;
    return outcomeFromFailure(workflowId, runId, error, (await queryProgress(client, handle)) ?? last?.());
  }
}

/** The current outcome: live progress while running, otherwise how it ended. */
export async function currentPipelineOutcome(client: Client, workflowId: string): Promise<PipelineOutcome> {
  const description = await describePipeline(client, workflowId);
  if (description.status.name !== 'RUNNING') return waitForPipeline(client, workflowId, description.runId);
  const progress = await queryProgress(client, client.workflow.getHandle(workflowId));
  if (!progress) return { json: { workflowId, runId: description.runId, status: 'Running', steps: [] }, progress: undefined, failureMessage: null };
  return outcomeFromProgress(workflowId, description.runId, progress);
}
