/**
 * `createFabricWorker`: a Temporal Worker that runs the fabric-temporal workflows and the Fabric job
 * activities. Used by `npm run worker`, the demo and the tests.
 */
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type FabricActivities, type FabricActivitiesOptions } from '../activities/index.js';
import type { ConnectionClients } from '../activities/connections.js';
import { createRefreshActivities, type RefreshClient } from '../activities/refresh.js';
import type { RefreshActivitiesOptions } from '../activities/refresh-types.js';
import type { FabricConfig } from '../config.js';
import { DEFAULT_TASK_QUEUE } from '../shared.js';
import { DEFAULT_POWERBI_API_URL, DEFAULT_SHUTDOWN_GRACE_MS } from '../config.js';
import { createWorkerConnections } from './connections.js';
import { createFabricClient, type CreateFabricClientOptions } from './fabric-client.js';
import { workflowsPath } from './workflows-path.js';

type ActivityFabric = Parameters<typeof createActivities>[0];

export interface FabricWorkerOptions {
  /** A connection from `NativeConnection.connect` (closing it is the caller's job). */
  connection: NativeConnection;
  /** @default 'default' */
  namespace?: string;
  /** @default 'fabric-jobs' */
  taskQueue?: string;
  /**
   * A FabricClient (or anything with its job operations), one per named connection
   * (`createWorkerConnections(...).fabric`), or the Fabric config to build the default one from.
   */
  fabric: ActivityFabric | FabricConfig;
  /** Used only when `fabric` is a config: e.g. the `onRequest` hook for metrics and logs. @default {} */
  fabricClientOptions?: CreateFabricClientOptions;
  /** @default {} (the activities' defaults) */
  activities?: FabricActivitiesOptions;
  /**
   * The Power BI client of each named connection, for the semantic model refresh activities
   * (see createWorkerConnections). @default when `fabric` is a config: its default connection on the
   * public Power BI API; otherwise none (semanticModelRefresh runs then fail with FabricUnknownConnection)
   */
  powerbi?: ConnectionClients<RefreshClient>;
  /** Wraps the activities before registration (metrics, tracing). @default none */
  wrapActivities?: (activities: FabricActivities) => FabricActivities;
  /** @default the SDK's default */
  maxConcurrentActivities?: number;
  /** @default the SDK's default */
  maxCachedWorkflows?: number;
  /** How long in-flight activities may run after shutdown starts; then they are cancelled and retried elsewhere. @default 30_000 */
  shutdownGraceTimeMs?: number;
  /** Extra Worker options (interceptors, data converter, rate limits, ...), applied last. @default {} */
  workerOptions?: Partial<WorkerOptions>;
}

function isFabricConfig(value: ActivityFabric | FabricConfig): value is FabricConfig {
  return typeof (value as FabricConfig).apiUrl === 'string' && typeof (value as FabricConfig).auth === 'object';
}

/** Creates (but does not run) the worker: `await worker.run()` polls until shutdown. */
export async function createFabricWorker(options: FabricWorkerOptions): Promise<Worker> {
  const fabric = isFabricConfig(options.fabric) ? createFabricClient(options.fabric, options.fabricClientOptions) : options.fabric;
  const jobActivities = createActivities(fabric, options.activities);
  const powerbi =
    options.powerbi ??
    (isFabricConfig(options.fabric)
      ? createWorkerConnections(options.fabric, { powerbiApiUrl: DEFAULT_POWERBI_API_URL, named: {} }, options.fabricClientOptions).powerbi
      : { names: [], get: () => undefined });
  const refreshActivities = createRefreshActivities(powerbi, options.activities as RefreshActivitiesOptions);
  const activities = options.wrapActivities ? options.wrapActivities(jobActivities) : jobActivities;
  const workerOptions: WorkerOptions = {
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowsPath: workflowsPath(),
    activities: { ...activities, ...refreshActivities },
    shutdownGraceTime: options.shutdownGraceTimeMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
    ...(options.maxConcurrentActivities !== undefined ? { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities } : {}),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    ...options.workerOptions,
  };
  return Worker.create(workerOptions);
}
