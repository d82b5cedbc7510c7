/**
 * History cost of a run, from its fetched history: total events, and events added per status poll
 * (the distance between consecutive poll results: the `core_local_activity` MarkerRecorded of
 * runFabricJob's local-activity polls; a patch marker is not a poll), with the types of the events in
 * those gaps beyond the six a poll needs.
 */
import type { Client } from '@temporalio/client';

/** The events one local-activity poll adds (docs/job-workflow.md). */
const POLL_EVENTS = ['TimerStarted', 'TimerFired', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'MarkerRecorded'];

export interface HistoryCost {
  events: number;
  /** Event gaps between consecutive poll markers (empty with fewer than two polls). */
  perPollGaps: number[];
  /** Event types in those gaps beyond one of each of POLL_EVENTS, with their counts. */
  extraEvents: Record<string, number>;
  /** WorkflowTaskCompleted events by the identity of the worker that completed them. */
  tasksByIdentity: Record<string, number>;
}

/**
 * Names of temporal.api.enums.v1.EventType wire values (fixed by the API) that can show up around a
 * poll. (@temporalio/common's historyToJSON does not work in this install: two protobufjs copies.)
 */
const EVENT_NAMES: Record<number, string> = {
  5: 'WorkflowTaskScheduled',
  6: 'WorkflowTaskStarted',
  7: 'WorkflowTaskCompleted',
  8: 'WorkflowTaskTimedOut',
  9: 'WorkflowTaskFailed',
  17: 'TimerStarted',
  18: 'TimerFired',
  25: 'MarkerRecorded',
  40: 'UpsertWorkflowSearchAttributes',
};

export async function historyCost(client: Client, workflowId: string): Promise<HistoryCost> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const types = (history.events ?? []).map((e) => EVENT_NAMES[Number(e.eventType)] ?? `EventType${Number(e.eventType)}`);
  const tasksByIdentity: Record<string, number> = {};
  for (const e of history.events ?? []) {
    const identity = e.workflowTaskCompletedEventAttributes?.identity;
    if (identity) tasksByIdentity[identity] = (tasksByIdentity[identity] ?? 0) + 1;
  }
  const events = history.events ?? [];
  const markers = types.flatMap((t, i) => (t === 'MarkerRecorded' && events[i]?.markerRecordedEventAttributes?.markerName === 'core_local_activity' ? [i] : []));
  const extraEvents: Record<string, number> = {};
  for (let k = 1; k < markers.length; k++) {
    const gap = types.slice(markers[k - 1]! + 1, markers[k]! + 1);
    for (const expected of POLL_EVENTS) {
      const at = gap.indexOf(expected);
      if (at >= 0) gap.splice(at, 1);
    }
    for (const t of gap) extraEvents[t] = (extraEvents[t] ?? 0) + 1;
  }
  return { events: types.length, perPollGaps: markers.slice(1).map((at, i) => at - markers[i]!), extraEvents, tasksByIdentity };
}
