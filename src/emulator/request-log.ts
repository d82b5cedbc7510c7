/**
 * The bounded request log of /v1 requests and the counters behind /_emulator/stats.
 */
import type { LoggedOp, RequestLogEntry } from './types.js';

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  /** Index in `entries` of the oldest entry once the buffer is full (ring buffer). */
  private head = 0;
  private nextSeq = 1;
  requests = 0;
  earlyPolls = 0;
  byOp: Partial<Record<LoggedOp, number>> = {};

  /** @param capacity How many entries to keep; older ones are dropped. */
  constructor(private readonly capacity: number) {}

  /** Records a request; the returned entry is updated in place when the answer is known. */
  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full: RequestLogEntry = { seq: this.nextSeq++, ...entry };
    if (this.entries.length < this.capacity) this.entries.push(full);
    else {
      this.entries[this.head] = full;
      this.head = (this.head + 1) % this.capacity;
    }
    this.requests += 1;
    this.byOp[entry.op] = (this.byOp[entry.op] ?? 0) + 1;
    return full;
  }

  markEarly(entry: RequestLogEntry): void {
    entry.early = true;
    this.earlyPolls += 1;
  }

  /** Entries with seq greater than `since`, oldest first. */
  since(since = 0): RequestLogEntry[] {
    const ordered = this.head === 0 ? this.entries : [...this.entries.slice(this.head), ...this.entries.slice(0, this.head)];
    const first = ordered[0];
    if (!first || since < first.seq) return ordered.slice();
    return ordered.slice(since - first.seq + 1);
  }

  /** The last seq handed out (0 when none). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Empties the log and the counters; seq keeps increasing so old `since` values stay meaningful. */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.requests = 0;
    this.earlyPolls = 0;
    this.byOp = {};
  }
}
