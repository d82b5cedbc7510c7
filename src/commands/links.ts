/**
 * The links the CLI prints for a run: `fabricUrl` (the Fabric portal's page of the job, per item
 * type) and `temporalUrl` (the Temporal Web UI's page of the workflow run). See src/links.ts.
 */
import type { Client } from '@temporalio/client';
import { fabricRunUrl, temporalUiRoot, temporalWorkflowUrl, type FabricRunLinkInput } from '../links.js';
import type { CliContext } from './context.js';
import type { JobOutcome } from './outcome.js';
import { isUuidText } from '../names/index.js';
import { recordedTarget } from '../reconcile/run-job.js';

export interface RunLinks {
  fabricUrl?: string;
  temporalUrl?: string;
}

/** What the links need to know of a run; the Fabric job is unknown for a pipeline run, or before the start. */
export interface LinkTarget {
  workflowId: string;
  runId?: string | null | undefined;
  job?: Partial<FabricRunLinkInput> | undefined;
}

/** The Temporal Web UI page of a workflow run, when the UI's address is known (TEMPORAL_UI_URL or derived). */
export function temporalUrlOf(ctx: CliContext, workflowId: string, runId?: string | null): string | undefined {
  const { links, temporal } = ctx.config();
  const root = temporalUiRoot({ configuredUrl: links.temporalUiUrl, address: temporal.connectionOptions.address });
  return root === undefined ? undefined : temporalWorkflowUrl(root, temporal.namespace, workflowId, runId ?? undefined);
}

/** The Fabric portal page of a job, once its workspace, item and job type are known. */
export function fabricUrlOf(ctx: CliContext, job: Partial<FabricRunLinkInput> | undefined): string | undefined {
  if (!job?.workspaceId || !job.itemId || !job.jobType) return undefined;
  return fabricRunUrl({ ...job, workspaceId: job.workspaceId, itemId: job.itemId, jobType: job.jobType }, ctx.config().links.fabricPortalUrl);
}

/** Both links of a run (each left out when it cannot be built). */
export function runLinks(ctx: CliContext, target: LinkTarget): RunLinks {
  const fabricUrl = fabricUrlOf(ctx, target.job);
  const temporalUrl = temporalUrlOf(ctx, target.workflowId, target.runId);
  return { ...(fabricUrl !== undefined && { fabricUrl }), ...(temporalUrl !== undefined && { temporalUrl }) };
}

/** The job a run is for: its ids (each absent until known), and the names it was given by, when it was. */
export type RunTarget = Partial<Pick<FabricRunLinkInput, 'workspaceId' | 'itemId' | 'jobType'>> & { workspaceName?: string; itemName?: string };

/** The ids of a target: a workspace or item still given by name is left out (no link is built from a name). */
function idsOf(target: { workspaceId?: unknown; itemId?: unknown; jobType?: unknown }): RunTarget {
  const uuid = (v: unknown) => (typeof v === 'string' && isUuidText(v) ? v : undefined);
  const jobType = typeof target.jobType === 'string' && target.jobType.trim() !== '' ? target.jobType : undefined;
  return { workspaceId: uuid(target.workspaceId), itemId: uuid(target.itemId), jobType };
}

/**
 * The job a `runFabricJob` run is for (workspace, item, job type ids), from its history: the input,
 * or the ids its name look-up recorded when the input gave names; until the run has resolved them,
 * the ids the CLI resolved before the start (the memo). Undefined when unreadable.
 */
export async function jobOfRun(client: Client, workflowId: string, runId?: string | null): Promise<RunTarget | undefined> {
  try {
    const handle = client.workflow.getHandle(workflowId, runId ?? undefined);
    const target = await recordedTarget(client, await handle.fetchHistory());
    const names = { ...(target.workspaceName !== undefined && { workspaceName: target.workspaceName }), ...(target.itemName !== undefined && { itemName: target.itemName }) };
    const recorded = idsOf(target);
    if (recorded.workspaceId && recorded.itemId && recorded.jobType) return { ...recorded, ...names };
    const memo = idsOf((await handle.describe()).memo ?? {});
    return { workspaceId: recorded.workspaceId ?? memo.workspaceId, itemId: recorded.itemId ?? memo.itemId, jobType: recorded.jobType ?? memo.jobType, ...names };
  } catch {
    return undefined;
  }
}

/** The links of a job run's outcome: its Fabric job (with the Livy id when the details gave one) and its workflow run. */
export function outcomeLinks(ctx: CliContext, outcome: JobOutcome, job: RunTarget | undefined): RunLinks {
  const jobInstanceId = outcome.jobInstanceId ?? undefined;
  return runLinks(ctx, { workflowId: outcome.workflowId, runId: outcome.runId, job: job && { ...job, jobInstanceId, livyId: outcome.details?.livyId } });
}
