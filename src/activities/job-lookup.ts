/**
 * Finding a job instance this run may already have created: the heart of the duplicate-safe start
 * (docs/duplicate-safe-start.md). The selection is pure; `lookUpJobInstance` lists the item's instances.
 */
import { parseFabricTimestamp } from '../fabric/index.js';
import type { FabricClient } from '../fabric/index.js';
import { isTerminalStatus } from '../fabric/models.js';
import type { JobInstance } from '../fabric/models.js';
import type { FindJobInstanceOutput } from './types.js';

export interface LookupCriteria {
  jobType: string;
  /** Workflow time when the start was first scheduled (ms since epoch). */
  notBeforeMs: number;
  /** Instances started up to this much before `notBeforeMs` still match. */
  clockSkewMs: number;
  /** Skip instances in a terminal status. */
  activeOnly?: boolean;
}

function startMs(instance: JobInstance): number | undefined {
  return parseFabricTimestamp(instance.startTimeUtc)?.getTime();
}

/**
 * True when `instance` could be the one a start scheduled at `notBeforeMs` created: same job type
 * (case-insensitive), invoked manually (a POST, not a schedule), and started at or after
 * `notBeforeMs - clockSkewMs`. An instance without a start time matches only while it has not ended
 * (NotStarted, or a status this code does not know), or when it ended inside the window.
 */
export function matchesStart(instance: JobInstance, criteria: LookupCriteria): boolean {
  if (instance.jobType.toLowerCase() !== criteria.jobType.toLowerCase()) return false;
  if (instance.invokeType.toLowerCase() !== 'manual') return false;
  const terminal = isTerminalStatus(instance.status);
  if (criteria.activeOnly && terminal) return false;
  const threshold = criteria.notBeforeMs - criteria.clockSkewMs;
  const started = startMs(instance);
  if (started !== undefined) return started >= threshold;
  if (!terminal) return true;
  const ended = parseFabricTimestamp(instance.endTimeUtc)?.getTime();
  return ended !== undefined && ended >= threshold;
}

/** Earliest start first; instances without a start time (queued) after those with one; then by id. */
export function compareByStart(a: JobInstance, b: JobInstance): number {
  const sa = startMs(a) ?? Number.POSITIVE_INFINITY;
  const sb = startMs(b) ?? Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The matching instances, earliest first. */
export function selectStartedInstances(instances: Iterable<JobInstance>, criteria: LookupCriteria): JobInstance[] {
  return [...instances].filter((i) => matchesStart(i, criteria)).sort(compareByStart);
}

/** Lists every instance of the item (all pages) and picks the earliest match. */
export async function lookUpJobInstance(
  fabric: Pick<FabricClient, 'listItemJobInstances'>,
  workspaceId: string,
  itemId: string,
  criteria: LookupCriteria,
  signal?: AbortSignal,
): Promise<FindJobInstanceOutput> {
  const all: JobInstance[] = [];
  for await (const instance of fabric.listItemJobInstances(workspaceId, itemId, signal ? { signal } : {})) {
    all.push(instance);
  }
  const matches = selectStartedInstances(all, criteria);
  return { instance: matches[0] ?? null, matches: matches.length };
}
