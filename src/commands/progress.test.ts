import { describe, expect, it } from 'vitest';
import type { RunFabricJobState } from '../shared.js';
import { lineProgress, progressLine, refreshProgressFacts, ttyProgress } from './progress.js';

const JOB = '5f351a69-23a4-40e0-84f9-12e80f7daa0e';
const polling: RunFabricJobState = { phase: 'polling', jobInstanceId: JOB, status: 'InProgress', polls: 3, startedAt: '2024-01-01T00:00:00.000Z' };

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => chunks.push(text) };
}

describe('progress', () => {
  it('builds the in-place line: status, polls, elapsed, job, next poll', () => {
    const now = Date.parse('2024-01-01T00:01:05.000Z');
    const state = { ...polling, nextPollAt: '2024-01-01T00:01:25.000Z' };
    expect(progressLine(state, 65_400, now)).toBe(`InProgress · 3 polls · 1m5s · job ${JOB} · next poll in 20s`);
    expect(progressLine(undefined, 0)).toBe('waiting for the worker · 0 polls · 0s');
    expect(progressLine({ phase: 'starting', polls: 0, startedAt: '' }, 1_000)).toBe('starting · 0 polls · 1s');
    expect(progressLine({ ...polling, phase: 'cancelling', polls: 1 }, 2_000)).toBe(`cancelling (InProgress) · 1 poll · 2s · job ${JOB}`);
  });

  it('on a terminal, rewrites one line and clears it at the end', () => {
    const out = sink();
    const view = ttyProgress(out);
    view.update(polling, 1_000);
    view.update(polling, 2_000);
    view.finish();
    expect(out.chunks).toHaveLength(3);
    expect(out.chunks.every((c) => c.startsWith('\r\x1b[2K'))).toBe(true);
    expect(out.chunks.some((c) => c.includes('\n'))).toBe(false);
  });

  it('otherwise, prints one line per change of status', () => {
    const out = sink();
    const view = lineProgress(out);
    view.update({ phase: 'starting', polls: 0, startedAt: '' }, 0);
    view.update(polling, 1_000);
    view.update({ ...polling, polls: 4 }, 2_000);
    view.update(undefined, 3_000);
    view.update({ ...polling, status: 'Completed', polls: 5 }, 4_000);
    view.finish();
    expect(out.chunks).toEqual([
      '[0s] starting (no job instance yet, 0 polls)\n',
      `[1s] InProgress (job ${JOB}, 3 polls)\n`,
      `[4s] Completed (job ${JOB}, 5 polls)\n`,
    ]);
  });

  it('otherwise, also repeats the line once the heartbeat interval has passed without one (also while the worker does not answer)', () => {
    const out = sink();
    const view = lineProgress(out, 60_000);
    view.update(undefined, 2_000);
    view.update(undefined, 60_000);
    view.update(polling, 62_000);
    view.update(polling, 100_000);
    view.update(polling, 122_000);
    view.update(undefined, 182_000);
    expect(out.chunks).toEqual([
      '[1m] waiting for the worker (no job instance yet, 0 polls)\n',
      `[1m2s] InProgress (job ${JOB}, 3 polls)\n`,
      `[2m2s] InProgress (job ${JOB}, 3 polls)\n`,
      '[3m2s] waiting for the worker (no job instance yet, 0 polls)\n',
    ]);
  });

  it('in 80 columns, the in-place line is cut to 79 so that it never wraps', () => {
    const out = { ...sink(), columns: 80 };
    const view = ttyProgress(out);
    const state = { ...polling, status: 'cancelling', phase: 'cancelling' as const, polls: 1234, nextPollAt: new Date(Date.now() + 299_000).toISOString() };
    view.update(state, 3_723_000);
    const line = out.chunks[0]!.replace('\r\x1b[2K', '');
    expect(progressLine(state, 3_723_000).length).toBeGreaterThan(80);
    expect(Array.from(line)).toHaveLength(79);
    expect(line.endsWith('…')).toBe(true);
  });

  it('shows a semantic model refresh with its refresh id, off a terminal with the same heartbeat', () => {
    const out = sink();
    const view = lineProgress(out, 60_000, refreshProgressFacts);
    const refreshing = { phase: 'polling' as const, refreshId: 'r-1', status: 'Unknown' as const, polls: 2, startedAt: '' };
    view.update({ phase: 'starting', polls: 0, startedAt: '' }, 0);
    view.update(refreshing, 1_000);
    view.update(refreshing, 61_000);
    view.update({ ...refreshing, phase: 'cancelling', polls: 3 }, 62_000);
    expect(out.chunks).toEqual([
      '[0s] starting (no refresh yet, 0 polls)\n',
      '[1s] Unknown (refresh r-1, 2 polls)\n',
      '[1m1s] Unknown (refresh r-1, 2 polls)\n',
      '[1m2s] cancelling (Unknown) (refresh r-1, 3 polls)\n',
    ]);
    expect(progressLine(refreshing, 5_000, Date.now(), refreshProgressFacts)).toBe('Unknown · 2 polls · 5s · refresh r-1');
  });
});
