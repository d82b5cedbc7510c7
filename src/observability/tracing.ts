/**
 * OpenTelemetry tracing: client → workflow → activity (Temporal's OpenTelemetry plugin,
 * `@temporalio/interceptors-opentelemetry`) → one span per Fabric HTTP request, with its HTTP
 * status code, Fabric request id and error code.
 *
 * Off unless configured by the standard variables: on when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set and `OTEL_TRACES_EXPORTER` is not `none`. The OTLP/HTTP
 * exporter then reads the rest itself (`OTEL_EXPORTER_OTLP_HEADERS`, `..._TIMEOUT`, ...), and
 * `OTEL_SERVICE_NAME` names the service (default `fabric-temporal-worker`). Tests pass their own
 * span processor (an in-memory exporter).
 *
 * A Fabric request span is recorded when the request ends (from the FabricClient `onRequest` event,
 * with its measured start and duration), as a child of the span active at that moment: the
 * activity's, whose parent is the workflow's, whose parent is the client's start.
 */
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin, OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { FabricRequestEvent } from '../fabric/index.js';
/** The environment (process.env or a plain object): the standard OTEL_* variables are read here. */
type Env = Readonly<Record<string, string | undefined>>;
import { redactUrl } from './request-log.js';

export const DEFAULT_SERVICE_NAME = 'fabric-temporal-worker';
const TRACER_NAME = 'fabric-temporal';

export interface Tracing {
  /** Worker plugin: the workflow and activity interceptors and the workflow span sink. */
  plugin: OpenTelemetryPlugin;
  /** Client interceptor: the workflow start becomes the root span and its context travels in the headers. */
  clientInterceptor: OpenTelemetryWorkflowClientInterceptor;
  /** The FabricClient `onRequest` hook: one span per request. */
  onRequest(event: FabricRequestEvent): void;
  /** Flushes and stops the exporter. */
  close(): Promise<void>;
}

/** Records a finished Fabric request as a span under the active context. Never throws. */
export function recordRequestSpan(tracer: Tracer, event: FabricRequestEvent, endMs = Date.now()): void {
  try {
    const startMs = endMs - event.durationMs;
    const span = tracer.startSpan(
      `fabric ${event.operation}`,
      {
        kind: SpanKind.CLIENT,
        startTime: startMs,
        attributes: {
          'http.request.method': event.method,
          'url.full': redactUrl(event.url),
          'fabric.operation': event.operation,
          ...(event.statusCode !== undefined ? { 'http.response.status_code': event.statusCode } : {}),
          ...(event.requestId ? { 'fabric.request_id': event.requestId } : {}),
          ...(event.errorCode ? { 'fabric.error_code': event.errorCode } : {}),
          ...(event.transportErrorCode ? { 'error.type': event.transportErrorCode } : {}),
          ...(event.rateLimitWaitMs !== undefined ? { 'fabric.rate_limit_wait_ms': Math.round(event.rateLimitWaitMs) } : {}),
        },
      },
      context.active(),
    );
    if (event.statusCode === undefined || event.statusCode >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(endMs);
  } catch {
    // Tracing must never break a Fabric call.
  }
}

export interface StartTracingOptions {
  /** Where spans go. @default a BatchSpanProcessor over the OTLP/HTTP exporter (configured by OTEL_*) */
  spanProcessor?: SpanProcessor;
  /** @default OTEL_SERVICE_NAME, else 'fabric-temporal-worker' */
  serviceName?: string;
}

/**
 * Sets up tracing for this process (global tracer provider, AsyncLocalStorage context). Whether the
 * environment asks for it is `otlpTracingEnabled` / `startTracingFromEnv` (tracing-config.ts).
 */
export function startTracing(env: Env, options: StartTracingOptions = {}): Tracing {
  const spanProcessor = options.spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const resource = new Resource({ 'service.name': options.serviceName ?? (env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME) });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  const tracer = trace.getTracer(TRACER_NAME);
  return {
    plugin: new OpenTelemetryPlugin({ resource, spanProcessor }),
    clientInterceptor: new OpenTelemetryWorkflowClientInterceptor(),
    onRequest: (event) => recordRequestSpan(tracer, event),
    close: async () => {
      await provider.forceFlush().catch(() => undefined);
      await provider.shutdown().catch(() => undefined);
    },
  };
}
