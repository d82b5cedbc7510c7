/**
 * The demo's worker, in the demo's own process: `createFabricWorker` pointed at the dev server and
 * at the Fabric emulator with `FABRIC_AUTH=token` (the same configuration path as `npm run worker`).
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadFabricConfig } from '../config.js';
import { createFabricWorker } from '../worker/create-worker.js';
import { createWorkerConnections } from '../worker/connections.js';

export interface DemoWorkerOptions {
  /** The dev server's gRPC address. */
  temporalAddress: string;
  /** @default 'default' */
  namespace?: string;
  taskQueue: string;
  /** The emulator's API base URL (`…/v1`). */
  fabricApiUrl: string;
  /** The bearer token the emulator expects (FABRIC_TOKEN). */
  token: string;
}

export interface DemoWorker {
  /** Rejects if the worker stops with an error before `stop()`. */
  crashed: Promise<never>;
  /** Shuts the worker down (in-flight activities get a short grace) and closes its connection. */
  stop(deadlineMs?: number): Promise<void>;
}

/** In-flight activities are short HTTP calls to the emulator: a short grace is plenty. */
const SHUTDOWN_GRACE_MS = 2_000;

export async function startDemoWorker(options: DemoWorkerOptions): Promise<DemoWorker> {
  const fabric = loadFabricConfig({ FABRIC_API_URL: options.fabricApiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: options.token });
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  let worker: Worker;
  try {
    worker = await createFabricWorker({
      connection,
      namespace: options.namespace ?? 'default',
      taskQueue: options.taskQueue,
      fabric,
      // The emulator serves the Power BI refresh API too (semantic model refresh steps).
      powerbi: createWorkerConnections(fabric, { powerbiApiUrl: options.fabricApiUrl.replace(/\/v1\/?$/, '/v1.0/myorg'), named: {} }).powerbi,
      shutdownGraceTimeMs: SHUTDOWN_GRACE_MS,
    });
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  let stopping = false;
  const running = worker.run();
  const crashed = running.then(
    () => {
      if (!stopping) throw new Error('the worker stopped unexpectedly');
      return new Promise<never>(() => undefined);
    },
    (error: unknown) => {
      if (stopping) return new Promise<never>(() => undefined);
      throw error;
    },
  );
  crashed.catch(() => undefined);
  return {
    crashed,
    async stop(deadlineMs = 10_000) {
      stopping = true;
      if (worker.getState() === 'RUNNING') worker.shutdown();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
      await Promise.race([running.catch(() => undefined), deadline]);
      clearTimeout(timer);
      await connection.close().catch(() => undefined);
    },
  };
}
