import type { LogEntry } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { formatWorkerLogEntry, WorkerLog } from './worker-log.js';

function entry(message: string, meta: Record<string, unknown> = {}, level: LogEntry['level'] = 'WARN'): LogEntry {
  return { message, level, meta, timestampNanos: 0n };
}

describe('worker log lines', () => {
  it('an activity failure: step, activity, attempt, whether it is retried, the message without the URL', () => {
    const line = formatWorkerLogEntry(
      entry('Activity failed', {
        workflowId: 'pipeline-demo-1a2b3c4d/join',
        activityType: 'getJobStatus',
        attempt: 1,
        error: { message: 'get job instance x: Fabric answered 429 (HTTP 429 on GET /v1/workspaces/w/items/i/jobs/instances/x)', nonRetryable: false },
      }),
    );
    expect(line).toBe('join: getJobStatus attempt 1 failed, retrying: get job instance x: Fabric answered 429 (HTTP 429)');
    const final = formatWorkerLogEntry(entry('Activity failed', { workflowId: 'w', activityType: 'startJob', attempt: 3, error: { message: 'HTTP 401', nonRetryable: true } }));
    expect(final).toBe('w: startJob attempt 3 failed: HTTP 401');
  });

  it('other entries: the step (if any) and the message on one line, cut at 240 characters', () => {
    expect(formatWorkerLogEntry(entry('Run request may\nhave reached Fabric', { workflowId: 'p/load' }))).toBe('load: Run request may have reached Fabric');
    const long = formatWorkerLogEntry(entry('x'.repeat(500)));
    expect(long).toHaveLength(240);
    expect(long.endsWith('…')).toBe(true);
  });

  it('prints at once, or holds lines while a table is redrawn and prints them after under a heading', () => {
    let out = '';
    const log = new WorkerLog({ write: (text: string) => (out += text) });
    log.sink(entry('first'));
    expect(out).toBe('worker: first\n');
    log.hold();
    log.sink(entry('second', {}, 'ERROR'));
    expect(out).toBe('worker: first\n');
    log.release('Along the way:');
    expect(out).toBe('worker: first\nAlong the way:\n  worker error: second\n');
    log.release('nothing held');
    expect(out).not.toContain('nothing held');
  });

  it('once muted (the demo is stopping), drops every line', () => {
    let out = '';
    const log = new WorkerLog({ write: (text: string) => (out += text) });
    log.mute();
    log.sink(entry('getJobStatus attempt 1 failed'));
    expect(out).toBe('');
  });
});
