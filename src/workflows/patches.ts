/**
 * The registry of every workflow patch: one entry per `patched()` / `deprecatePatch()` id, with why
 * it exists, the commit it came with, where it stands in Temporal's patch lifecycle, when it may go,
 * and the recorded histories (test/workflows/histories) that prove both sides still replay. The
 * workflow code takes its patch ids from here; test/workflows/replay.test.ts checks the fixtures.
 * docs/job-workflow.md ("Patches") explains each.
 *
 * Temporal's lifecycle (https://docs.temporal.io/develop/typescript/versioning):
 * 1. `patched`: new runs take the new path and record a marker (plus a `TemporalChangeVersion`
 *    search-attribute upsert: two history events per run, for ever, while the call stays);
 *    histories without the marker take the old path.
 * 2. `deprecated` (`deprecatePatch`): allowed once no run that can still be replayed (open, or
 *    closed within the namespace's retention and queried or reset) reaches the call without the
 *    marker. The old path is gone; histories with the marker replay.
 * 3. `removed`: no call at all, once no replayable run was produced by a worker with `patched`.
 *    The entry stays here, with its fixtures, as the record of why those histories hold a marker.
 *
 * Sandbox-safe: no imports.
 */

export type PatchStage = 'patched' | 'deprecated' | 'removed';

export interface PatchEntry {
  /** The marker id (never change it: recorded histories hold it). */
  id: string;
  /** What the patched path does differently, and why the old one had to keep replaying. */
  why: string;
  /** The commit that introduced the patch. */
  since: string;
  stage: PatchStage;
  /** When the next lifecycle step may ship. */
  removal: string;
  /** Recorded histories: `before` takes the old path (no marker), `after` holds the marker. */
  fixtures: { before?: string; after: string };
}

export const PATCHES = {
  runJobActivity: {
    id: 'runJob-activity',
    why: 'The start activity was renamed startJob → runJob (same implementation); runs started before schedule startJob on replay.',
    since: '23c4776',
    stage: 'patched',
    removal:
      'deprecatePatch once no replayable run was started by a worker older than 23c4776 (all such runs closed and past retention); then remove with the startJob activity name.',
    fixtures: { before: 'completed', after: 'run-job-completed' },
  },
  capacityWait: {
    id: 'capacity-wait',
    why: 'A start refused for capacity (HTTP 430) waits on a durable timer and is sent again instead of failing the run.',
    since: '126c61e',
    stage: 'deprecated',
    removal:
      'Deprecated now: older workers failed a 430 with another failure type, which the wait does not recognise, so no history reaches the call without the marker. Remove the call once no replayable run recorded the marker (the retention after this release).',
    fixtures: { after: 'capacity-wait-after-430' },
  },
  jobDetailsAtEnd: {
    id: 'fetch-job-details-at-end',
    why: 'The fetchJobDetails activity reads what a job produced once it ends; runs started before replay without it. A notebook polled on its notebook route no longer reaches it (the terminal poll carries the details).',
    since: '9491603',
    stage: 'patched',
    removal:
      'deprecatePatch once no replayable run was started by a worker older than 9491603 and ended Completed, Failed or Deduped without a details read.',
    fixtures: { before: 'completed', after: 'details-pipeline-failed' },
  },
  fabricNames: {
    id: 'fabric-names',
    why: 'A workspace or item given by name is resolved by one resolveFabricNames activity before anything else.',
    since: '87c3264',
    stage: 'deprecated',
    removal:
      'Deprecated now: older input checks refused names, so runs started before never have a target to resolve and never reach the call. Remove the call once no replayable run recorded the marker (the retention after this release).',
    fixtures: { after: 'refresh-by-names' },
  },
  fabricNamesByConnection: {
    id: 'fabric-names-by-connection',
    why: 'A pipeline whose targets span several connections resolves them with one activity per connection; before, one look-up with the default connection.',
    since: '1041127',
    stage: 'patched',
    removal:
      'deprecatePatch once no replayable pipeline run was started by a worker older than 1041127 with targets on several connections.',
    fixtures: { before: 'pipeline-names-two-connections-before-patch', after: 'pipeline-names-two-connections' },
  },
} as const satisfies Record<string, PatchEntry>;
