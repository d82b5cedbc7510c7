/**
 * `npm run worker`: load the config, build the Fabric client, connect to Temporal, run the worker
 * until SIGINT/SIGTERM (the SDK Runtime's shutdown signals), then exit.
 *
 * Exit codes: 0 after a clean shutdown, 3 when the configuration is invalid (every problem is
 * printed) or Temporal is unreachable / the namespace is missing, 1 when the worker fails otherwise.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { formatProblem, loadWorkerProcessConfig, type ConfigProblem, type Env, type WorkerProcessConfig } from '../config.js';
import { encryptionDataConverter } from '../codec/data-converter.js';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { startObservability, type Observability } from '../observability/setup.js';
import { createFabricWorker } from './create-worker.js';
import { createFabricClient } from './fabric-client.js';
import { REEXEC_MARK, heapFlagGiven } from './heap-reexec.js';
import { readCgroupMemoryLimit, sizeWorker, type WorkerSizing } from './sizing.js';

export interface WorkerMainIo {
  /** Progress lines (ready, stopping, stopped). */
  log(line: string): void;
  /** Problems. */
  error(line: string): void;
}

const PREFIX = 'fabric-temporal worker';
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
  const { fabric, worker: settings, temporal } = config;
  const address = temporal.connectionOptions.address;

  // Metrics, log format, rate limit (src/observability): installs the Temporal Runtime, so before connecting.
  let obs: Observability;
  try {
    obs = await startObservability(config.observability);
  } catch (error) {
    io.error(`${PREFIX}: cannot start metrics and logging: ${oneLine(error)}`);
    return 1;
  }
  const dataConverter = encryptionDataConverter(config.encryption);

  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect(temporal.connectionOptions);
  } catch (error) {
    io.error(`${PREFIX}: cannot reach Temporal at ${address}: ${oneLine(error)} (set TEMPORAL_ADDRESS or a Temporal profile)`);
    await obs.close();
    return 3;
  }
  try {
    let worker: Worker;
    const sizing = applySizing(settings, io);
    try {
      worker = await createFabricWorker({
        connection,
        namespace: temporal.namespace,
        taskQueue: settings.taskQueue,
        fabric: createFabricClient(fabric, { onRequest: obs.onRequest }),
        wrapActivities: obs.instrument,
        workerOptions: { ...obs.workerOptions, ...(dataConverter ? { dataConverter } : {}) },
        shutdownGraceTimeMs: settings.shutdownGraceTimeMs,
        ...(settings.maxConcurrentActivities !== undefined ? { maxConcurrentActivities: settings.maxConcurrentActivities } : {}),
        maxCachedWorkflows: sizing.maxCachedWorkflows,
      });
    } catch (error) {
      const missingNamespace = /namespace/i.test(String((error as Error)?.message)) && /not found|does not exist/i.test(String((error as Error)?.message));
      io.error(`${PREFIX}: cannot start the worker${missingNamespace ? ` (namespace ${JSON.stringify(temporal.namespace)} at ${address})` : ''}: ${oneLine(error)}`);
      return missingNamespace ? 3 : 1;
    }
    const stopAnnouncing = announceShutdown(settings.shutdownGraceTimeMs, io);
    io.log(
      `${PREFIX} ready: task queue ${JSON.stringify(settings.taskQueue)}, namespace ${JSON.stringify(temporal.namespace)}, Temporal ${address}, Fabric ${fabric.apiUrl} (auth ${fabric.auth.kind})`,
    );
    if (obs.metricsServer) io.log(`${PREFIX}: metrics on ${obs.metricsServer.url}/metrics`);
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
    await obs.close().catch(() => undefined);
  }
}
