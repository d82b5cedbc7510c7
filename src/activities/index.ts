/**
 * Fabric job activities, built around one FabricClient (the activity factory pattern):
 *
 * ```ts
 * const worker = await Worker.create({ ..., activities: createActivities(new FabricClient({ credential })) });
 * ```
 */
import { Context, log } from '@temporalio/activity';
import type { FabricClient } from '../fabric/index.js';
import { lookUpJobInstance } from './job-lookup.js';
import { makeJobStatusActivities } from './job-status.js';
import { makeRunJob } from './run-job.js';
import { toActivityFailure } from './failures.js';
import { makeResolveFabricNames } from './resolve-fabric-names.js';
import type { FabricActivities, FabricActivitiesOptions, FindJobInstanceInput, FindJobInstanceOutput } from './types.js';

export type * from './types.js';
export { toActivityFailure, mayHaveReachedFabric } from './failures.js';
export type { FabricFailureDetails } from './failures.js';
export { matchesStart, selectStartedInstances } from './job-lookup.js';

export const DEFAULT_CLOCK_SKEW_MS = 120_000;
export const DEFAULT_LOOKUP_DELAY_MS = 2_000;

type ActivityFabric = Pick<
  FabricClient,
  'runOnDemandItemJob' | 'getItemJobInstance' | 'cancelItemJobInstance' | 'listItemJobInstances' | 'listWorkspaces' | 'listItems'
>;

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a non-negative number of milliseconds, got ${value}`);
  return value;
}

/**
 * The activities `runFabricJob` calls: runJob, getJobStatus, cancelJob, findJobInstance; and
 * `startJob`, the old name of runJob, for runs started before the rename (docs/job-workflow.md).
 */
export function createActivities(fabric: ActivityFabric, options: FabricActivitiesOptions = {}): FabricActivities {
  const clockSkewMs = nonNegative('clockSkewMs', options.clockSkewMs, DEFAULT_CLOCK_SKEW_MS);
  const lookupDelayMs = nonNegative('lookupDelayMs', options.lookupDelayMs, DEFAULT_LOOKUP_DELAY_MS);
  const runJob = makeRunJob(fabric, { clockSkewMs, lookupDelayMs });
  const { getJobStatus, cancelJob } = makeJobStatusActivities(fabric);

  async function findJobInstance(input: FindJobInstanceInput): Promise<FindJobInstanceOutput> {
    const { workspaceId, itemId, jobType, notBeforeMs, activeOnly = false } = input;
    try {
      const found = await lookUpJobInstance(fabric, workspaceId, itemId, { jobType, notBeforeMs, clockSkewMs, activeOnly }, Context.current().cancellationSignal);
      if (found.instance) {
        log.info(`Found job instance ${found.instance.id}`, { jobInstanceId: found.instance.id, itemId, jobType, matches: found.matches });
      }
      return found;
    } catch (err) {
      throw toActivityFailure(err, `list job instances of item ${itemId}`);
    }
  }

  return { runJob, startJob: runJob, getJobStatus, cancelJob, findJobInstance, resolveFabricNames: makeResolveFabricNames(fabric) };
}
