/**
 * The worker's metrics endpoint: `GET /metrics` serves the project's registry followed by Temporal's
 * runtime metrics (scraped from the SDK Core exporter on loopback), `GET /healthz` answers 200 while
 * the process runs (liveness), `GET /readyz` 200 once the worker is connected and polling, else 503
 * (readiness; the compose healthcheck).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { listen } from './listen-address.js';

export interface MetricsServerOptions {
  registry: Registry;
  /** Interface to listen on. @default '0.0.0.0' */
  host?: string;
  /** Port; 0 picks a free one. @default 9464 */
  port?: number;
  /** Temporal Core's Prometheus endpoint whose metrics are appended to `/metrics`. @default none */
  temporalMetricsUrl?: string;
  /** Limit for fetching Temporal's metrics, in ms. @default 2_000 */
  temporalScrapeTimeoutMs?: number;
  /** Whether `/readyz` says ready (connected and polling). @default () => true */
  isReady?: () => boolean;
}

export interface MetricsServer {
  /** e.g. `http://127.0.0.1:9464` (append `/metrics`). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const UP_HELP = [
  '# HELP fabric_temporal_metrics_up 1 when the Temporal runtime metrics below were included in this scrape, else 0.',
  '# TYPE fabric_temporal_metrics_up gauge',
];

async function temporalSection(url: string, timeoutMs: number): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    return [...UP_HELP, 'fabric_temporal_metrics_up 1', text.endsWith('\n') || text === '' ? text : `${text}\n`].join('\n');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [...UP_HELP, 'fabric_temporal_metrics_up 0', `# Temporal runtime metrics from ${url} unavailable: ${reason.replace(/\n/g, ' ')}`, ''].join('\n');
  }
}

/** Starts the metrics endpoint. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { registry, host = '0.0.0.0', port = 9464, temporalMetricsUrl, temporalScrapeTimeoutMs = 2_000, isReady = () => true } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      const ready = isReady();
      res.writeHead(ready ? 200 : 503, { 'Content-Type': 'text/plain' }).end(ready ? 'ready\n' : 'not ready: not connected to Temporal and polling yet\n');
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: GET /metrics, /healthz or /readyz\n');
      return;
    }
    const own = await registry.metrics();
    const temporal = temporalMetricsUrl ? await temporalSection(temporalMetricsUrl, temporalScrapeTimeoutMs) : '';
    const body = `${own.endsWith('\n') ? own : `${own}\n`}${temporal}`;
    res.writeHead(200, { 'Content-Type': registry.contentType, 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  return listen(server, host, port);
}
