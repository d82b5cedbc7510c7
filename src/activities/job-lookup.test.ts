import { describe, expect, it } from 'vitest';
import { compareByStart, matchesStart, selectStartedInstances } from './job-lookup.js';
import type { JobInstance } from '../fabric/models.js';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
/** Fabric's timestamp format: UTC without `Z`, 7 fractional digits. */
const fabricTime = (ms: number) => new Date(ms).toISOString().replace('Z', '0000');

function instance(over: Partial<JobInstance> & { startMs?: number | null; endMs?: number | null } = {}): JobInstance {
  const { startMs = T0 + 1_000, endMs = null, ...rest } = over;
  return {
    id: '00000000-0000-0000-0000-000000000001',
    itemId: '22222222-2222-2222-2222-222222222222',
    jobType: 'RunNotebook',
    invokeType: 'Manual',
    status: 'InProgress',
    failureReason: null,
    startTimeUtc: startMs === null ? null : fabricTime(startMs),
    endTimeUtc: endMs === null ? null : fabricTime(endMs),
    ...rest,
  };
}

const criteria = { jobType: 'RunNotebook', notBeforeMs: T0, clockSkewMs: 120_000 };

describe('matchesStart', () => {
  it('matches a manual instance of the job type started after the start was scheduled', () => {
    expect(matchesStart(instance(), criteria)).toBe(true);
    expect(matchesStart(instance({ jobType: 'runnotebook', invokeType: 'manual' }), criteria)).toBe(true);
  });

  it('tolerates clock skew up to the margin, and no further', () => {
    expect(matchesStart(instance({ startMs: T0 - 119_000 }), criteria)).toBe(true);
    expect(matchesStart(instance({ startMs: T0 - 121_000 }), criteria)).toBe(false);
    expect(matchesStart(instance({ startMs: T0 - 1 }), { ...criteria, clockSkewMs: 0 })).toBe(false);
  });

  it('ignores other job types and scheduled runs', () => {
    expect(matchesStart(instance({ jobType: 'Pipeline' }), criteria)).toBe(false);
    expect(matchesStart(instance({ invokeType: 'Scheduled' }), criteria)).toBe(false);
  });

  it('matches a queued instance without a start time, but not an ended one from before the window', () => {
    expect(matchesStart(instance({ status: 'NotStarted', startMs: null }), criteria)).toBe(true);
    expect(matchesStart(instance({ status: 'SomethingNew', startMs: null }), criteria)).toBe(true);
    expect(matchesStart(instance({ status: 'Deduped', startMs: null, endMs: T0 + 500 }), criteria)).toBe(true);
    expect(matchesStart(instance({ status: 'Cancelled', startMs: null, endMs: T0 - 600_000 }), criteria)).toBe(false);
    expect(matchesStart(instance({ status: 'Cancelled', startMs: null, endMs: null }), criteria)).toBe(false);
  });

  it('skips ended instances when only active ones are wanted', () => {
    expect(matchesStart(instance({ status: 'Completed', endMs: T0 + 5_000 }), { ...criteria, activeOnly: true })).toBe(false);
    expect(matchesStart(instance({ status: 'InProgress' }), { ...criteria, activeOnly: true })).toBe(true);
  });
});

describe('selectStartedInstances', () => {
  it('returns the matches earliest first, queued ones last', () => {
    const a = instance({ id: 'a', startMs: T0 + 3_000 });
    const b = instance({ id: 'b', startMs: T0 + 1_000 });
    const queued = instance({ id: 'c', status: 'NotStarted', startMs: null });
    const old = instance({ id: 'd', startMs: T0 - 3_600_000 });
    const other = instance({ id: 'e', jobType: 'Pipeline' });
    expect(selectStartedInstances([queued, a, old, other, b], criteria).map((i) => i.id)).toEqual(['b', 'a', 'c']);
  });

  it('orders equal start times by id, deterministically', () => {
    const x = instance({ id: 'x' });
    const y = instance({ id: 'y' });
    expect([y, x].sort(compareByStart).map((i) => i.id)).toEqual(['x', 'y']);
  });
});
