/**
 * History cost of a run, from its fetched history: total events, and events added per status poll
 * (the distance between consecutive poll results: MarkerRecorded for runFabricJob's local-activity polls).
 */
import type { Client } from '@temporalio/client';

/** temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED (a wire value, fixed by the API). */
const MARKER_RECORDED = 25;

export interface HistoryCost {
  events: number;
  /** Event gaps between consecutive poll markers (empty with fewer than two polls). */
  perPollGaps: number[];
}

export async function historyCost(client: Client, workflowId: string): Promise<HistoryCost> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const markers = events.flatMap((e, i) => (Number(e.eventType) === MARKER_RECORDED ? [i] : []));
  return { events: events.length, perPollGaps: markers.slice(1).map((at, i) => at - markers[i]!) };
}
