/**
 * Whether the standard OpenTelemetry variables turn tracing on. Kept apart from tracing.ts so that a
 * process checks it without loading the OpenTelemetry packages (they load only when tracing is on).
 */
/** The environment (process.env or a plain object): the standard OTEL_* variables are read here. */
type Env = Readonly<Record<string, string | undefined>>;
import type { Tracing } from './tracing.js';

/** On when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` is set and `OTEL_TRACES_EXPORTER` is not `none`. */
export function otlpTracingEnabled(env: Env): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/** Loads and starts tracing when the variables ask for it; undefined otherwise (nothing loaded). */
export async function startTracingFromEnv(env: Env, serviceName?: string): Promise<Tracing | undefined> {
  if (!otlpTracingEnabled(env)) return undefined;
  const { startTracing } = await import('./tracing.js');
  return startTracing(env, serviceName ? { serviceName } : {});
}
