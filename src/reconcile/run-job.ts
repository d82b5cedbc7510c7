/**
 * What a `runFabricJob` run targeted and which Fabric job instance it owned, read from its history:
 * the run's input (workspace, item, job type; `resume.jobInstanceId` after a continue-as-new), the ids
 * its `resolveFabricNames` look-up recorded when the input gave names, else the result of its `runJob`
 * activity (`startJob` in runs started before the rename), else the result of a `findJobInstance`
 * look-up, and the named connection it ran with. Payloads are decoded with the client's data
 * converter (so encrypted histories work with the worker's keys). The reconciler and the CLI's links
 * both read runs this way.
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

export function converterOf(client: Client): LoadedDataConverter {
  return (client.options as unknown as { loadedDataConverter: LoadedDataConverter }).loadedDataConverter;
}

/** What a `runFabricJob` history says of its target; a field is absent until the history holds it. */
export interface RecordedTarget {
  /** Ids: the input's, or those its resolveFabricNames look-up recorded when the input gave names. */
  workspaceId?: string;
  itemId?: string;
  jobType?: string;
  /** The job instance the run started or adopted (`resume.jobInstanceId` after a continue-as-new). */
  jobInstanceId?: string;
  /** The named connection the run used (its input's `connection`); absent for the default one. */
  connection?: string;
  /** The names its look-up resolved, when the input gave names. */
  workspaceName?: string;
  itemName?: string;
}

/** Reads the run's target from its history: the input, then the look-up and start activities' results. */
export async function recordedTarget(converter: LoadedDataConverter, history: History): Promise<RecordedTarget> {
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const [input] = await decodeArrayFromPayloads(converter, started?.input?.payloads);
  // A run given names holds the ids its resolveFabricNames look-up recorded (read below).
  const target: RecordedTarget = {};
  const put = (key: keyof RecordedTarget, value: unknown): void => {
    const v = text(value);
    if (v !== undefined) target[key] = v;
  };
  put('workspaceId', field(input, 'workspaceId'));
  put('itemId', field(input, 'itemId'));
  put('jobType', field(input, 'jobType'));
  put('jobInstanceId', field(input, 'resume', 'jobInstanceId'));
  put('connection', field(input, 'connection'));

  const activityTypes = new Map<string, string>();
  for (const event of events) {
    if (target.jobInstanceId) break;
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) activityTypes.set(String(event.eventId), scheduled.activityType?.name ?? '');
    const completed = event.activityTaskCompletedEventAttributes;
    if (!completed) continue;
    const type = activityTypes.get(String(completed.scheduledEventId));
    if (type !== 'runJob' && type !== 'startJob' && type !== 'findJobInstance' && type !== 'resolveFabricNames') continue;
    const result = await decodeOptionalSinglePayload<unknown>(converter, completed.result?.payloads?.[0]);
    if (type === 'resolveFabricNames') {
      for (const key of ['workspaceId', 'itemId', 'jobType', 'workspaceName', 'itemName'] as const) put(key, field(result, 'targets', 'job', key));
      continue;
    }
    put('jobInstanceId', field(result, 'jobInstanceId') ?? field(result, 'instance', 'id'));
  }
  return target;
}

/** The job the run owned, or undefined when it never got one (or the history is not a runFabricJob's). */
export async function jobOfRun(client: Client, history: History): Promise<RunJob | undefined> {
  const { workspaceId, itemId, jobInstanceId, connection } = await recordedTarget(converterOf(client), history);
  return jobInstanceId && workspaceId && itemId ? { workspaceId, itemId, jobInstanceId, ...(connection !== undefined && { connection }) } : undefined;
}
