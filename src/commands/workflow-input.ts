/**
 * Reading what a workflow run recorded, from its history (decoded like any payload, encryption
 * included): the input it was started with, and the ids its `resolveFabricNames` look-ups found.
 */
import type { Client } from '@temporalio/client';
import type { Resolved } from '../names/index.js';
import { recordedActivities } from '../reconcile/run-job.js';

export interface RecordedRun {
  /** The first argument of the run, or undefined when the history holds none. */
  input: unknown;
  /** What the run's name look-ups resolved, by target key (a pipeline: step ids, `<id>.compensate`); empty when none ran yet. */
  resolved: Record<string, Resolved>;
}

const LOOK_UPS: ReadonlySet<string> = new Set(['resolveFabricNames']);

/** The run's input and resolved names, from one read of its history. */
export async function recordedRun(client: Client, workflowId: string, runId?: string): Promise<RecordedRun> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const { input, results } = await recordedActivities(client, history, LOOK_UPS);
  const resolved: Record<string, Resolved> = {};
  for (const { result } of results) Object.assign(resolved, (result as { targets?: Record<string, Resolved> } | undefined)?.targets ?? {});
  return { input, resolved };
}

/** The first argument of the run, or undefined when the history holds none. */
export async function recordedWorkflowInput(client: Client, workflowId: string, runId?: string): Promise<unknown> {
  return (await recordedRun(client, workflowId, runId)).input;
}
