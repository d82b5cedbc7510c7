/**
 * A `semanticModelRefresh` run seen from the CLI once it exists: its outcome now or when it ends,
 * followed with the live view (what `refresh`, `status [--wait]` and `cancel` share for refresh runs),
 * and printed as one line or the `--json` object.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { REFRESH_STATE_QUERY, SEMANTIC_MODEL_REFRESH_WORKFLOW, type SemanticModelRefreshResult, type SemanticModelRefreshState } from '../../contracts/semantic-model-refresh.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { followWithLiveView } from '../follow.js';
import { latchCtrlC } from '../live-wait.js';
import { lineProgress, refreshProgressFacts, ttyProgress } from '../progress.js';
import { queryOrUndefined } from '../run-outcome.js';
import { baseRefreshOutcome, describeRefreshOutcome, refreshOutcomeFromFailure, refreshOutcomeFromResult, type RefreshOutcome } from './outcome.js';

/**
 * The refresh's target in the `--json` object: `workspaceId` and `semanticModelId` as resolved, with
 * `workspaceName` / `semanticModelName` beside them when `refresh` was given names.
 */
export type RefreshTargetIds = { workspaceId: string; semanticModelId: string } & Partial<Record<'workspaceName' | 'semanticModelName', string>>;

/** The target ids a refresh run's memo holds (`refresh` records the resolved ids there); none for a run started without them. */
export function refreshTargetOfMemo(memo: Record<string, unknown> | undefined): RefreshTargetIds | undefined {
  const { workspaceId, semanticModelId } = memo ?? {};
  return typeof workspaceId === 'string' && typeof semanticModelId === 'string' ? { workspaceId, semanticModelId } : undefined;
}

/** True when `workflowType` (from a describe) is a refresh run: `status` and `cancel` then show refresh fields. */
export const isRefreshRun = (workflowType: string | undefined): boolean => workflowType === SEMANTIC_MODEL_REFRESH_WORKFLOW;

/** The run's `refreshState`, or undefined when no worker answers in time. */
export function queryRefreshState(client: Client, handle: WorkflowHandle, timeoutMs?: number): Promise<SemanticModelRefreshState | undefined> {
  return queryOrUndefined<SemanticModelRefreshState>(client, handle, REFRESH_STATE_QUERY, timeoutMs);
}

/** Waits until the refresh run ends (following continue-as-new) and maps how it ended. */
export async function waitForRefresh(client: Client, workflowId: string, lastState: () => SemanticModelRefreshState | undefined = () => undefined): Promise<RefreshOutcome> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    const result = (await handle.result()) as SemanticModelRefreshResult;
    return refreshOutcomeFromResult(baseRefreshOutcome(workflowId, (await handle.describe()).runId), result);
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowFailedError') throw error;
    const state = (await queryRefreshState(client, handle)) ?? lastState();
    return refreshOutcomeFromFailure(baseRefreshOutcome(workflowId, (await handle.describe()).runId, state), error);
  }
}

/** Running (with the state query's fields) or how the refresh run ended. */
export async function currentRefreshOutcome(client: Client, workflowId: string, running: { runId: string } | undefined): Promise<RefreshOutcome> {
  if (running) return baseRefreshOutcome(workflowId, running.runId, await queryRefreshState(client, client.workflow.getHandle(workflowId)));
  return waitForRefresh(client, workflowId);
}

/** `--json`: the outcome's fields (the target's ids after the run id, when known); otherwise one line on stderr. */
export function printRefreshOutcome(ctx: CliContext, outcome: RefreshOutcome, json: boolean, target?: RefreshTargetIds): void {
  if (json) {
    const { workflowId, runId, status, refreshId, startTime, endTime, failureReason } = outcome;
    ctx.json({ workflowId, runId, ...target, status, refreshId, startTime, endTime, failureReason });
  } else ctx.info(describeRefreshOutcome(outcome));
}

/** 0 when the refresh completed, 1 when it ended otherwise (`refresh`, `status --wait`). */
export const refreshExitCode = (outcome: RefreshOutcome): number => (outcome.status === 'Completed' ? EXIT.ok : EXIT.jobNotCompleted);

/** Follows the refresh run to its end with the live view, prints the outcome and returns the exit code (130 after Ctrl-C). */
export async function followRefresh(ctx: CliContext, client: Client, workflowId: string, options: { json: boolean; progressIntervalMs: number; target?: RefreshTargetIds | undefined }): Promise<number> {
  latchCtrlC(); // a run exists: from here on Ctrl-C means "stop waiting", whenever it comes
  let latest: SemanticModelRefreshState | undefined;
  const view = ctx.io.stderrIsTTY ? ttyProgress(ctx.io.stderr, refreshProgressFacts) : lineProgress(ctx.io.stderr, options.progressIntervalMs, refreshProgressFacts);
  const handle = client.workflow.getHandle(workflowId);
  const startedAt = Date.now();
  const followed = await followWithLiveView(ctx, {
    workflowId,
    outcome: waitForRefresh(client, workflowId, () => latest),
    async refresh(stopped) {
      const state = await queryRefreshState(client, handle, 2_000);
      if (stopped.aborted) return;
      latest = state ?? latest;
      view.update(latest, Date.now() - startedAt);
    },
  });
  view.finish();
  if ('exitCode' in followed) return followed.exitCode;
  printRefreshOutcome(ctx, followed.outcome, options.json, options.target);
  return refreshExitCode(followed.outcome);
}
