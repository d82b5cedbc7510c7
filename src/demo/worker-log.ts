/**
 * The worker's warnings during the demo, one short line each: what it handled along the way (a
 * throttled poll, a 503 on a start, ...). Printed as they come when progress is plain lines; held
 * while the live table is redrawn in place on a terminal (a line in between would tear it) and
 * printed after it.
 */
import type { LogEntry } from '@temporalio/worker';

type Stream = { write(text: string): unknown };

const MAX_LENGTH = 240;

function shorten(text: string): string {
  const flat = text
    .replace(/\(HTTP (\d+) on [A-Z]+ [^\s)]+\)/g, '(HTTP $1)')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > MAX_LENGTH ? `${flat.slice(0, MAX_LENGTH - 1)}…` : flat;
}

/** `pipeline-demo-1a2b3c4d/join` → `join`; other ids as they are. */
function stepOf(workflowId: unknown): string | undefined {
  if (typeof workflowId !== 'string') return undefined;
  const slash = workflowId.indexOf('/');
  return slash >= 0 ? workflowId.slice(slash + 1) : workflowId;
}

/** One line for a log entry. */
export function formatWorkerLogEntry(entry: LogEntry): string {
  const meta = (entry.meta ?? {}) as { workflowId?: unknown; activityType?: unknown; attempt?: unknown; error?: { message?: unknown; nonRetryable?: unknown } };
  const step = stepOf(meta.workflowId);
  const where = step ? `${step}: ` : '';
  if (entry.message === 'Activity failed' && meta.error && typeof meta.error.message === 'string') {
    const outcome = meta.error.nonRetryable === true ? 'failed' : 'failed, retrying';
    return `${where}${String(meta.activityType ?? 'activity')} attempt ${String(meta.attempt ?? '?')} ${outcome}: ${shorten(meta.error.message)}`;
  }
  return `${where}${shorten(entry.message)}`;
}

export class WorkerLog {
  private readonly held: string[] = [];
  private holding = false;
  private muted = false;

  constructor(private readonly stream: Stream) {}

  /** The DefaultLogger log function. */
  readonly sink = (entry: LogEntry): void => {
    if (this.muted) return;
    const line = `${entry.level === 'ERROR' ? 'worker error' : 'worker'}: ${formatWorkerLogEntry(entry)}`;
    if (this.holding) this.held.push(line);
    else this.stream.write(`${line}\n`);
  };

  /** Hold lines until `release()` (while a table is redrawn in place). */
  hold(): void {
    this.holding = true;
  }

  /**
   * Drops every later line: once the demo stops, a worker being shut down (its Fabric emulator going
   * away) only says so, and its lines would land among the demo's own last lines.
   */
  mute(): void {
    this.muted = true;
  }

  /** Prints the held lines under a heading and stops holding. */
  release(heading: string): void {
    this.holding = false;
    if (this.held.length === 0) return;
    this.stream.write(`${heading}\n${this.held.map((line) => `  ${line}`).join('\n')}\n`);
    this.held.length = 0;
  }
}
