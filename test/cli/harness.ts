/**
 * The run's shared Temporal dev server, and one real Fabric emulator and one real worker
 * (createFabricWorker, in this test process, loading the run's prebuilt workflow bundle) per test
 * file on a task queue of its own; the CLI runs as a child process against them.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { EmulatorAdmin, startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { createFabricWorker } from '../../src/worker.js';
import { quietRuntime, sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';
import { cleanEnv, runCli, type ProcessResult } from './process.js';

/** A short id no other test uses: `<prefix>-<8 hex digits>`. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export const TOKEN = 'cli-test-token';
/** The Web UI address the CLI's `temporalUrl` links use in tests (a derived one would depend on the dev server's port). */
export const TEMPORAL_UI_URL = 'http://temporal-ui.test:8233';

export interface CliHarness {
  env: TestWorkflowEnvironment;
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  taskQueue: string;
  /** The file's own namespace on the shared dev server (the CLI's TEMPORAL_NAMESPACE). */
  namespace: string;
  /** Runs `fabric-temporal <args>` to the end with `cliEnv(extra)`. */
  cli(args: readonly string[], extra?: Record<string, string>): Promise<ProcessResult>;
  /** The environment the CLI child processes get. */
  cliEnv(extra?: Record<string, string>): Record<string, string>;
  /** The environment of a worker process against the emulator (token auth, 2 s shutdown grace), plus `extra`. */
  workerEnv(extra?: Record<string, string>): Record<string, string>;
  /** A fresh item with its own scenario; returns the ids and the job flags for it. */
  item(scenario: Scenario): Promise<{ workspaceId: string; itemId: string; flags: string[] }>;
  close(): Promise<void>;
}

export async function startCliHarness(options: { worker?: boolean } = {}): Promise<CliHarness> {
  quietRuntime();
  // A namespace of its own: CLI tests list workflows and schedules, and name the namespace in messages.
  const env = await sharedTemporal({ ownNamespace: true });
  const namespace = env.namespace ?? 'default';
  const emulator = await startEmulator({ token: TOKEN });
  const admin = new EmulatorAdmin(emulator.adminUrl);
  const taskQueue = `cli-${randomUUID()}`;
  let stop = () => {};
  let running: Promise<void> = Promise.resolve();
  if (options.worker !== false) {
    const fabric = new FabricClient({ baseUrl: emulator.apiUrl, credential: new StaticTokenCredential(TOKEN), timeoutMs: 10_000 });
    const worker = await createFabricWorker({ connection: env.nativeConnection, namespace, taskQueue, fabric, activities: { lookupDelayMs: 300 }, shutdownGraceTimeMs: 2_000, workerOptions: testWorkflowCode() });
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    running = worker.runUntil(stopped);
  }
  const cliEnv = (extra: Record<string, string> = {}) => cleanEnv({ TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: namespace, FABRIC_TASK_QUEUE: taskQueue, ...extra });
  return {
    env,
    emulator,
    admin,
    taskQueue,
    namespace,
    cliEnv: (extra = {}) => cliEnv({ TEMPORAL_UI_URL, ...extra }),
    cli: (args, extra = {}) => runCli(args, cliEnv({ TEMPORAL_UI_URL, ...extra })),
    workerEnv(extra = {}) {
      return cliEnv({ FABRIC_AUTH: 'token', FABRIC_TOKEN: TOKEN, FABRIC_API_URL: emulator.apiUrl, FABRIC_WORKER_SHUTDOWN_GRACE_MS: '2000', ...extra });
    },
    async item(scenario) {
      const workspaceId = randomUUID();
      const itemId = randomUUID();
      await admin.setScenario(itemId, { retryAfterSeconds: 1, durationMs: 1_000, ...scenario });
      return { workspaceId, itemId, flags: ['--workspace', workspaceId, '--item', itemId, '--job-type', 'RunNotebook', '--poll-min', '200ms'] };
    },
    async close() {
      stop();
      await running;
      await emulator.close();
      await env.teardown();
    },
  };
}
