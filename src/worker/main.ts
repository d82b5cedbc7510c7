/**
 * `npm run worker`: load the config, build the Fabric client, connect to Temporal, run the worker
 * until SIGINT/SIGTERM (the SDK Runtime's shutdown signals), then exit.
 *
 * Exit codes: 0 after a clean shutdown, 3 when the configuration is invalid (every problem is
 * printed), Temporal is unreachable, the namespace or (FABRIC_SEARCH_ATTRIBUTES=true) a search
 * attribute is missing, (FABRIC_STRICT_STARTUP=true) the Fabric credential yields no token
 * (src/preflight), or the worker cannot start; 1 when the running worker stops with an error.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { formatProblem, loadWorkerProcessConfig, type ConfigProblem, type Env, type WorkerProcessConfig } from '../config.js';
import { encryptionDataConverter } from '../codec/data-converter.js';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { startObservability, type Observability } from '../observability/setup.js';
import { startTracingFromEnv } from '../observability/tracing-config.js';
import type { FabricRequestEvent } from '../fabric/index.js';
import { createFabricWorker, workerDeploymentOptions } from './create-worker.js';
import { DEFAULT_CAPACITY_WAIT } from '../activities/index.js';
import { createCredential } from '../fabric/index.js';
import { runWorkerPreflight } from '../preflight/worker-checks.js';
import { REEXEC_MARK, heapFlagGiven } from './heap-reexec.js';
import { readCgroupMemoryLimit, sizeWorker, type WorkerSizing } from './sizing.js';
import { createWorkerConnections } from './connections.js';

export interface WorkerMainIo {
  /** Progress lines (ready, stopping, stopped). */
  log(line: string): void;
  /** Problems. */
  error(line: string): void;
}

const PREFIX = 'fabric-temporal worker';

/** `npm run worker -- --help`. */
export const WORKER_USAGE = `usage: npm run worker          (installed: node dist/worker.js)

Runs the fabric-temporal worker: polls the task queue for runFabricJob, fabricPipeline and
fabricScheduledRun and calls Fabric, until SIGINT or SIGTERM (in-flight activities get
FABRIC_WORKER_SHUTDOWN_GRACE_MS to finish). No flags: everything comes from the environment.

Environment (docs/configuration.md has every variable):
  TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE   the Temporal connection
  FABRIC_API_URL, FABRIC_AUTH, AZURE_*, FABRIC_TOKEN    Fabric and its credentials
  FABRIC_TASK_QUEUE (fabric-jobs), FABRIC_SEARCH_ATTRIBUTES, FABRIC_WORKER_*, FABRIC_MAX_REQUESTS_PER_SECOND
  FABRIC_METRICS_ADDRESS, FABRIC_LOG_FORMAT, FABRIC_ENCRYPTION_KEYS / FABRIC_ENCRYPTION_KEY_FILE

Exit codes: 0 stopped cleanly, 3 invalid configuration, Temporal unreachable or the worker could not
start, 1 the worker stopped with an error.

Examples:
  FABRIC_AUTH=azure-cli npm run worker
  TEMPORAL_ADDRESS=temporal:7233 FABRIC_METRICS_ADDRESS=0.0.0.0:9464 node dist/worker.js`;
const defaultIo: WorkerMainIo = {
  log: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

function loadConfig(env: Env, io: WorkerMainIo): WorkerProcessConfig | undefined {
  try {
    return loadWorkerProcessConfig(env);
  } catch (error) {
    if ((error as Error | null)?.name !== 'ConfigError') throw error;
    const problems = (error as { problems: ConfigProblem[] }).problems;
    io.error(`${PREFIX}: invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    for (const problem of problems) io.error(`  ${formatProblem(problem)}`);
    return undefined;
  }
}

/** One line when the first shutdown signal arrives (the SDK Runtime itself stops the worker). */
function announceShutdown(graceMs: number, io: WorkerMainIo): () => void {
  let announced = false;
  const onSignal = (signal: string) => {
    if (announced) return;
    announced = true;
    io.log(`${PREFIX}: ${signal} received, shutting down: in-flight activities get up to ${Math.round(graceMs / 1000)}s to finish; unfinished ones go back to Temporal for another worker`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * The cache and heap sizes for this process (src/worker/sizing.ts). The heap limit is set as a V8
 * flag before the worker creates its workflow thread, so that thread's isolate (which holds the
 * cached runs) starts with it; the main thread keeps the limit Node started with.
 */
function applySizing(settings: { memoryMiB?: number; maxCachedWorkflows?: number }, io: WorkerMainIo): WorkerSizing {
  const sizing = sizeWorker({
    memoryMiB: settings.memoryMiB,
    cgroupLimitBytes: readCgroupMemoryLimit(),
    maxCachedWorkflows: settings.maxCachedWorkflows,
    heapSizeLimitMiB: getHeapStatistics().heap_size_limit / 2 ** 20,
  });
  // An operator's own --max-old-space-size (command line or NODE_OPTIONS) applies to both threads as given.
  const operatorHeap = process.env[REEXEC_MARK] === undefined && heapFlagGiven(process.execArgv, process.env);
  if (sizing.heapLimitMiB !== undefined && !operatorHeap) setFlagsFromString(`--max-old-space-size=${sizing.heapLimitMiB}`);
  const memory = sizing.memoryMiB === undefined ? 'no memory limit given (sized from the heap limit)' : `memory ${sizing.memoryMiB} MiB (${sizing.source})`;
  const heap = sizing.heapLimitMiB === undefined ? '' : operatorHeap ? ', heap limit from --max-old-space-size' : `, workflow heap limit ${sizing.heapLimitMiB} MiB`;
  io.log(`${PREFIX}: ${memory}: workflow cache ${sizing.maxCachedWorkflows} runs${settings.maxCachedWorkflows !== undefined ? ' (FABRIC_WORKER_MAX_CACHED_WORKFLOWS)' : ''}${heap}`);
  return sizing;
}

/** Runs the worker process; resolves to its exit code. */
export async function runWorkerMain(env: Env = process.env, io: WorkerMainIo = defaultIo): Promise<number> {
  const config = loadConfig(env, io);
  if (!config) return 3;
  const { fabric, connections, worker: settings, temporal } = config;
  const address = temporal.connectionOptions.address;

  // Metrics, log format, rate limit (src/observability): installs the Temporal Runtime, so before connecting.
  let obs: Observability;
  try {
    obs = await startObservability(config.observability);
  } catch (error) {
    io.error(`${PREFIX}: cannot start metrics and logging: ${oneLine(error)}`);
    return 3;
  }
  const dataConverter = encryptionDataConverter(config.encryption);
  // OpenTelemetry, when the OTEL_* variables turn it on (off otherwise).
  const tracing = await startTracingFromEnv(env);
  const onRequest = tracing
    ? (event: FabricRequestEvent) => {
        obs.onRequest(event);
        tracing.onRequest(event);
      }
    : obs.onRequest;

  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect(temporal.connectionOptions);
  } catch (error) {
    io.error(`${PREFIX}: cannot reach Temporal at ${address}: ${oneLine(error)} (set TEMPORAL_ADDRESS or a Temporal profile)`);
    await obs.close();
    return 3;
  }
  try {
    const credential = createCredential(fabric.auth);
    const preflight = await runWorkerPreflight({
      connection,
      namespace: temporal.namespace,
      address,
      searchAttributes: settings.searchAttributes,
      credential,
      strict: settings.strictStartup,
    });
    for (const warning of preflight.warnings) io.error(`${PREFIX}: WARNING: ${warning}`);
    if (preflight.fatal.length > 0) {
      for (const line of preflight.fatal) io.error(line.startsWith(' ') ? line : `${PREFIX}: ${line}`);
      return 3;
    }
    let worker: Worker;
    const sizing = applySizing(settings, io);
    const rateLimiter = obs.rateLimiter ? { rateLimiter: obs.rateLimiter } : {};
    const clients = createWorkerConnections(fabric, connections, { credential, onRequest, ...rateLimiter });
    try {
      worker = await createFabricWorker({
        connection,
        namespace: temporal.namespace,
        taskQueue: settings.taskQueue,
        fabric: clients.fabric,
        powerbi: clients.powerbi,
        wrapActivities: obs.instrument,
        pools: config.pools,
        activities: {
          capacityWait: { firstMs: settings.capacityWaitMs ?? DEFAULT_CAPACITY_WAIT.firstMs, maxMs: settings.capacityWaitMaxMs ?? DEFAULT_CAPACITY_WAIT.maxMs },
        },
        workerOptions: {
          ...obs.workerOptions,
          ...(dataConverter ? { dataConverter } : {}),
          ...workerDeploymentOptions(settings.deployment),
          ...(tracing ? { plugins: [tracing.plugin] } : {}),
        },
        shutdownGraceTimeMs: settings.shutdownGraceTimeMs,
        ...(settings.maxConcurrentActivities !== undefined ? { maxConcurrentActivities: settings.maxConcurrentActivities } : {}),
        maxCachedWorkflows: sizing.maxCachedWorkflows,
      });
    } catch (error) {
      const missingNamespace = /namespace/i.test(String((error as Error)?.message)) && /not found|does not exist/i.test(String((error as Error)?.message));
      io.error(`${PREFIX}: cannot start the worker${missingNamespace ? ` (namespace ${JSON.stringify(temporal.namespace)} at ${address})` : ''}: ${oneLine(error)}`);
      return 3;
    }
    obs.setReadiness(() => worker.getState() === 'RUNNING');
    const stopAnnouncing = announceShutdown(settings.shutdownGraceTimeMs, io);
    io.log(
      `${PREFIX} ready: task queue ${JSON.stringify(settings.taskQueue)}, namespace ${JSON.stringify(temporal.namespace)}, Temporal ${address}, Fabric ${fabric.apiUrl} (auth ${fabric.auth.kind})`,
    );
    if (Object.keys(connections.named).length > 0) io.log(`${PREFIX}: connections ${clients.powerbi.names.join(', ')}`);
    if (obs.metricsServer) io.log(`${PREFIX}: metrics on ${obs.metricsServer.url}/metrics`);
    if (settings.deployment) {
      const { deploymentName, buildId, defaultBehavior } = settings.deployment;
      io.log(`${PREFIX}: worker versioning on: deployment ${JSON.stringify(deploymentName)}, build id ${JSON.stringify(buildId)}, default behaviour ${defaultBehavior}`);
    }
    if (tracing) io.log(`${PREFIX}: OpenTelemetry tracing on (OTLP export per the OTEL_* variables)`);
    if (config.encryption) io.log(`${PREFIX}: payload encryption on (active key ${JSON.stringify(config.encryption?.active.id)})`);
    try {
      await worker.run();
    } catch (error) {
      io.error(`${PREFIX}: stopped with an error: ${oneLine(error)}`);
      return 1;
    } finally {
      stopAnnouncing();
    }
    io.log(`${PREFIX}: stopped`);
    return 0;
  } finally {
    await connection.close().catch(() => undefined);
    await tracing?.close();
    await obs.close().catch(() => undefined);
  }
}
