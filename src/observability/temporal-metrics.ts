/**
 * Temporal's own worker and client metrics (task slots, poll latencies, workflow/activity task
 * counts...) come from the SDK Core's Prometheus exporter, which serves its own port. The worker
 * binds it on loopback and the metrics server appends its output to the project's `/metrics`, so
 * Prometheus scrapes one endpoint (see docs/observability.md).
 */
import { createServer } from 'node:net';
import type { TelemetryOptions } from '@temporalio/worker';
import { urlHost } from './listen-address.js';

/** A free TCP port on 127.0.0.1 (there is a small window in which another process could take it). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/**
 * `telemetryOptions` for `Runtime.install` that export Temporal's metrics in Prometheus format on
 * `bindAddress`, named the Prometheus way (`_total` counters, durations in `_seconds`).
 */
export function temporalMetricsTelemetry(bindAddress: string): TelemetryOptions {
  return {
    metrics: {
      prometheus: { bindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true },
    },
  };
}

export interface TemporalMetricsEndpoint {
  /** What Core binds, e.g. `127.0.0.1:41234`. */
  bindAddress: string;
  /** Where to scrape it, e.g. `http://127.0.0.1:41234/metrics`. */
  url: string;
  telemetryOptions: TelemetryOptions;
}

/** Picks the address of Temporal's exporter: `host:port` when given, else a free loopback port. */
export async function temporalMetricsEndpoint(address?: { host: string; port: number }): Promise<TemporalMetricsEndpoint> {
  const host = address?.host ?? '127.0.0.1';
  const port = address && address.port !== 0 ? address.port : await freeLoopbackPort();
  const bindAddress = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return { bindAddress, url: `http://${urlHost(host, port)}/metrics`, telemetryOptions: temporalMetricsTelemetry(bindAddress) };
}
