/**
 * `npm run worker`: load the config, build the Fabric client, connect to Temporal, run the worker
 * until SIGINT/SIGTERM (the SDK Runtime's shutdown signals), then exit.
 *
 * Exit codes: 0 after a clean shutdown, 3 when the configuration is invalid (every problem is
 * printed) or Temporal is unreachable / the namespace is missing, 1 when the worker fails otherwise.
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { formatProblem, loadWorkerProcessConfig, type ConfigProblem, type Env, type WorkerProcessConfig } from '../config.js';
import { encryptionDataConverter } from '../codec/data-converter.js';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { startObservability, type Observability } from '../observability/setup.js';
import { createFabricWorker } from './create-worker.js';
import { createWorkerConnections } from './connections.js';

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
    const clients = createWorkerConnections(fabric, connections, { onRequest: obs.onRequest });
    try {
      worker = await createFabricWorker({
        connection,
        namespace: temporal.namespace,
        taskQueue: settings.taskQueue,
        fabric: clients.fabric,
        powerbi: clients.powerbi,
        wrapActivities: obs.instrument,
        workerOptions: { ...obs.workerOptions, ...(dataConverter ? { dataConverter } : {}) },
        shutdownGraceTimeMs: settings.shutdownGraceTimeMs,
        ...(settings.maxConcurrentActivities !== undefined ? { maxConcurrentActivities: settings.maxConcurrentActivities } : {}),
        ...(settings.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: settings.maxCachedWorkflows } : {}),
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
    if (Object.keys(connections.named).length > 0) io.log(`${PREFIX}: connections ${clients.powerbi.names.join(', ')}`);
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
