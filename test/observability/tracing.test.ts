/**
 * Tracing end to end with an in-memory exporter: a client starts runFabricJob through the OpenTelemetry
 * client interceptor; the worker (createFabricWorker with the tracing plugin) records the workflow
 * and activity spans, and the Fabric client one span per HTTP request, with the status code and
 * Fabric's request id, under the activity that made it. All in one trace.
 */
import { randomUUID } from 'node:crypto';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { startTracing, type Tracing } from '../../src/observability/tracing.js';
import { otlpTracingEnabled, startTracingFromEnv } from '../../src/observability/tracing-config.js';
import { createFabricWorker } from '../../src/worker.js';
import { sharedTemporal } from '../helpers/temporal.js';

const TOKEN = 'trace-token';
const exporter = new InMemorySpanExporter();
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let tracing: Tracing;
let stop: () => void = () => {};
let running: Promise<void> = Promise.resolve();
const taskQueue = `trace-${randomUUID()}`;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  tracing = startTracing({}, { spanProcessor: new SimpleSpanProcessor(exporter) });
  env = await sharedTemporal();
  emulator = await startEmulator({ token: TOKEN });
  const fabric = new FabricClient({ baseUrl: emulator.apiUrl, credential: new StaticTokenCredential(TOKEN), onRequest: tracing.onRequest });
  const worker = await createFabricWorker({ connection: env.nativeConnection, taskQueue, fabric, shutdownGraceTimeMs: 1_000, workerOptions: { plugins: [tracing.plugin] } });
  running = worker.runUntil(new Promise<void>((resolve) => (stop = resolve)));
}, 180_000);
afterAll(async () => {
  stop();
  await running;
  await tracing?.close();
  await emulator?.close();
  await env?.teardown();
});

function parentOf(span: ReadableSpan): string | undefined {
  return (span as unknown as { parentSpanId?: string; parentSpanContext?: { spanId: string } }).parentSpanId ?? (span as unknown as { parentSpanContext?: { spanId: string } }).parentSpanContext?.spanId;
}

describe('OpenTelemetry tracing', () => {
  it('is off when no OTEL_* variable asks for it', async () => {
    expect(otlpTracingEnabled({})).toBe(false);
    expect(await startTracingFromEnv({})).toBeUndefined();
    expect(otlpTracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(otlpTracingEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(otlpTracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });

  it('client → workflow → activity → one span per Fabric request, in one trace', async () => {
    const workspaceId = randomUUID();
    const itemId = randomUUID();
    await new EmulatorAdmin(emulator.adminUrl).setScenario(itemId, { durationMs: 1_500, retryAfterSeconds: 1 });
    const client = new Client({ connection: env.connection, interceptors: { workflow: [tracing.clientInterceptor] } });
    const workflowId = `trace-${randomUUID()}`;
    await client.workflow.execute('runFabricJob', { taskQueue, workflowId, args: [{ workspaceId, itemId, jobType: 'RunNotebook', pollInterval: { minMs: 1_000 } }] });

    await expect.poll(() => exporter.getFinishedSpans().some((s) => s.name === 'RunWorkflow:runFabricJob'), { timeout: 30_000, interval: 200 }).toBe(true);
    const spans = exporter.getFinishedSpans();
    const named = (name: string) => spans.filter((s) => s.name === name);
    const start = named('StartWorkflow:runFabricJob')[0];
    expect(start).toBeDefined();
    const traceId = start!.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(inTrace.map((s) => [s.spanContext().spanId, s]));
    const ancestors = (span: ReadableSpan): string[] => {
      const names: string[] = [];
      for (let at = parentOf(span); at && byId.has(at); at = parentOf(byId.get(at)!)) names.push(byId.get(at)!.name);
      return names;
    };

    const run = inTrace.find((s) => s.name === 'fabric runOnDemandItemJob');
    expect(run, `spans: ${inTrace.map((s) => s.name).join(', ')}`).toBeDefined();
    expect(run!.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 202, 'fabric.operation': 'runOnDemandItemJob' });
    expect(typeof run!.attributes['fabric.request_id']).toBe('string');
    expect(ancestors(run!)).toEqual(expect.arrayContaining(['RunActivity:runJob', 'RunWorkflow:runFabricJob', 'StartWorkflow:runFabricJob']));
    expect(ancestors(run!)[0]).toBe('RunActivity:runJob');

    // A notebook's status poll reads its notebook job instance (status and run details in one request).
    const polls = inTrace.filter((s) => s.name === 'fabric getNotebookJobInstance');
    expect(polls.length).toBeGreaterThanOrEqual(1);
    for (const poll of polls) {
      expect(poll.attributes['http.response.status_code']).toBe(200);
      expect(ancestors(poll)).toEqual(expect.arrayContaining(['RunActivity:getJobStatus', 'RunWorkflow:runFabricJob', 'StartWorkflow:runFabricJob']));
    }
  }, 120_000);
});
