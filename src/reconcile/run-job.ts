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

/** A run's input and, in history order, the results of its completed activities of the types asked for. */
export interface RecordedActivities {
  input: unknown;
  results: { type: string; result: unknown }[];
}

/**
 * Decodes what a run recorded: its input and the results of its completed activities of `types`
 * (with the client's data converter, so encrypted histories read with the worker's keys).
 */
export async function recordedActivities(client: Client, history: History, types: ReadonlySet<string>): Promise<RecordedActivities> {
  // Loaded on first use (the SDK's payload helpers pull in its protobufs): the CLI starts without them.
  const { decodeArrayFromPayloads, decodeOptionalSinglePayload } = await import('@temporalio/common/lib/internal-non-workflow/index.js');
  const converter = client.workflow.options.loadedDataConverter;
  const events = history.events ?? [];
  const [input] = await decodeArrayFromPayloads(converter, events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads);
  const scheduled = new Map<string, string>();
  const results: RecordedActivities['results'] = [];
  for (const event of events) {
    const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type !== undefined && type !== null && types.has(type)) scheduled.set(String(event.eventId), type);
    const completed = event.activityTaskCompletedEventAttributes;
    const completedType = completed ? scheduled.get(String(completed.scheduledEventId)) : undefined;
    if (completedType !== undefined) results.push({ type: completedType, result: await decodeOptionalSinglePayload<unknown>(converter, completed!.result?.payloads?.[0]) });
  }
  return { input, results };
}

const TARGET_ACTIVITIES: ReadonlySet<string> = new Set(['runJob', 'startJob', 'findJobInstance', 'resolveFabricNames']);

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
export async function recordedTarget(client: Client, history: History): Promise<RecordedTarget> {
  const { input, results } = await recordedActivities(client, history, TARGET_ACTIVITIES);
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
  // A run given names holds the ids its resolveFabricNames look-up recorded; the first job instance recorded is the run's.
  for (const { type, result } of results) {
    if (type === 'resolveFabricNames') {
      for (const key of ['workspaceId', 'itemId', 'jobType', 'workspaceName', 'itemName'] as const) put(key, field(result, 'targets', 'job', key));
    } else if (!target.jobInstanceId) {
      put('jobInstanceId', field(result, 'jobInstanceId') ?? field(result, 'instance', 'id'));
    }
  }
  return target;
}

/** The job the run owned, or undefined when it never got one (or the history is not a runFabricJob's). */
export async function jobOfRun(client: Client, history: History): Promise<RunJob | undefined> {
  const { workspaceId, itemId, jobInstanceId, connection } = await recordedTarget(client, history);
  return jobInstanceId && workspaceId && itemId ? { workspaceId, itemId, jobInstanceId, ...(connection !== undefined && { connection }) } : undefined;
}
