/**
 * A `fabricOperation` run seen from the CLI once it exists: followed with the live view to its end
 * and printed as one line or the `--json` object.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { FABRIC_OPERATION_WORKFLOW, OPERATION_STATE_QUERY, type FabricOperationResult, type FabricOperationState } from '../../contracts/fabric-operation.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { followWithLiveView } from '../follow.js';
import { latchCtrlC } from '../live-wait.js';
import { lineProgress, ttyProgress, type ProgressFactsOf } from '../progress.js';
import { queryOrUndefined } from '../run-outcome.js';
import { baseOperationOutcome, describeOperationOutcome, operationOutcomeFromFailure, operationOutcomeFromResult, type OperationOutcome } from './outcome.js';

const operationProgressFacts: ProgressFactsOf<FabricOperationState> = (state) => ({
  label: !state ? 'waiting for the worker' : `${state.status ?? state.phase}${state.percentComplete !== undefined ? ` ${state.percentComplete}%` : ''}`,
  ...(state?.operationId && { subject: `operation ${state.operationId}` }),
  noSubject: 'no operation yet',
  polls: state?.polls ?? 0,
  ...(state?.nextPollAt && { nextPollAt: state.nextPollAt }),
});

function queryOperationState(client: Client, handle: WorkflowHandle, timeoutMs?: number): Promise<FabricOperationState | undefined> {
  return queryOrUndefined<FabricOperationState>(client, handle, OPERATION_STATE_QUERY, timeoutMs);
}

/** Waits until the run ends (following continue-as-new) and maps how it ended. */
export async function waitForOperation(client: Client, workflowId: string, lastState: () => FabricOperationState | undefined = () => undefined): Promise<OperationOutcome> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    const result = (await handle.result()) as FabricOperationResult;
    return operationOutcomeFromResult(baseOperationOutcome(workflowId, (await handle.describe()).runId), result);
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowFailedError') throw error;
    const state = (await queryOperationState(client, handle)) ?? lastState();
    return operationOutcomeFromFailure(baseOperationOutcome(workflowId, (await handle.describe()).runId, state), error);
  }
}

/** True when `workflowType` (from a describe) is a long-running operation run: `status` and `cancel` then show operation fields. */
export const isOperationRun = (workflowType: string | undefined): boolean => workflowType === FABRIC_OPERATION_WORKFLOW;

/** Running (with the state query's fields) or how the operation run ended. */
export async function currentOperationOutcome(client: Client, workflowId: string, running: { runId: string } | undefined): Promise<OperationOutcome> {
  if (running) return baseOperationOutcome(workflowId, running.runId, await queryOperationState(client, client.workflow.getHandle(workflowId)));
  return waitForOperation(client, workflowId);
}

/** `status [--wait]` of an operation run: Running or how it ended (exit 0 when Running or Succeeded), or followed to its end. */
export async function operationStatus(ctx: CliContext, client: Client, workflowId: string, options: { runId: string; running: boolean; wait: boolean; json: boolean; progressIntervalMs: number }): Promise<number> {
  if (options.wait) {
    if (options.running) ctx.info(`Following workflow ${workflowId} (run ${options.runId}) until it ends…`);
    return followOperation(ctx, client, workflowId, options);
  }
  const outcome = await currentOperationOutcome(client, workflowId, options.running ? { runId: options.runId } : undefined);
  printOperationOutcome(ctx, outcome, options.json);
  return outcome.status === 'Running' ? EXIT.ok : operationExitCode(outcome);
}

/**
 * `cancel` of an operation run: the workflow stops waiting (Fabric cannot cancel the operation, which
 * goes on); exit 0 when the run ended Cancelled.
 */
export async function cancelOperationRun(ctx: CliContext, client: Client, handle: WorkflowHandle, options: { running: boolean; json: boolean; requestCancel: (h: WorkflowHandle) => Promise<boolean> }): Promise<number> {
  const state = options.running ? await queryOperationState(client, handle) : undefined;
  if (options.running && (await options.requestCancel(handle))) {
    const operation = state?.operationId ? `operation ${state.operationId}` : 'the operation (if one was started)';
    ctx.info(`Cancellation requested; workflow ${handle.workflowId} stops waiting. Fabric cannot cancel ${operation}: it goes on in Fabric.`);
  } else {
    ctx.info(`Workflow ${handle.workflowId} had already ended; nothing to cancel.`);
  }
  const outcome = await waitForOperation(client, handle.workflowId, () => state);
  printOperationOutcome(ctx, outcome, options.json);
  return outcome.status === 'Cancelled' ? EXIT.ok : EXIT.jobNotCompleted;
}

/** `--json`: the outcome's fields; otherwise one line on stderr. */
export function printOperationOutcome(ctx: CliContext, outcome: OperationOutcome, json: boolean): void {
  if (json) ctx.json({ ...outcome });
  else ctx.info(describeOperationOutcome(outcome));
}

/** 0 when the operation succeeded, 1 when it ended otherwise. */
export const operationExitCode = (outcome: OperationOutcome): number => (outcome.status === 'Succeeded' ? EXIT.ok : EXIT.jobNotCompleted);

/** Follows the run to its end with the live view, prints the outcome and returns the exit code (130 after Ctrl-C). */
export async function followOperation(ctx: CliContext, client: Client, workflowId: string, options: { json: boolean; progressIntervalMs: number }): Promise<number> {
  latchCtrlC();
  let latest: FabricOperationState | undefined;
  const view = ctx.io.stderrIsTTY ? ttyProgress(ctx.io.stderr, operationProgressFacts) : lineProgress(ctx.io.stderr, options.progressIntervalMs, operationProgressFacts);
  const handle = client.workflow.getHandle(workflowId);
  const startedAt = Date.now();
  const followed = await followWithLiveView(ctx, {
    workflowId,
    outcome: waitForOperation(client, workflowId, () => latest),
    async refresh(stopped) {
      const state = await queryOperationState(client, handle, 2_000);
      if (stopped.aborted) return;
      latest = state ?? latest;
      view.update(latest, Date.now() - startedAt);
    },
  });
  view.finish();
  if ('exitCode' in followed) return followed.exitCode;
  printOperationOutcome(ctx, followed.outcome, options.json);
  return operationExitCode(followed.outcome);
}
