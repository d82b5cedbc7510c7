/**
 * `createFabricWorker`: a Temporal Worker that runs the fabric-temporal workflows and the Fabric job
 * activities. Used by `npm run worker`, the demo and the tests.
 */
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, isConnectionClients, type ActivityFabric as OneFabricClient, type FabricActivities, type FabricActivitiesOptions } from '../activities/index.js';
import { createPoolActivities, type PoolActivityOptions } from '../activities/pools.js';
import { connectionClients, type ConnectionClients } from '../activities/connections.js';
import { DEFAULT_CONNECTION } from '../contracts/connection.js';
import { createOperationActivities, type OperationClient } from '../activities/operations.js';
import { createRefreshActivities, type RefreshClient } from '../activities/refresh.js';
import type { RefreshActivitiesOptions } from '../activities/refresh-types.js';
import { readPoolSlots, type FabricConfig, type PoolsConfig, type WorkerDeploymentConfig } from '../config.js';
import { DEFAULT_TASK_QUEUE } from '../shared.js';
import { DEFAULT_POWERBI_API_URL, DEFAULT_SHUTDOWN_GRACE_MS } from '../config.js';
import { createWorkerConnections } from './connections.js';
import { createFabricClient, type CreateFabricClientOptions } from './fabric-client.js';
import { workflowCodeOptions } from './workflow-bundle.js';
import { workflowsPath } from './workflows-path.js';
import { createReconcileActivities } from '../reconcile/activity.js';

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
  /** The pools (FABRIC_POOLS / FABRIC_POOLS_FILE) whose slots runs may take. @default none */
  pools?: PoolsConfig;
  /** Pool tuning: how often a pool checks its holders' runs are still open. @default {} (every minute) */
  poolActivities?: PoolActivityOptions;
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

/** The client of each connection (one Fabric client: the default connection's), for the reconciler. */
function clientsOf(fabric: ActivityFabric): ConnectionClients<OneFabricClient> {
  return isConnectionClients(fabric) ? fabric : connectionClients({ [DEFAULT_CONNECTION]: fabric });
}

/** Creates (but does not run) the worker: `await worker.run()` polls until shutdown. */
export async function createFabricWorker(options: FabricWorkerOptions): Promise<Worker> {
  const fabric = isFabricConfig(options.fabric) ? createFabricClient(options.fabric, options.fabricClientOptions) : options.fabric;
  const jobActivities = createActivities(fabric, options.activities);
  // The orphan reconciler's activity (fabricReconcile workflow): each run's job with the client of its connection.
  const reconcile = createReconcileActivities(clientsOf(fabric));
  const pools = options.pools ?? { source: 'none', slots: {} };
  const poolActivities = createPoolActivities(() => readPoolSlots(pools), options.poolActivities);
  const powerbi =
    options.powerbi ??
    (isFabricConfig(options.fabric)
      ? createWorkerConnections(options.fabric, { powerbiApiUrl: DEFAULT_POWERBI_API_URL, named: {} }, options.fabricClientOptions).powerbi
      : { names: [], get: () => undefined });
  const refreshActivities = createRefreshActivities(powerbi, options.activities as RefreshActivitiesOptions);
  // The long-running operation activities (fabricOperation workflow): the same Fabric client of each connection
  // (a FabricClient has them; a test double without them fails those activities only).
  const operationActivities = createOperationActivities(clientsOf(fabric) as unknown as ConnectionClients<OperationClient>);
  const activities = options.wrapActivities ? options.wrapActivities(jobActivities) : jobActivities;
  const workerOptions: WorkerOptions = {
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    // The prebuilt bundle (npm run build) when there is one for this data converter, else bundled now.
    // Plugins (e.g. tracing) may add workflow interceptor modules, which only a bundle built now includes.
    ...(options.workerOptions?.plugins?.length ? { workflowsPath: workflowsPath() } : workflowCodeOptions(options.workerOptions?.dataConverter)),
    activities: { ...activities, ...reconcile, ...poolActivities, ...refreshActivities, ...operationActivities },
    shutdownGraceTime: options.shutdownGraceTimeMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
    ...(options.maxConcurrentActivities !== undefined ? { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities } : {}),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    ...options.workerOptions,
  };
  return Worker.create(workerOptions);
}

/**
 * Worker Versioning from FABRIC_WORKER_DEPLOYMENT_NAME / FABRIC_WORKER_BUILD_ID /
 * FABRIC_WORKER_VERSIONING_BEHAVIOR: the `workerDeploymentOptions` to pass in `workerOptions`; `{}` unversioned.
 */
export function workerDeploymentOptions(deployment: WorkerDeploymentConfig | undefined): Pick<WorkerOptions, 'workerDeploymentOptions'> {
  if (!deployment) return {};
  return {
    workerDeploymentOptions: {
      version: { deploymentName: deployment.deploymentName, buildId: deployment.buildId },
      useWorkerVersioning: true,
      defaultVersioningBehavior: deployment.defaultBehavior === 'pinned' ? 'PINNED' : 'AUTO_UPGRADE',
    },
  };
}
