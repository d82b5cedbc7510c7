/** Metrics, logging and throttling of the worker. See docs/observability.md. */
export { FabricMetrics } from './metrics.js';
export type { FabricMetricsOptions, ObservedJob } from './metrics.js';
export { createFabricRequestHook } from './request-hook.js';
export type { FabricRequestHookOptions } from './request-hook.js';
export { formatRequestLog, redactUrl, LOG_FORMATS } from './request-log.js';
export type { LogFormat } from './request-log.js';
export { createRuntimeLogger, formatRuntimeLog } from './runtime-logger.js';
export { instrumentActivities } from './activity-metrics.js';
export { startMetricsServer } from './metrics-server.js';
export type { MetricsServer, MetricsServerOptions } from './metrics-server.js';
export { temporalMetricsEndpoint, temporalMetricsTelemetry, freeLoopbackPort } from './temporal-metrics.js';
export type { TemporalMetricsEndpoint } from './temporal-metrics.js';
export { rateLimitWorkerOptions } from './rate-limit.js';
export type { RateLimitWorkerOptions } from './rate-limit.js';
export { parseListenAddress } from './listen-address.js';
export type { ListenAddress } from './listen-address.js';
export { startObservability } from './setup.js';
export type { Observability, ObservabilityConfig, StartObservabilityOptions } from './setup.js';
