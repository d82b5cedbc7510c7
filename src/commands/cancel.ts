/**
 * `fabric-temporal cancel <workflowId>`: asks the run to cancel and waits until it has ended. The
 * workflow cancels the Fabric job first and waits for Fabric to confirm; a semantic model refresh run
 * cancels its refresh (DELETE) the same way and is reported with its refresh fields.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Command } from 'commander';
import type { RunFabricJobState } from '../shared.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { jobOfRun } from './links.js';
import { printOutcome } from './print.js';
import { isRefreshRun, printRefreshOutcome, queryRefreshState, refreshTargetOfMemo, waitForRefresh, type RefreshTargetIds } from './refresh/follow.js';
import { describeForCommand, queryState, waitForOutcome } from './run-outcome.js';
import { addWorkflowIdCommand } from './workflow-id-command.js';
import { cancelOperationRun, isOperationRun } from './operation/follow.js';

/** False when the run ended between `describe` and the request (the server then knows no running execution). */
async function requestCancel(handle: WorkflowHandle): Promise<boolean> {
  try {
    await handle.cancel();
    return true;
  } catch (error) {
    if ((error as Error | null)?.name === 'WorkflowNotFoundError') return false;
    throw error;
  }
}

/** A semantic model refresh run: the workflow sends Power BI's DELETE and waits until the refresh has ended. */
async function cancelRefreshRun(
  ctx: CliContext,
  client: Client,
  handle: WorkflowHandle,
  { running, json, target }: { running: boolean; json: boolean; target: RefreshTargetIds | undefined },
): Promise<number> {
  const state = running ? await queryRefreshState(client, handle) : undefined;
  if (running && (await requestCancel(handle))) {
    const refresh = state?.refreshId ? `refresh ${state.refreshId}` : 'the refresh (if one was started)';
    ctx.info(`Cancellation requested; waiting for workflow ${handle.workflowId} to cancel ${refresh} and end...`);
  } else {
    ctx.info(`Workflow ${handle.workflowId} had already ended; nothing to cancel.`);
  }
  const outcome = await waitForRefresh(client, handle.workflowId, () => state);
  printRefreshOutcome(ctx, outcome, json, target);
  return outcome.status === 'Cancelled' ? EXIT.ok : EXIT.jobNotCompleted;
}

export function registerCancelCommand(program: Command, ctx: CliContext): void {
  const spec = { name: 'cancel', description: 'cancel a run (and its Fabric job) and wait until it has ended', idHelp: 'the workflow id `run` or `start` printed' };
  addWorkflowIdCommand(program, ctx, spec, async (workflowId, json) => {
    const client = await ctx.client();
    const description = await describeForCommand(client, workflowId, 'cancel');
    const handle = client.workflow.getHandle(workflowId);
    if (isOperationRun(description.type)) return cancelOperationRun(ctx, client, handle, { running: description.status.name === 'RUNNING', json, requestCancel });
    if (isRefreshRun(description.type)) return cancelRefreshRun(ctx, client, handle, { running: description.status.name === 'RUNNING', json, target: refreshTargetOfMemo(description.memo) });
    let requested = false;
    let state: RunFabricJobState | undefined;
    if (description.status.name === 'RUNNING') {
      state = await queryState(client, handle);
      requested = await requestCancel(handle);
    }
    if (requested) {
      const job = state?.jobInstanceId ? `Fabric job ${state.jobInstanceId}` : 'the Fabric job (if one was started)';
      ctx.info(`Cancellation requested; waiting for workflow ${workflowId} to cancel ${job} and end...`);
    } else {
      ctx.info(`Workflow ${workflowId} had already ended; nothing to cancel.`);
    }
    const resolved = await waitForOutcome(client, workflowId, { lastState: () => state });
    printOutcome(ctx, resolved.outcome, json, {}, await jobOfRun(client, workflowId, resolved.outcome.runId));
    return resolved.outcome.status === 'Cancelled' ? EXIT.ok : EXIT.jobNotCompleted;
  });
}
