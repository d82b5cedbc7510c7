/**
 * Observability and throttling settings, as a section loader in the shape src/config.ts uses (the settings' type belongs to src/observability/setup.ts, which reads no configuration itself):
 *
 * - FABRIC_METRICS_ADDRESS: `HOST:PORT` of `/metrics` and `/healthz`; unset = no endpoint.
 * - FABRIC_TEMPORAL_METRICS_ADDRESS: where Temporal's own exporter binds; unset = a free loopback port.
 * - FABRIC_LOG_FORMAT: `human` (default) or `json`.
 * - FABRIC_MAX_REQUESTS_PER_SECOND: task-queue-wide activity rate limit (see rate-limit.ts).
 */
import { parseListenAddress, type ListenAddress } from '../observability/listen-address.js';
import { LOG_FORMATS, type LogFormat } from '../observability/request-log.js';
import type { ObservabilityConfig } from '../observability/setup.js';
import type { ConfigProblem, Env, SectionResult } from './problems.js';


function value(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function address(env: Env, name: string, problems: ConfigProblem[]): ListenAddress | undefined {
  const text = value(env, name);
  if (text === undefined) return undefined;
  const parsed = parseListenAddress(text);
  if ('error' in parsed) {
    problems.push({ variable: name, shownValue: JSON.stringify(text), message: parsed.error });
    return undefined;
  }
  return parsed;
}

/** The observability section, or every problem in it. */
export function observabilitySection(env: Env): SectionResult<ObservabilityConfig> {
  const problems: ConfigProblem[] = [];
  const config: ObservabilityConfig = { logFormat: 'human' };
  const metricsAddress = address(env, 'FABRIC_METRICS_ADDRESS', problems);
  if (metricsAddress) config.metricsAddress = metricsAddress;
  const temporalMetricsAddress = address(env, 'FABRIC_TEMPORAL_METRICS_ADDRESS', problems);
  if (temporalMetricsAddress) config.temporalMetricsAddress = temporalMetricsAddress;

  const format = value(env, 'FABRIC_LOG_FORMAT')?.toLowerCase();
  if (format !== undefined) {
    if ((LOG_FORMATS as readonly string[]).includes(format)) config.logFormat = format as LogFormat;
    else problems.push({ variable: 'FABRIC_LOG_FORMAT', shownValue: JSON.stringify(env.FABRIC_LOG_FORMAT), message: `must be one of: ${LOG_FORMATS.join(', ')}` });
  }

  const rate = value(env, 'FABRIC_MAX_REQUESTS_PER_SECOND');
  if (rate !== undefined) {
    const n = Number(rate);
    if (/^\d+(\.\d+)?$/.test(rate) && Number.isFinite(n) && n > 0) config.maxRequestsPerSecond = n;
    else problems.push({ variable: 'FABRIC_MAX_REQUESTS_PER_SECOND', shownValue: JSON.stringify(rate), message: 'must be a number greater than 0 (e.g. 5 or 0.5)' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: config };
}
