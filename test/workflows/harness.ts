/**
 * The run's shared Temporal dev server (or one of the file's own, given `devServer` options), one real
 * Fabric emulator and one real Worker (runFabricJob + createActivities over a real FabricClient,
 * loading the run's prebuilt workflow bundle) per test file, on a task queue of its own.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { createPoolActivities } from '../../src/activities/pools.js';
import type { FabricActivitiesOptions } from '../../src/activities/index.js';
import { EmulatorAdmin, startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator, Scenario } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import type { RunFabricJobInput } from '../../src/shared.js';
import { runFabricJob } from '../../src/workflows/index.js';
import { quietRuntime, sharedTemporal, startDevServer, testWorkflowCode } from '../helpers/temporal.js';
import type { DevServerOptions } from '../helpers/temporal.js';

export interface Harness {
  env: TestWorkflowEnvironment;
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  taskQueue: string;
  /** A fresh workspace + item with its own scenario; returns the workflow input for it. */
  job(scenario: Scenario, extra?: Partial<RunFabricJobInput>): Promise<RunFabricJobInput>;
  start(input: RunFabricJobInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof runFabricJob>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  devServer?: DevServerOptions;
  /** A workflow module of the test's own (bundled at start). @default the run's prebuilt bundle of src/workflows */
  workflowsPath?: string;
  activities?: FabricActivitiesOptions;
  /** Pools the worker's pool activities know (name → slots). @default none */
  pools?: Record<string, number>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  quietRuntime();
  // A file that needs dynamic config owns a server; the others share the run's (own task queue).
  const env = options.devServer ? await startDevServer(options.devServer) : await sharedTemporal();
  const emulator = await startEmulator();
  const admin = new EmulatorAdmin(emulator.adminUrl);
  const taskQueue = `fabric-jobs-${randomUUID()}`;
  const fabric = new FabricClient({ baseUrl: emulator.apiUrl, credential: new StaticTokenCredential('test'), timeoutMs: 10_000 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...(options.workflowsPath ? { workflowsPath: options.workflowsPath } : testWorkflowCode()),
    activities: {
      ...createActivities(fabric, { lookupDelayMs: 500, ...options.activities }),
      ...createPoolActivities(() => options.pools ?? {}, { holderCheckMs: 1_000 }),
    },
  });
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = worker.runUntil(stopped);

  return {
    env,
    emulator,
    admin,
    taskQueue,
    async job(scenario, extra = {}) {
      const itemId = randomUUID();
      await admin.setScenario(itemId, { retryAfterSeconds: 1, durationMs: 1_500, ...scenario });
      return { workspaceId: randomUUID(), itemId, jobType: 'RunNotebook', pollInterval: { minMs: 500, fallbackMs: 1_000 }, ...extra };
    },
    start(input) {
      return env.client.workflow.start(runFabricJob, { taskQueue, workflowId: `job-${randomUUID()}`, args: [input] });
    },
    async close() {
      stop();
      await running;
      await emulator.close();
      await env.teardown();
    },
  };
}
