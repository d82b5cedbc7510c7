/** Reading a run's outcome from Temporal: its result or failure, and the `state` query. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { FABRIC_PIPELINE_WORKFLOW } from '../contracts/pipeline.js';
import { RUN_FABRIC_JOB_STATE_QUERY, type RunFabricJobResult, type RunFabricJobState } from '../shared.js';
import { UsageError } from './errors.js';
import { baseOutcome, outcomeFromFailure, outcomeFromResult, type ResolvedOutcome } from './outcome.js';

/** How long a query may take before the CLI goes on without its answer (no worker polling, say). */
export const STATE_QUERY_TIMEOUT_MS = 5_000;

/** The answer of the query `name`, or undefined when the query fails or takes longer than `timeoutMs`. */
export async function queryOrUndefined<T>(client: Client, handle: WorkflowHandle, name: string, timeoutMs = STATE_QUERY_TIMEOUT_MS): Promise<T | undefined> {
  try {
    return await client.connection.withDeadline(Date.now() + timeoutMs, () => handle.query<T>(name));
  } catch {
    return undefined;
  }
}

/** The run's `state`, or undefined when the query fails or takes too long. */
export function queryState(client: Client, handle: WorkflowHandle, timeoutMs = STATE_QUERY_TIMEOUT_MS): Promise<RunFabricJobState | undefined> {
  return queryOrUndefined<RunFabricJobState>(client, handle, RUN_FABRIC_JOB_STATE_QUERY, timeoutMs);
}

/** The latest run of `workflowId`. @throws UsageError when no such workflow exists. */
export async function describeRun(client: Client, workflowId: string) {
  try {
    return await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if ((error as Error | null)?.name === 'WorkflowNotFoundError') {
      throw new UsageError(`no workflow with id ${JSON.stringify(workflowId)} in namespace ${JSON.stringify(client.options.namespace)}`);
    }
    throw error;
  }
}

/**
 * The latest run of `workflowId` for `status` / `cancel` (a job or refresh run). A pipeline run is
 * pointed at its own command instead. @throws UsageError (exit 2, nothing done)
 */
export async function describeForCommand(client: Client, workflowId: string, command: 'status' | 'cancel') {
  const description = await describeRun(client, workflowId);
  if (description.type === FABRIC_PIPELINE_WORKFLOW) {
    throw new UsageError(`workflow ${JSON.stringify(workflowId)} is a pipeline run; use \`fabric-temporal pipeline ${command} ${workflowId}\``);
  }
  return description;
}

export interface WaitOptions {
  /** A specific run (default: the latest run of the workflow id, following continue-as-new). */
  runId?: string;
  /** The latest answer of progress queries: fills the job fields when the failure carries none. */
  lastState?: () => RunFabricJobState | undefined;
  /** Query `state` when the job fields are still missing (needs a worker). @default true */
  queryWhenMissing?: boolean;
}

/** Waits until the run has ended (following continue-as-new) and maps the way it ended. */
export async function waitForOutcome(client: Client, workflowId: string, options: WaitOptions = {}): Promise<ResolvedOutcome> {
  const handle = client.workflow.getHandle(workflowId, options.runId);
  let result: RunFabricJobResult | undefined;
  let failure: unknown;
  try {
    result = await handle.result();
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowFailedError') throw error;
    failure = error;
  }
  const runId = options.runId ?? (await handle.describe()).runId;
  if (result !== undefined) return outcomeFromResult(baseOutcome(workflowId, runId), result);
  const resolved = outcomeFromFailure(baseOutcome(workflowId, runId, options.lastState?.()), failure);
  const missing = resolved.outcome.jobInstanceId === null || resolved.outcome.endTimeUtc === null;
  if (missing && options.queryWhenMissing !== false) {
    const state = await queryState(client, handle);
    if (state) return outcomeFromFailure(baseOutcome(workflowId, runId, state), failure);
  }
  return resolved;
}

/**
 * The current outcome of `workflowId`, whose latest run `description` describes: Running (with the
 * `state` query's fields) or how it ended.
 */
export async function currentOutcome(client: Client, workflowId: string, description: { status: { name: string }; runId: string }): Promise<ResolvedOutcome> {
  if (description.status.name === 'RUNNING') {
    const state = await queryState(client, client.workflow.getHandle(workflowId));
    return { outcome: baseOutcome(workflowId, description.runId, state), runSucceeded: false };
  }
  return waitForOutcome(client, workflowId, { runId: description.runId });
}
