/**
 * Finding a refresh this run may already have started, in the semantic model's refresh history:
 * the heart of the duplicate-safe refresh start (docs/semantic-models.md). The selection is pure.
 */
import type { RefreshHistoryEntry } from '../fabric/powerbi/models.js';
import { isUuid } from '../fabric/index.js';

export interface RefreshLookupCriteria {
  /** Workflow time when the start was first scheduled (ms since epoch). */
  notBeforeMs: number;
  /** Refreshes started up to this much before `notBeforeMs` still match. */
  clockSkewMs: number;
  /** Skip refreshes that have ended (status other than Unknown). @default false */
  activeOnly?: boolean;
}

function startMs(entry: RefreshHistoryEntry): number | undefined {
  const ms = entry.startTime ? Date.parse(entry.startTime) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * True when `entry` could be the refresh a start scheduled at `notBeforeMs` created: an enhanced
 * refresh (refreshType ViaEnhancedApi, or none given) with a refresh id (its requestId), started at
 * or after `notBeforeMs - clockSkewMs`; with `activeOnly`, still running (status Unknown).
 */
export function matchesRefreshStart(entry: RefreshHistoryEntry, criteria: RefreshLookupCriteria): boolean {
  if (!isUuid(entry.requestId)) return false;
  if (entry.refreshType !== undefined && entry.refreshType.toLowerCase() !== 'viaenhancedapi') return false;
  if (criteria.activeOnly && entry.status !== undefined && entry.status !== 'Unknown') return false;
  const started = startMs(entry);
  return started !== undefined && started >= criteria.notBeforeMs - criteria.clockSkewMs;
}

/** The matching entries, earliest start first (then by id, deterministically). */
export function selectStartedRefreshes(history: Iterable<RefreshHistoryEntry>, criteria: RefreshLookupCriteria): RefreshHistoryEntry[] {
  return [...history]
    .filter((e) => matchesRefreshStart(e, criteria))
    .sort((a, b) => startMs(a)! - startMs(b)! || (a.requestId! < b.requestId! ? -1 : a.requestId! > b.requestId! ? 1 : 0));
}
