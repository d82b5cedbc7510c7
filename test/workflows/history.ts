/**
 * Reading workflow histories in tests: event types, events per poll, and the JSON history files
 * (written by the Temporal CLI, the format Worker.runReplayHistories reads) used as replay fixtures.
 *
 * The SDK's historyToJSON cannot be used here: @temporalio/common and @temporalio/proto carry two
 * copies of protobufjs in this install, and its JSON writer rejects the other copy's types.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { temporalExecutable } from '../../src/devserver/binaries.js';

const { EventType } = proto.temporal.api.enums.v1;

/** Short event type names of a run (`MarkerRecorded`, `TimerFired`, ...). */
export async function eventTypes(handle: WorkflowHandle, runId?: string): Promise<string[]> {
  const target = runId ? handle.client.getHandle(handle.workflowId, runId) : handle;
  const history = await target.fetchHistory();
  return (history.events ?? []).map((e) => shortName(EventType[e.eventType ?? 0] ?? String(e.eventType)));
}

function shortName(eventType: string): string {
  return eventType
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase());
}

/**
 * Events added per status poll: the distance between consecutive events that mark a poll's result
 * (`MarkerRecorded` for a local activity, `ActivityTaskCompleted` for a regular one).
 */
export function eventsPerPoll(types: string[], pollEvent: 'MarkerRecorded' | 'ActivityTaskCompleted'): number[] {
  const at = types.flatMap((t, i) => (t === pollEvent ? [i] : []));
  return at.slice(1).map((index, i) => index - at[i]!);
}

/** The run's history as JSON, written by `temporal workflow show --output json`. */
export async function historyJson(address: string, workflowId: string, runId?: string): Promise<unknown> {
  const args = ['workflow', 'show', '--address', address, '--namespace', 'default', '--workflow-id', workflowId, '--output', 'json'];
  if (runId) args.push('--run-id', runId);
  const { stdout } = await promisify(execFile)(temporalExecutable('temporal'), args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as unknown;
}
