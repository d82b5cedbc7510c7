/**
 * Fabric job activities, built around one FabricClient (the activity factory pattern):
 *
 * ```ts
 * const worker = await Worker.create({ ..., activities: createActivities(new FabricClient({ credential })) });
 * ```
 */
import { Context, log } from '@temporalio/activity';
import type { FabricClient } from '../fabric/index.js';
import { DEFAULT_CONNECTION, normalizeConnectionName } from '../contracts/connection.js';
import { clientFor, connectionClients, type ConnectionClients } from './connections.js';
import { makeFetchJobDetails } from './job-details.js';
import { lookUpJobInstance } from './job-lookup.js';
import { makeJobStatusActivities } from './job-status.js';
import { makeRunJob } from './run-job.js';
import { toActivityFailure } from './failures.js';
import { makeResolveFabricNames } from './resolve-fabric-names.js';
import type { FabricActivities, FabricActivitiesOptions, FindJobInstanceInput, FindJobInstanceOutput } from './types.js';

export type * from './types.js';
export type * from './operation-types.js';
export { createOperationActivities, type OperationClient } from './operations.js';
export { toActivityFailure, mayHaveReachedFabric } from './failures.js';
export type { FabricFailureDetails } from './failures.js';
export { matchesStart, selectStartedInstances } from './job-lookup.js';

export const DEFAULT_CLOCK_SKEW_MS = 120_000;
export const DEFAULT_LOOKUP_DELAY_MS = 2_000;
/** Waits after a run request refused for capacity without Retry-After: 30 s, doubling to 5 minutes. */
export const DEFAULT_CAPACITY_WAIT = { firstMs: 30_000, maxMs: 300_000 } as const;

export type ActivityFabric = Pick<
  FabricClient,
  'runOnDemandItemJob' | 'getItemJobInstance' | 'cancelItemJobInstance' | 'listItemJobInstances' | 'getNotebookJobInstance' | 'queryPipelineActivityRuns' | 'listLivySessions' | 'listWorkspaces' | 'listItems'
>;

export function isConnectionClients(value: ActivityFabric | ConnectionClients<ActivityFabric>): value is ConnectionClients<ActivityFabric> {
  return Array.isArray((value as ConnectionClients<ActivityFabric>).names) && typeof (value as ConnectionClients<ActivityFabric>).get === 'function';
}

/**
 * The activities of `runFabricJob`, for one client (the default connection) or one client per named
 * connection: each call runs with the client of its input's `connection` (`default` when unset); an
 * unknown connection is a non-retryable FabricUnknownConnection.
 */
export function createActivities(fabric: ActivityFabric | ConnectionClients<ActivityFabric>, options: FabricActivitiesOptions = {}): FabricActivities {
  const clients = isConnectionClients(fabric) ? fabric : connectionClients({ [DEFAULT_CONNECTION]: fabric });
  // Bad options fail here, not at the first activity call.
  nonNegative('clockSkewMs', options.clockSkewMs, DEFAULT_CLOCK_SKEW_MS);
  nonNegative('lookupDelayMs', options.lookupDelayMs, DEFAULT_LOOKUP_DELAY_MS);
  const byName = new Map<string, FabricActivities>();
  const forConnection = (connection: string | undefined): FabricActivities => {
    const name = normalizeConnectionName(connection ?? DEFAULT_CONNECTION);
    let activities = byName.get(name);
    if (!activities) {
      activities = createClientActivities(clientFor(clients, connection), options);
      byName.set(name, activities);
    }
    return activities;
  };
  const runJob: FabricActivities['runJob'] = ({ connection, ...input }) => forConnection(connection).runJob(input);
  return {
    runJob,
    startJob: runJob,
    getJobStatus: ({ connection, ...input }) => forConnection(connection).getJobStatus(input),
    cancelJob: ({ connection, ...input }) => forConnection(connection).cancelJob(input),
    findJobInstance: ({ connection, ...input }) => forConnection(connection).findJobInstance(input),
    fetchJobDetails: ({ connection, ...input }) => forConnection(connection).fetchJobDetails(input),
    resolveFabricNames: ({ connection, ...input }) => forConnection(connection).resolveFabricNames(input),
  };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number of milliseconds, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a non-negative number of milliseconds, got ${value}`);
  return value;
}

/**
 * The activities `runFabricJob` calls: runJob, getJobStatus, cancelJob, findJobInstance, fetchJobDetails; and
 * `startJob`, the old name of runJob, for runs started before the rename (docs/job-workflow.md).
 */
function createClientActivities(fabric: ActivityFabric, options: FabricActivitiesOptions = {}): FabricActivities {
  const clockSkewMs = nonNegative('clockSkewMs', options.clockSkewMs, DEFAULT_CLOCK_SKEW_MS);
  const lookupDelayMs = nonNegative('lookupDelayMs', options.lookupDelayMs, DEFAULT_LOOKUP_DELAY_MS);
  const capacityWait = {
    firstMs: positive('capacityWait.firstMs', options.capacityWait?.firstMs, DEFAULT_CAPACITY_WAIT.firstMs),
    maxMs: positive('capacityWait.maxMs', options.capacityWait?.maxMs, DEFAULT_CAPACITY_WAIT.maxMs),
  };
  const runJob = makeRunJob(fabric, { clockSkewMs, lookupDelayMs, capacityWait });
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

  return {
    runJob,
    startJob: runJob,
    getJobStatus,
    cancelJob,
    findJobInstance,
    fetchJobDetails: makeFetchJobDetails(fabric),
    resolveFabricNames: makeResolveFabricNames(fabric),
  };
}

export { createRefreshActivities, type RefreshClient } from './refresh.js';
export type * from './refresh-types.js';
export { connectionClients, clientFor, type ConnectionClients } from './connections.js';
