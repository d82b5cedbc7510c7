/**
 * One call that sets up a worker process's observability before it connects to Temporal:
 * installs the Temporal Runtime (logger in FABRIC_LOG_FORMAT, Prometheus exporter for Temporal's
 * metrics), creates the project's metrics, starts `/metrics` + `/healthz`, and hands back the
 * FabricClient `onRequest` hook, an activities wrapper and the rate-limit worker options.
 *
 * ```ts
 * const obs = await startObservability(config.observability);   // before NativeConnection.connect
 * const fabric = new FabricClient({ credential, onRequest: obs.onRequest });
 * const worker = await Worker.create({ ..., activities: obs.instrument(createActivities(fabric)), ...obs.workerOptions });
 * // on shutdown: await obs.close();
 * ```
 */
import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { FabricRequestEvent } from '../fabric/index.js';
import type { FabricActivities } from '../activities/index.js';
import { instrumentActivities } from './activity-metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { FabricMetrics } from './metrics.js';
import { rateLimitWorkerOptions, type RateLimitWorkerOptions } from './rate-limit.js';
import { createFabricRequestHook } from './request-hook.js';
import { createRuntimeLogger } from './runtime-logger.js';
import type { ListenAddress } from './listen-address.js';
import type { LogFormat } from './request-log.js';
import { temporalMetricsEndpoint } from './temporal-metrics.js';

/** The observability settings (read from the environment by src/config/observability.ts). */
export interface ObservabilityConfig {
  /** FABRIC_METRICS_ADDRESS. @default undefined (no metrics endpoint) */
  metricsAddress?: ListenAddress;
  /** FABRIC_TEMPORAL_METRICS_ADDRESS. @default undefined (a free port on 127.0.0.1, merged into /metrics) */
  temporalMetricsAddress?: ListenAddress;
  /** FABRIC_LOG_FORMAT. @default 'human' */
  logFormat: LogFormat;
  /** FABRIC_MAX_REQUESTS_PER_SECOND. @default undefined (no limit) */
  maxRequestsPerSecond?: number;
}

export interface StartObservabilityOptions {
  /** Install the Temporal Runtime (it must not exist yet). `false` leaves the Runtime alone: no Temporal metrics, no log format. @default true */
  installRuntime?: boolean;
  /** Extra Runtime options (e.g. `shutdownSignals`); `logger` replaces the FABRIC_LOG_FORMAT logger. @default {} */
  runtimeOptions?: RuntimeOptions;
  /** Receives every log line of the request log and the runtime logger. @default a write to stdout */
  write?: (line: string) => void;
}

export interface Observability {
  metrics: FabricMetrics;
  /** The FabricClient `onRequest` option: metrics + one log line per request. */
  onRequest: (event: FabricRequestEvent) => void;
  /** Wraps the activities so status polls feed `fabric_polls_total` / `fabric_jobs_total`. */
  instrument<A extends Pick<FabricActivities, 'getJobStatus'>>(activities: A): A;
  /** Spread into Worker.create options. */
  workerOptions: RateLimitWorkerOptions;
  /** The metrics endpoint (`${url}/metrics`), when FABRIC_METRICS_ADDRESS is set. */
  metricsServer?: MetricsServer;
  /** Temporal's own exporter, when installed (already merged into `/metrics`). */
  temporalMetricsUrl?: string;
  /** Stops the metrics endpoint. */
  close(): Promise<void>;
}

/** Sets up logging, metrics and throttling for a worker process. Call before any Temporal connection. */
export async function startObservability(config: ObservabilityConfig, options: StartObservabilityOptions = {}): Promise<Observability> {
  const { installRuntime = true, runtimeOptions = {}, write } = options;
  const metrics = new FabricMetrics();
  let temporalMetricsUrl: string | undefined;
  if (installRuntime) {
    const endpoint = config.metricsAddress ? await temporalMetricsEndpoint(config.temporalMetricsAddress) : undefined;
    temporalMetricsUrl = endpoint?.url;
    try {
      Runtime.install({
        logger: createRuntimeLogger(config.logFormat, 'INFO', write),
        ...runtimeOptions,
        telemetryOptions: { ...runtimeOptions.telemetryOptions, ...endpoint?.telemetryOptions },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`startObservability must run before any Temporal connection or worker is created: ${reason}`, { cause: error });
    }
  }
  const metricsServer = config.metricsAddress
    ? await startMetricsServer({
        registry: metrics.registry,
        host: config.metricsAddress.host,
        port: config.metricsAddress.port,
        ...(temporalMetricsUrl ? { temporalMetricsUrl } : {}),
      })
    : undefined;
  return {
    metrics,
    onRequest: createFabricRequestHook({ metrics, logFormat: config.logFormat, ...(write ? { write } : {}) }),
    instrument: (activities) => instrumentActivities(activities, metrics),
    workerOptions: rateLimitWorkerOptions(config),
    ...(metricsServer ? { metricsServer } : {}),
    ...(temporalMetricsUrl ? { temporalMetricsUrl } : {}),
    close: async () => {
      await metricsServer?.close();
    },
  };
}
