import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFabricRequestHook, FabricMetrics, startMetricsServer, type MetricsServer } from '../../src/observability/index.js';
import { sample, scrape } from './scrape.js';

const base = 'https://api.fabric.microsoft.com/v1/workspaces/11111111-1111-1111-1111-111111111111/items/22222222-2222-2222-2222-222222222222/jobs';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function serve(metrics: FabricMetrics, temporalMetricsUrl?: string): Promise<MetricsServer> {
  const server = await startMetricsServer({ registry: metrics.registry, host: '127.0.0.1', port: 0, ...(temporalMetricsUrl ? { temporalMetricsUrl } : {}) });
  closers.push(() => server.close());
  return server;
}

async function fakeExporter(body: string): Promise<string> {
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

describe('metrics endpoint', () => {
  it('counts requests by operation and status, transport errors included', async () => {
    const metrics = new FabricMetrics({ processMetrics: false });
    const server = await serve(metrics);
    const hook = createFabricRequestHook({ metrics, logFormat: false });
    hook({ operation: 'runOnDemandItemJob', method: 'POST', url: `${base}/instances?jobType=RunNotebook`, statusCode: 202, durationMs: 120 });
    hook({ operation: 'getItemJobInstance', method: 'GET', url: `${base}/instances/x`, statusCode: 200, durationMs: 40 });
    hook({ operation: 'getItemJobInstance', method: 'GET', url: `${base}/instances/x`, statusCode: 200, durationMs: 60 });
    hook({ operation: 'getItemJobInstance', method: 'GET', url: `${base}/instances/x`, statusCode: 429, durationMs: 5, errorCode: 'TooManyRequestsForJobs' });
    hook({ operation: 'getItemJobInstance', method: 'GET', url: `${base}/instances/x`, durationMs: 30_000, transportErrorCode: 'ETIMEDOUT' });

    const text = await scrape(server.url);
    expect(sample(text, 'fabric_requests_total', { operation: 'runOnDemandItemJob', status_code: '202' })).toBe(1);
    expect(sample(text, 'fabric_requests_total', { operation: 'getItemJobInstance', status_code: '200' })).toBe(2);
    expect(sample(text, 'fabric_requests_total', { operation: 'getItemJobInstance', status_code: '429' })).toBe(1);
    expect(sample(text, 'fabric_requests_total', { operation: 'getItemJobInstance', status_code: 'transport_error' })).toBe(1);
    expect(sample(text, 'fabric_request_duration_seconds_count', { operation: 'getItemJobInstance' })).toBe(4);
    expect(sample(text, 'fabric_request_duration_seconds_sum', { operation: 'getItemJobInstance' })).toBeCloseTo(30.105, 6);
    expect(sample(text, 'fabric_request_duration_seconds_bucket', { operation: 'getItemJobInstance', le: '0.05' })).toBe(2);
    expect(text).not.toContain('process_cpu');
  });

  it('counts each finished job once, with its Fabric run time', async () => {
    const metrics = new FabricMetrics({ processMetrics: false, rememberJobs: 2 });
    const server = await serve(metrics);
    const job = { id: 'a', status: 'Completed', startTimeUtc: '2025-01-01T10:00:00.1234567', endTimeUtc: '2025-01-01T10:02:30.1234567' };
    expect(metrics.recordJob({ ...job, status: 'InProgress', endTimeUtc: null })).toBe(false);
    expect(metrics.recordJob(job)).toBe(true);
    expect(metrics.recordJob(job)).toBe(false);
    expect(metrics.recordJob({ ...job, id: 'b', status: 'Failed' })).toBe(true);
    expect(metrics.recordJob({ ...job, id: 'c', status: 'Deduped', startTimeUtc: null, endTimeUtc: null })).toBe(true);
    expect(metrics.recordJob({ ...job, id: 'd', status: 'SomethingNew' })).toBe(false);
    for (let i = 0; i < 3; i++) metrics.recordPoll();

    const text = await scrape(server.url);
    expect(sample(text, 'fabric_jobs_total', { status: 'Completed' })).toBe(1);
    expect(sample(text, 'fabric_jobs_total', { status: 'Failed' })).toBe(1);
    expect(sample(text, 'fabric_jobs_total', { status: 'Deduped' })).toBe(1);
    expect(sample(text, 'fabric_polls_total')).toBe(3);
    expect(sample(text, 'fabric_job_duration_seconds_sum', { status: 'Completed' })).toBe(150);
    expect(sample(text, 'fabric_job_duration_seconds_count', { status: 'Deduped' })).toBeUndefined();
    // Only the 2 most recent ids are remembered: 'a' was forgotten and counts again.
    expect(metrics.recordJob(job)).toBe(true);
  });

  it('appends Temporal runtime metrics and reports when they are missing', async () => {
    const metrics = new FabricMetrics({ processMetrics: false });
    metrics.recordPoll();
    const exporter = await fakeExporter('# TYPE temporal_worker_start_total counter\ntemporal_worker_start_total{namespace="default"} 1');
    const merged = await scrape((await serve(metrics, exporter)).url);
    expect(sample(merged, 'fabric_polls_total')).toBe(1);
    expect(sample(merged, 'temporal_worker_start_total', { namespace: 'default' })).toBe(1);
    expect(sample(merged, 'fabric_temporal_metrics_up')).toBe(1);

    const down = await scrape((await serve(metrics, 'http://127.0.0.1:1/metrics')).url);
    expect(sample(down, 'fabric_polls_total')).toBe(1);
    expect(sample(down, 'fabric_temporal_metrics_up')).toBe(0);
  });

  it('serves /healthz and refuses other paths and methods', async () => {
    const server = await serve(new FabricMetrics({ processMetrics: false }));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('/readyz follows the readiness check; /healthz answers regardless', async () => {
    let ready = false;
    const metrics = new FabricMetrics({ processMetrics: false });
    const server = await startMetricsServer({ registry: metrics.registry, host: '127.0.0.1', port: 0, isReady: () => ready });
    closers.push(() => server.close());
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    ready = true;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('includes Node.js process metrics by default', async () => {
    const text = await scrape((await serve(new FabricMetrics())).url);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
  });
});
