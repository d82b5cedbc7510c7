/**
 * The FabricClient `onRequest` hook that records metrics and writes one log line per request:
 *
 * ```ts
 * new FabricClient({ credential, onRequest: createFabricRequestHook({ metrics, logFormat: 'json' }) });
 * ```
 */
import type { FabricRequestEvent } from '../fabric/index.js';
import type { FabricMetrics } from './metrics.js';
import { formatRequestLog, isLevelEnabled, requestLogLevel, type LogFormat, type LogLevelName } from './request-log.js';

export interface FabricRequestHookOptions {
  /** Where requests are counted. @default none (no metrics) */
  metrics?: FabricMetrics;
  /** Log line format, or `false` for no request log. @default 'human' */
  logFormat?: LogFormat | false;
  /** Lowest level written (FABRIC_LOG_LEVEL): successful status polls are `debug`, other successes `info`, errors `warn`. @default 'info' */
  logLevel?: LogLevelName;
  /** Receives each log line (without newline). @default a write to stdout */
  write?: (line: string) => void;
}

/** Builds the `onRequest` option of FabricClient. The hook never throws. */
export function createFabricRequestHook(options: FabricRequestHookOptions = {}): (event: FabricRequestEvent) => void {
  const { metrics, logFormat = 'human', logLevel = 'info', write = (line: string) => void process.stdout.write(`${line}\n`) } = options;
  return (event) => {
    try {
      metrics?.recordRequest(event);
      if (logFormat !== false && isLevelEnabled(requestLogLevel(event), logLevel)) write(formatRequestLog(event, logFormat));
    } catch {
      // Observability must never break a Fabric call.
    }
  };
}
