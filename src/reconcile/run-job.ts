/**
 * Which Fabric job instance a closed `runFabricJob` run owned, read from its history: the run's
 * input (workspace, item; `resume.jobInstanceId` after a continue-as-new), else the result of its
 * `runJob` activity (`startJob` in runs started before the rename), else the result of a `findJobInstance` look-up,
 * and the named connection it ran with. Payloads are decoded with the
 * client's data converter (so encrypted histories work with the worker's keys).
 */
import type { Client } from '@temporalio/client';
import type { LoadedDataConverter } from '@temporalio/common';
import { decodeArrayFromPayloads, decodeOptionalSinglePayload } from '@temporalio/common/lib/internal-non-workflow/index.js';

export interface RunJob {
  workspaceId: string;
  itemId: string;
  jobInstanceId: string;
  /** The named connection the run used (its input's `connection`); absent for the default one. */
  connection?: string;
}

type History = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;

function field(value: unknown, ...path: string[]): unknown {
  let at: unknown = value;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function converterOf(client: Client): LoadedDataConverter {
  return (client.options as unknown as { loadedDataConverter: LoadedDataConverter }).loadedDataConverter;
}

/** The job the run owned, or undefined when it never got one (or the history is not a runFabricJob's). */
export async function jobOfRun(client: Client, history: History): Promise<RunJob | undefined> {
  const converter = converterOf(client);
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const [input] = await decodeArrayFromPayloads(converter, started?.input?.payloads);
  // A run given names holds the ids its resolveFabricNames look-up recorded (read below).
  let workspaceId = text(field(input, 'workspaceId'));
  let itemId = text(field(input, 'itemId'));
  if (!itemId) return undefined;
  let jobInstanceId = text(field(input, 'resume', 'jobInstanceId'));

  const activityTypes = new Map<string, string>();
  for (const event of events) {
    if (jobInstanceId) break;
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) activityTypes.set(String(event.eventId), scheduled.activityType?.name ?? '');
    const completed = event.activityTaskCompletedEventAttributes;
    if (!completed) continue;
    const type = activityTypes.get(String(completed.scheduledEventId));
    if (type !== 'runJob' && type !== 'startJob' && type !== 'findJobInstance' && type !== 'resolveFabricNames') continue;
    const result = await decodeOptionalSinglePayload<unknown>(converter, completed.result?.payloads?.[0]);
    if (type === 'resolveFabricNames') {
      workspaceId = text(field(result, 'targets', 'job', 'workspaceId')) ?? workspaceId;
      itemId = text(field(result, 'targets', 'job', 'itemId')) ?? itemId;
      continue;
    }
    jobInstanceId = text(field(result, 'jobInstanceId')) ?? text(field(result, 'instance', 'id'));
  }
  const connection = text(field(input, 'connection'));
  return jobInstanceId && workspaceId ? { workspaceId, itemId, jobInstanceId, ...(connection !== undefined && { connection }) } : undefined;
}
