/**
 * startObservability in a real worker process: Runtime installed with the JSON logger and Temporal's
 * Prometheus exporter, runFabricJob against the emulator on a real dev server, and one scrape of
 * /metrics that holds both the project's metrics and Temporal's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { startObservability, type Observability } from '../../src/observability/index.js';
import { runFabricJob } from '../../src/workflows/index.js';
import { sharedTemporal, testWorkflowCode } from '../helpers/temporal.js';
import { sample, scrape } from './scrape.js';

const TOKEN = `token-${randomUUID()}`;
const lines: string[] = [];
let obs: Observability;
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let stopWorker: () => Promise<void>;
const taskQueue = `metrics-${randomUUID()}`;

beforeAll(async () => {
  obs = await startObservability(
    { metricsAddress: { host: '127.0.0.1', port: 0 }, logFormat: 'json', logLevel: 'debug', maxRequestsPerSecond: 50 },
    { write: (line) => lines.push(line) },
  );
  env = await sharedTemporal();
  emulator = await startEmulator({ token: TOKEN });
  const fabric = new FabricClient({ baseUrl: emulator.apiUrl, credential: new StaticTokenCredential(TOKEN), onRequest: obs.onRequest });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...testWorkflowCode(),
    activities: obs.instrument(createActivities(fabric)),
    ...obs.workerOptions,
  });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
  };
});
afterAll(async () => {
  await stopWorker?.();
  await emulator?.close();
  await env?.teardown();
  await obs?.close();
});

describe('worker observability', () => {
  it('exposes Fabric and Temporal metrics on one endpoint and logs JSON without the token', async () => {
    expect(obs.workerOptions).toEqual({ maxTaskQueueActivitiesPerSecond: 50 });
    const admin = new EmulatorAdmin(emulator.adminUrl);
    const outcomes = ['Completed', 'Failed'] as const;
    for (const outcome of outcomes) {
      const itemId = randomUUID();
      await admin.setScenario(itemId, { outcome, durationMs: 1_000, retryAfterSeconds: 1 });
      const handle = await env.client.workflow.start(runFabricJob, {
        taskQueue,
        workflowId: `metrics-${outcome}-${randomUUID()}`,
        // A job type without run details: its requests are the start and the polls only.
        args: [{ workspaceId: randomUUID(), itemId, jobType: 'TableMaintenance', pollInterval: { minMs: 500, fallbackMs: 500 } }],
      });
      await handle.result().catch(() => undefined);
    }
    const jobs = await admin.jobs();
    const polls = jobs.reduce((sum, job) => sum + job.polls, 0);

    const text = await scrape(obs.metricsServer?.url ?? '');
    expect(sample(text, 'fabric_jobs_total', { status: 'Completed' })).toBe(1);
    expect(sample(text, 'fabric_jobs_total', { status: 'Failed' })).toBe(1);
    expect(sample(text, 'fabric_job_duration_seconds_count', { status: 'Completed' })).toBe(1);
    expect(sample(text, 'fabric_requests_total', { operation: 'runOnDemandItemJob', status_code: '202' })).toBe(2);
    expect(sample(text, 'fabric_requests_total', { operation: 'getItemJobInstance', status_code: '200' })).toBe(polls);
    expect(sample(text, 'fabric_polls_total')).toBe(polls);
    expect(sample(text, 'fabric_temporal_metrics_up')).toBe(1);
    expect(sample(text, 'temporal_workflow_completed_total', { task_queue: taskQueue })).toBe(1);
    expect(sample(text, 'temporal_workflow_failed_total', { task_queue: taskQueue })).toBe(1);
    expect(text).toMatch(/^temporal_activity_execution_latency_seconds_count\{/m);

    const requestLines = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'fabric request');
    expect(requestLines.length).toBe(2 + polls);
    for (const line of lines) expect(line).not.toContain(TOKEN);
  });
});
