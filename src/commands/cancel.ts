/**
 * `fabric-temporal cancel <workflowId>`: asks the run to cancel and waits until it has ended. The
 * workflow cancels the Fabric job first and waits for Fabric to confirm.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Command } from 'commander';
import type { RunFabricJobState } from '../shared.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { printOutcome } from './print.js';
import { describeRun, queryState, waitForOutcome } from './run-outcome.js';
import { addWorkflowIdCommand } from './workflow-id-command.js';

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

export function registerCancelCommand(program: Command, ctx: CliContext): void {
  const spec = { name: 'cancel', description: 'cancel a run (and its Fabric job) and wait until it has ended', idHelp: 'the workflow id `run` or `start` printed' };
  addWorkflowIdCommand(program, ctx, spec, async (workflowId, json) => {
    const client = await ctx.client();
    const description = await describeRun(client, workflowId);
    const handle = client.workflow.getHandle(workflowId);
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
    printOutcome(ctx, resolved.outcome, json);
    return resolved.outcome.status === 'Cancelled' ? EXIT.ok : EXIT.jobNotCompleted;
  });
}
