/** Starting a workflow under an id that must be new, so that the CLI never starts a run twice. */
import type { Client, WorkflowHandleWithFirstExecutionRunId, WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { UsageError } from './errors.js';
import { guardSearchAttributes } from '../preflight/start-guard.js';

/**
 * `client.workflow.start`, refusing an id that is taken (the options' reuse and conflict policies
 * say when it is): nothing is started, and a UsageError (exit 2) says `takenMessage()`.
 */
export async function startUnderNewId<T extends Workflow>(
  client: Client,
  workflowType: string,
  options: WorkflowStartOptions<T>,
  takenMessage: () => string | Promise<string>,
): Promise<WorkflowHandleWithFirstExecutionRunId<T>> {
  // Runs that upsert the Fabric* search attributes are never started on a namespace that lacks them.
  await guardSearchAttributes(client, options.args);
  try {
    return await client.workflow.start<T>(workflowType, options);
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    throw new UsageError(await takenMessage());
  }
}
