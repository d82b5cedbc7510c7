/**
 * The fault matrix's world: one real Temporal dev server, the real emulator behind a 403 proxy,
 * and one real Worker (runFabricJob + the activities over a FabricClient with a short timeout).
 * `runCase` runs one table row end to end and reports what Fabric saw.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { EmulatorAdmin, startEmulator } from '../../src/emulator/index.js';
import type { EmulatorJob, Fault, RequestLogEntry, RunningEmulator, Scenario } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import type { RunFabricJobInput, RunFabricJobResult } from '../../src/shared.js';
import { runFabricJob } from '../../src/workflows/index.js';
import { quietRuntime, sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';
import { startForbiddenProxy } from './forbidden-proxy.js';
import type { ForbiddenProxy, ProxyOp } from './forbidden-proxy.js';

/** The Fabric client's per-request timeout in the matrix: short, so that timeouts are quick. */
export const CLIENT_TIMEOUT_MS = 2_000;

/** One row of a fault table. */
export interface FaultCase {
  name: string;
  /** Faults the emulator injects into the item's requests. */
  faults?: Fault[];
  /** 403s the proxy sends before the emulator sees the request. */
  forbid?: { op: ProxyOp; count: number };
  /** The item's scenario (durations, outcome); the faults are added to it. @default 2 s job, Retry-After 1 s */
  scenario?: Omit<Scenario, 'faults'>;
  /** Extra workflow input (e.g. timeoutMs to reach the cancel path). */
  input?: Partial<RunFabricJobInput>;
  /** The run's expected end: a job status it returns, or the failure type it fails with. */
  expect: { status: RunFabricJobResult['status'] } | { failure: string };
  /** Fabric jobs the run must leave behind. @default 1 */
  jobs?: 0 | 1;
  /** The status the Fabric job must have once the run has ended. @default the returned status; none for failures */
  jobStatusAfter?: string;
}

export interface CaseReport {
  result?: RunFabricJobResult;
  failure?: ApplicationFailure;
  /** The run failed with something other than an ApplicationFailure (a bug). */
  otherError?: unknown;
  jobs: EmulatorJob[];
  requests: RequestLogEntry[];
  /** Requests the emulator applied a fault to, plus 403s from the proxy. */
  faultsApplied: number;
}

export interface FaultHarness {
  env: TestWorkflowEnvironment;
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  proxy: ForbiddenProxy;
  runCase(c: FaultCase): Promise<CaseReport>;
  close(): Promise<void>;
}


async function outcome(promise: Promise<RunFabricJobResult>): Promise<Pick<CaseReport, 'result' | 'failure' | 'otherError'>> {
  try {
    return { result: await promise };
  } catch (err) {
    const cause = err instanceof WorkflowFailedError ? err.cause : undefined;
    return cause instanceof ApplicationFailure ? { failure: cause } : { otherError: err };
  }
}

export async function startFaultHarness(): Promise<FaultHarness> {
  quietRuntime();
  const env = await sharedTemporal();
  const emulator = await startEmulator();
  const admin = new EmulatorAdmin(emulator.adminUrl);
  const proxy = await startForbiddenProxy(emulator.url);
  const taskQueue = `faults-${randomUUID()}`;
  const fabric = new FabricClient({ baseUrl: proxy.apiUrl, credential: new StaticTokenCredential('fault-matrix'), timeoutMs: CLIENT_TIMEOUT_MS });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...testWorkflowCode(),
    activities: createActivities(fabric, { lookupDelayMs: 500 }),
  });
  let stop!: () => void;
  const running = worker.runUntil(new Promise<void>((resolve) => (stop = resolve)));

  async function runCase(c: FaultCase): Promise<CaseReport> {
    const itemId = randomUUID();
    await admin.setScenario(itemId, { retryAfterSeconds: 1, durationMs: 2_000, ...c.scenario, faults: c.faults ?? [] });
    if (c.forbid) proxy.forbid(itemId, c.forbid.op, c.forbid.count);
    const input: RunFabricJobInput = {
      workspaceId: randomUUID(),
      itemId,
      jobType: 'RunNotebook',
      executionData: { faultCase: c.name },
      pollInterval: { minMs: 500, fallbackMs: 1_000 },
      ...c.input,
    };
    const handle = await env.client.workflow.start(runFabricJob, { taskQueue, workflowId: `fault-${randomUUID()}`, args: [input] });
    const ended = await outcome(handle.result());
    const requests = (await admin.requests()).filter((r) => r.itemId === itemId);
    return {
      ...ended,
      jobs: await admin.jobs(itemId),
      requests,
      faultsApplied: requests.filter((r) => r.fault !== undefined).length + proxy.forbidden(itemId),
    };
  }

  return {
    env,
    emulator,
    admin,
    proxy,
    runCase,
    async close() {
      stop();
      await running;
      await proxy.close();
      await emulator.close();
      await env.teardown();
    },
  };
}
