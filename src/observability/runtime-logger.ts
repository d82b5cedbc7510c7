/**
 * A Temporal Runtime logger (`Runtime.install({ logger })`) in the same two formats as the Fabric
 * request log, so FABRIC_LOG_FORMAT=json turns the whole worker's output into JSON lines.
 */
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';
import type { LogFormat } from './request-log.js';

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Error ? { name: v.name, message: v.message } : v));
  } catch {
    return JSON.stringify(String(value));
  }
}

/** The line (without newline) for one Temporal log entry. */
export function formatRuntimeLog(entry: LogEntry, format: LogFormat): string {
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  if (format === 'json') {
    return safeJson({ time, level: entry.level.toLowerCase(), msg: entry.message, ...entry.meta });
  }
  const meta = entry.meta && Object.keys(entry.meta).length > 0 ? ` ${safeJson(entry.meta)}` : '';
  return `${time} ${entry.level.padEnd(4)} ${entry.message}${meta}`;
}

/**
 * A logger for `Runtime.install({ logger })` writing one line per entry.
 * @param level lowest level written. @default 'INFO'
 * @param write receives each line (without newline). @default a write to stdout
 */
export function createRuntimeLogger(format: LogFormat, level: LogLevel = 'INFO', write: (line: string) => void = (line) => void process.stdout.write(`${line}\n`)): DefaultLogger {
  return new DefaultLogger(level, (entry) => write(formatRuntimeLog(entry, format)));
}
