/** The chaos verdict: losses, duplicates and orphans are each caught. */
import { describe, expect, it } from 'vitest';
import { chaosPassed, judgeChaos } from '../../bench/chaos/analyze.js';
import type { RunEnd } from '../../bench/chaos/analyze.js';
import type { EmulatorJob } from '../../src/emulator/index.js';

function job(id: string, run: string, status: string, endedAtMs?: number): EmulatorJob {
  return {
    id,
    workspaceId: 'w',
    itemId: 'i',
    jobType: 'RunNotebook',
    status,
    executionData: { chaosRun: run },
    createdAtMs: 0,
    ...(endedAtMs !== undefined ? { endedAtMs } : {}),
    polls: 1,
    earlyPolls: 0,
  };
}

const planned = [
  { workflowId: 'a', expected: { status: 'Completed' } as const },
  { workflowId: 'b', expected: { failure: 'FabricJobFailed' } as const },
];

describe('judgeChaos', () => {
  it('passes runs that ended as planned with one finished job each', () => {
    const ends = new Map<string, RunEnd>([
      ['a', { status: 'COMPLETED', closeTimeMs: 10_000, jobInstanceId: 'j1' }],
      ['b', { status: 'FAILED', closeTimeMs: 10_000, failureType: 'FabricJobFailed' }],
    ]);
    const v = judgeChaos(planned, ends, [job('j1', 'a', 'Completed', 9_000), job('j2', 'b', 'Failed', 9_500)]);
    expect(v).toMatchObject({ completedAsExpected: 2, lost: [], duplicates: [], orphans: [], strayJobs: 0, jobsPerRun: { 1: 2 } });
    expect(chaosPassed(v)).toBe(true);
  });

  it('accepts a timed-out run without a job, but not a completed one', () => {
    const timedOut = { workflowId: 't', expected: { failure: 'FabricJobTimedOut' } as const };
    const ends = new Map<string, RunEnd>([
      ['t', { status: 'FAILED', closeTimeMs: 5, failureType: 'FabricJobTimedOut' }],
      ['b', { status: 'FAILED', closeTimeMs: 5, failureType: 'FabricJobFailed' }],
    ]);
    const v = judgeChaos([timedOut, planned[1]!], ends, []);
    expect(v.timedOutBeforeStart).toBe(1);
    expect(v.lost).toEqual([{ workflowId: 'b', detail: 'closed as expected but Fabric never saw a job for it' }]);
    expect(v.completedAsExpected).toBe(1);
  });

  it('counts a missing run, a wrong failure type and a wrong job id as lost', () => {
    const ends = new Map<string, RunEnd>([['b', { status: 'FAILED', closeTimeMs: 1, failureType: 'FabricTransientError' }]]);
    const v = judgeChaos(planned, ends, [job('j2', 'b', 'Failed', 0)]);
    expect(v.lost.map((p) => p.workflowId)).toEqual(['a', 'b']);
    expect(v.lost[1]!.detail).toBe('expected to fail FabricJobFailed, got FAILED FabricTransientError');
    const wrongId = judgeChaos([planned[0]!], new Map([['a', { status: 'COMPLETED', closeTimeMs: 5, jobInstanceId: 'x' }]]), [job('j1', 'a', 'Completed', 1)]);
    expect(wrongId.lost[0]!.detail).toContain('not one of its Fabric jobs');
    expect(chaosPassed(v)).toBe(false);
  });

  it('flags a second job as a duplicate and a job that outlived its run as an orphan', () => {
    const ends = new Map<string, RunEnd>([['a', { status: 'COMPLETED', closeTimeMs: 10_000, jobInstanceId: 'j1' }]]);
    const v = judgeChaos([planned[0]!], ends, [job('j1', 'a', 'Completed', 9_000), job('j9', 'a', 'InProgress'), job('s', 'other', 'Completed', 1)]);
    expect(v.duplicates).toHaveLength(1);
    expect(v.jobsPerRun).toEqual({ 2: 1 });
    expect(v.orphans.map((o) => o.detail)).toEqual(['job j9 still InProgress after the run closed']);
    expect(v.strayJobs).toBe(1);
    const late = judgeChaos([planned[0]!], ends, [job('j1', 'a', 'Completed', 12_000)]);
    expect(late.orphans[0]!.detail).toBe('job j1 ended Completed 2000 ms after the run closed');
    expect(chaosPassed(late)).toBe(false);
  });
});
