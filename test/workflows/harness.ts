/**
 * One real Temporal dev server, one real Fabric emulator and one real Worker (runFabricJob +
 * createActivities over a real FabricClient) per test file.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { createPoolActivities } from '../../src/activities/pools.js';
import type { FabricActivitiesOptions } from '../../src/activities/index.js';
import { EmulatorAdmin, startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator, Scenario } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import type { RunFabricJobInput } from '../../src/shared.js';
import { runFabricJob } from '../../src/workflows/index.js';
import { startDevServer } from '../helpers/temporal.js';
import type { DevServerOptions } from '../helpers/temporal.js';

export const workflowsPath = fileURLToPath(new URL('../../src/workflows/index.ts', import.meta.url));

let runtimeInstalled = false;
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'DEBUG' : 'ERROR') });
}

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
  /** The worker's workflow bundle entry. @default src/workflows/index.ts */
  workflowsPath?: string;
  activities?: FabricActivitiesOptions;
  /** Pools the worker's pool activities know (name → slots). @default none */
  pools?: Record<string, number>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  quietRuntime();
  const env = await startDevServer(options.devServer);
  const emulator = await startEmulator();
  const admin = new EmulatorAdmin(emulator.adminUrl);
  const taskQueue = `fabric-jobs-${randomUUID()}`;
  const fabric = new FabricClient({ baseUrl: emulator.apiUrl, credential: new StaticTokenCredential('test'), timeoutMs: 10_000 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: options.workflowsPath ?? workflowsPath,
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
