/**
 * Overlap policies: the CLI's names and Temporal's. What each one does is in docs/schedules.md; with
 * logical-date identity no policy ever runs the same date twice at once.
 */
import type { ScheduleOverlapPolicy } from '@temporalio/client';

export const OVERLAP_NAMES = ['skip', 'buffer-one', 'buffer-all', 'cancel-other', 'terminate-other', 'allow-all'] as const;
export type OverlapName = (typeof OVERLAP_NAMES)[number];

type Policy = Exclude<ScheduleOverlapPolicy, undefined>;

const TO_POLICY: Readonly<Record<OverlapName, Policy>> = {
  skip: 'SKIP',
  'buffer-one': 'BUFFER_ONE',
  'buffer-all': 'BUFFER_ALL',
  'cancel-other': 'CANCEL_OTHER',
  'terminate-other': 'TERMINATE_OTHER',
  'allow-all': 'ALLOW_ALL',
};

/** Overlap of the schedule's own runs when `--overlap` is not given. */
export const DEFAULT_OVERLAP: OverlapName = 'skip';
/** Overlap of `schedule trigger` when not given (the SDK's own default would be allow-all). */
export const DEFAULT_TRIGGER_OVERLAP: OverlapName = 'skip';
/** Overlap of `schedule backfill` when not given: every period runs, one after the other. */
export const DEFAULT_BACKFILL_OVERLAP: OverlapName = 'buffer-all';

export function toOverlapPolicy(name: OverlapName): Policy {
  return TO_POLICY[name];
}

/** The CLI name of a policy Temporal reports (undefined or unknown → skip, the server's default). */
export function overlapName(policy: ScheduleOverlapPolicy | string | undefined): OverlapName {
  const found = OVERLAP_NAMES.find((name) => TO_POLICY[name] === policy);
  return found ?? 'skip';
}
