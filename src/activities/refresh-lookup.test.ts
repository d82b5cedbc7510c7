import { describe, expect, it } from 'vitest';
import { matchesRefreshStart, selectStartedRefreshes } from './refresh-lookup.js';
import type { RefreshHistoryEntry } from '../fabric/powerbi/models.js';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const entry = (over: Partial<RefreshHistoryEntry> & { at?: number } = {}): RefreshHistoryEntry => {
  const { at = T0 + 1_000, ...rest } = over;
  return { requestId: id(1), refreshType: 'ViaEnhancedApi', startTime: new Date(at).toISOString(), status: 'Unknown', ...rest };
};
const criteria = { notBeforeMs: T0, clockSkewMs: 120_000 };

describe('matchesRefreshStart', () => {
  it('matches an enhanced refresh started after the start was scheduled, within the clock skew', () => {
    expect(matchesRefreshStart(entry(), criteria)).toBe(true);
    expect(matchesRefreshStart(entry({ at: T0 - 119_000 }), criteria)).toBe(true);
    expect(matchesRefreshStart(entry({ at: T0 - 121_000 }), criteria)).toBe(false);
    expect(matchesRefreshStart(entry({ refreshType: undefined }), criteria)).toBe(true);
  });

  it('ignores other refresh kinds, entries without a refresh id or start time, and ended ones when asked', () => {
    expect(matchesRefreshStart(entry({ refreshType: 'Scheduled' }), criteria)).toBe(false);
    expect(matchesRefreshStart(entry({ refreshType: 'ViaApi' }), criteria)).toBe(false);
    expect(matchesRefreshStart(entry({ requestId: 'not-a-uuid' }), criteria)).toBe(false);
    expect(matchesRefreshStart({ ...entry(), startTime: undefined }, criteria)).toBe(false);
    expect(matchesRefreshStart(entry({ status: 'Completed' }), { ...criteria, activeOnly: true })).toBe(false);
    expect(matchesRefreshStart(entry({ status: 'Unknown' }), { ...criteria, activeOnly: true })).toBe(true);
  });
});

describe('selectStartedRefreshes', () => {
  it('returns the matches earliest first, then by id', () => {
    const history = [entry({ requestId: id(3), at: T0 + 5_000 }), entry({ requestId: id(2), at: T0 + 1_000 }), entry({ requestId: id(1), at: T0 + 1_000 }), entry({ requestId: id(4), at: T0 - 3_600_000 })];
    expect(selectStartedRefreshes(history, criteria).map((e) => e.requestId)).toEqual([id(1), id(2), id(3)]);
  });
});
