/**
 * One call that sets up a worker process's observability before it connects to Temporal:
 * installs the Temporal Runtime (logger in FABRIC_LOG_FORMAT, Prometheus exporter for Temporal's
 * metrics), creates the project's metrics, starts `/metrics` + `/healthz`, and hands back the
 * FabricClient `onRequest` hook, an activities wrapper and the rate-limit worker options.
 *
 * ```ts
 * const obs = await startObservability(config.observability);   // before NativeConnection.connect
 * const fabric = new FabricClient({ credential, onRequest: obs.onRequest, rateLimiter: obs.rateLimiter });
 * const worker = await Worker.create({ ..., activities: obs.instrument(createActivities(fabric)), ...obs.workerOptions });
 * // on shutdown: await obs.close();
 * ```
 */
import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { FabricRequestEvent, RequestRateLimiter } from '../fabric/index.js';
import type { FabricActivities } from '../activities/index.js';
import { instrumentActivities } from './activity-metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { FabricMetrics } from './metrics.js';
import { createRequestRateLimiter, rateLimitWorkerOptions, type RateLimitWorkerOptions } from './rate-limit.js';
import { createFabricRequestHook } from './request-hook.js';
import { createRuntimeLogger } from './runtime-logger.js';
import type { ListenAddress } from './listen-address.js';
import type { LogFormat, LogLevelName } from './request-log.js';
import { temporalMetricsEndpoint } from './temporal-metrics.js';

/** The observability settings (read from the environment by src/config/observability.ts). */
export interface ObservabilityConfig {
  /** FABRIC_METRICS_ADDRESS. @default undefined (no metrics endpoint) */
  metricsAddress?: ListenAddress;
  /** FABRIC_TEMPORAL_METRICS_ADDRESS. @default undefined (a free port on 127.0.0.1, merged into /metrics) */
  temporalMetricsAddress?: ListenAddress;
  /** FABRIC_LOG_FORMAT. @default 'human' */
  logFormat: LogFormat;
  /** FABRIC_LOG_LEVEL: lowest level written by the request log and the Temporal SDK's logger. @default 'info' */
  logLevel: LogLevelName;
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
  /** Spread into Worker.create options (the fleet-wide part of the rate limit). */
  workerOptions: RateLimitWorkerOptions;
  /** The FabricClient `rateLimiter` option (the per-process part of the rate limit), when FABRIC_MAX_REQUESTS_PER_SECOND is set. */
  rateLimiter?: RequestRateLimiter;
  /** The metrics endpoint (`${url}/metrics`), when FABRIC_METRICS_ADDRESS is set. */
  metricsServer?: MetricsServer;
  /** Temporal's own exporter, when installed (already merged into `/metrics`). */
  temporalMetricsUrl?: string;
  /** Tells `/readyz` how to know the worker is connected and polling (until called, it answers 503). */
  setReadiness(check: () => boolean): void;
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
        logger: createRuntimeLogger(config.logFormat, config.logLevel.toUpperCase() as Uppercase<typeof config.logLevel>, write),
        ...runtimeOptions,
        telemetryOptions: { ...runtimeOptions.telemetryOptions, ...endpoint?.telemetryOptions },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`startObservability must run before any Temporal connection or worker is created: ${reason}`, { cause: error });
    }
  }
  let readiness: () => boolean = () => false;
  const metricsServer = config.metricsAddress
    ? await startMetricsServer({
        isReady: () => readiness(),
        registry: metrics.registry,
        host: config.metricsAddress.host,
        port: config.metricsAddress.port,
        ...(temporalMetricsUrl ? { temporalMetricsUrl } : {}),
      })
    : undefined;
  const rateLimiter = createRequestRateLimiter(config);
  return {
    metrics,
    onRequest: createFabricRequestHook({ metrics, logFormat: config.logFormat, logLevel: config.logLevel, ...(write ? { write } : {}) }),
    instrument: (activities) => instrumentActivities(activities, metrics),
    workerOptions: rateLimitWorkerOptions(config),
    ...(rateLimiter ? { rateLimiter } : {}),
    ...(metricsServer ? { metricsServer } : {}),
    ...(temporalMetricsUrl ? { temporalMetricsUrl } : {}),
    setReadiness: (check) => {
      readiness = check;
    },
    close: async () => {
      await metricsServer?.close();
    },
  };
}
