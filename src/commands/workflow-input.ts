/**
 * Reading what a workflow run recorded, from its history (decoded like any payload, encryption
 * included): the input it was started with, and the ids its `resolveFabricNames` look-ups found.
 */
import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads, decodeOptionalSinglePayload } from '@temporalio/common/lib/internal-non-workflow/index.js';
import type { Resolved } from '../names/index.js';

export interface RecordedRun {
  /** The first argument of the run, or undefined when the history holds none. */
  input: unknown;
  /** What the run's name look-ups resolved, by target key (a pipeline: step ids, `<id>.compensate`); empty when none ran yet. */
  resolved: Record<string, Resolved>;
}

/** The run's input and resolved names, from one read of its history. */
export async function recordedRun(client: Client, workflowId: string, runId?: string): Promise<RecordedRun> {
  const converter = client.workflow.options.loadedDataConverter;
  const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
  const [input] = await decodeArrayFromPayloads(converter, events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads);
  const lookUps = new Set<string>();
  const resolved: Record<string, Resolved> = {};
  for (const event of events) {
    if (event.activityTaskScheduledEventAttributes?.activityType?.name === 'resolveFabricNames') lookUps.add(String(event.eventId));
    const completed = event.activityTaskCompletedEventAttributes;
    if (!completed || !lookUps.has(String(completed.scheduledEventId))) continue;
    const result = await decodeOptionalSinglePayload<{ targets?: Record<string, Resolved> }>(converter, completed.result?.payloads?.[0]);
    Object.assign(resolved, result?.targets ?? {});
  }
  return { input, resolved };
}

/** The first argument of the run, or undefined when the history holds none. */
export async function recordedWorkflowInput(client: Client, workflowId: string, runId?: string): Promise<unknown> {
  return (await recordedRun(client, workflowId, runId)).input;
}
