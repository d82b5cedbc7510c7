/**
 * One log line per Fabric HTTP request: operation, method, URL (without credentials and with
 * query values other than `jobType` redacted), status, duration, request id, error code.
 * Human-readable by default; one JSON object per line with `json` (FABRIC_LOG_FORMAT=json).
 */
import type { FabricRequestEvent } from '../fabric/index.js';

export type LogFormat = 'human' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['human', 'json'];

/** FABRIC_LOG_LEVEL values, lowest first. */
export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevelName[] = ['debug', 'info', 'warn', 'error'];

/** Whether a line of `level` is written when the configured minimum is `min`. */
export function isLevelEnabled(level: LogLevelName, min: LogLevelName): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

/** Reads that succeed (status polls, list pages): one per poll, so DEBUG; see docs/observability.md. */
const ROUTINE_READS = new Set(['getItemJobInstance', 'listItemJobInstances']);

/**
 * Query parameters whose values are shown (no secret: a job type, an item type filter, flags);
 * every other value is replaced by `REDACTED`. `type` and `recursive` are List Items' filters
 * (platform/swagger.json, `/workspaces/{workspaceId}/items`).
 */
const SHOWN_QUERY_PARAMS = new Set(['jobType', 'beta', 'type', 'recursive']);

/** The URL without user info and with unknown query values redacted (no secret can leak through it). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(unparseable url)';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (!SHOWN_QUERY_PARAMS.has(key)) parsed.searchParams.set(key, 'REDACTED');
  }
  return parsed.toString();
}

/** `warn` for an HTTP error or a transport error, `debug` for a successful status poll or list page, `info` otherwise. */
export function requestLogLevel(event: FabricRequestEvent): LogLevelName {
  if (event.statusCode === undefined || event.statusCode >= 400) return 'warn';
  return ROUTINE_READS.has(event.operation) ? 'debug' : 'info';
}

/** The line (without a trailing newline) for one request. */
export function formatRequestLog(event: FabricRequestEvent, format: LogFormat, now: Date = new Date()): string {
  const url = redactUrl(event.url);
  const durationMs = Math.round(event.durationMs);
  if (format === 'json') {
    return JSON.stringify({
      time: now.toISOString(),
      level: requestLogLevel(event),
      msg: 'fabric request',
      operation: event.operation,
      method: event.method,
      url,
      statusCode: event.statusCode ?? null,
      durationMs,
      requestId: event.requestId ?? null,
      errorCode: event.errorCode ?? null,
      transportErrorCode: event.transportErrorCode ?? null,
    });
  }
  const outcome = event.statusCode === undefined ? `transport error ${event.transportErrorCode ?? 'unknown'}` : String(event.statusCode);
  const extras = [
    event.requestId ? `requestId=${event.requestId}` : '',
    event.errorCode ? `errorCode=${event.errorCode}` : '',
    event.statusCode !== undefined && event.transportErrorCode ? `transportError=${event.transportErrorCode}` : '',
  ].filter(Boolean);
  return [now.toISOString(), requestLogLevel(event).toUpperCase().padEnd(4), `fabric ${event.operation} ${event.method} ${url} -> ${outcome} in ${durationMs}ms`, ...extras].join(' ');
}
