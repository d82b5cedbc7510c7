/**
 * Reading workflow histories in tests: event types, events per poll, and the JSON history files
 * (written by the Temporal CLI, the format Worker.runReplayHistories reads) used as replay fixtures.
 *
 * The SDK's historyToJSON/historyFromJSON cannot be used here: @temporalio/common and
 * @temporalio/proto carry two copies of protobufjs in this install, and common's protojson rejects
 * the types built by proto's copy ("type must be a Type"). The JSON is therefore written by the
 * Temporal CLI and read with the protojson of the protobufjs that @temporalio/proto itself uses.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root.js';
import { obtainTemporalBinary } from '../../src/devserver/binaries.js';

const { EventType } = proto.temporal.api.enums.v1;

type History = proto.temporal.api.history.v1.IHistory;
type FromJson = (type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }) => unknown;
const requireFromProto = createRequire(createRequire(import.meta.url).resolve('@temporalio/proto'));
const { fromJson } = requireFromProto('protobufjs/ext/protojson') as { fromJson: FromJson };
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** A JSON history (as the CLI writes it) → the History message Worker.runReplayHistories takes. */
export function historyFromCliJson(json: unknown): History {
  return fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}

/** The runs of a workflow, first to last, followed through their ContinuedAsNew events, with their event types. */
export async function runsOf(handle: WorkflowHandle & { firstExecutionRunId: string }): Promise<{ runId: string; events: string[] }[]> {
  const runs: { runId: string; events: string[] }[] = [];
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const current: string = runId;
    const history = await handle.client.getHandle(handle.workflowId, current).fetchHistory();
    runs.push({ runId: current, events: await eventTypes(handle, current) });
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** Short event type names of a run (`MarkerRecorded`, `TimerFired`, ...; a patch marker is `PatchMarkerRecorded`). */
export async function eventTypes(handle: WorkflowHandle, runId?: string): Promise<string[]> {
  const target = runId ? handle.client.getHandle(handle.workflowId, runId) : handle;
  const history = await target.fetchHistory();
  // A patch marker (workflow versioning, e.g. runJob-activity) is not a poll: it gets its own name.
  return (history.events ?? []).map((e) =>
    e.markerRecordedEventAttributes?.markerName === 'core_patch' ? 'PatchMarkerRecorded' : shortName(EventType[e.eventType ?? 0] ?? String(e.eventType)),
  );
}

function shortName(eventType: string): string {
  return eventType
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase());
}

/**
 * Events added per status poll: the distance between consecutive events that mark a poll's result
 * (`MarkerRecorded` for a local activity, `ActivityTaskCompleted` for a regular one,
 * `ActivityTaskFailed` for a regular one that failed).
 */
export function eventsPerPoll(types: string[], pollEvent: 'MarkerRecorded' | 'ActivityTaskCompleted' | 'ActivityTaskFailed'): number[] {
  const at = types.flatMap((t, i) => (t === pollEvent ? [i] : []));
  return at.slice(1).map((index, i) => index - at[i]!);
}

/** The run's history as JSON, written by `temporal workflow show --output json`. */
export async function historyJson(address: string, workflowId: string, runId?: string): Promise<unknown> {
  const args = ['workflow', 'show', '--address', address, '--namespace', 'default', '--workflow-id', workflowId, '--output', 'json'];
  if (runId) args.push('--run-id', runId);
  const cli = await obtainTemporalBinary('temporal');
  const { stdout } = await promisify(execFile)(cli, args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as unknown;
}
