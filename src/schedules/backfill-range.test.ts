import { describe, expect, it } from 'vitest';
import { backfillRange, parseBackfillBound, zonedWallTimeToInstant } from './backfill-range.js';

function at(text: string, bound: 'from' | 'to', tz = 'UTC'): string {
  const result = parseBackfillBound(text, bound, tz);
  if (!result.ok) throw new Error(result.problem);
  return result.at.toISOString();
}

describe('backfill bounds', () => {
  it('reads a bare date as the whole day in the time zone', () => {
    expect(at('2024-05-01', 'from')).toBe('2024-05-01T00:00:00.000Z');
    expect(at('2024-05-03', 'to')).toBe('2024-05-03T23:59:59.999Z');
    expect(at('2024-05-01', 'from', 'Europe/Paris')).toBe('2024-04-30T22:00:00.000Z');
    expect(at('2024-05-01', 'to', 'Europe/Paris')).toBe('2024-05-01T21:59:59.999Z');
    expect(at('2024-01-15', 'from', 'America/New_York')).toBe('2024-01-15T05:00:00.000Z');
  });

  it('handles days that are 23 or 25 hours long', () => {
    expect(at('2024-03-31', 'from', 'Europe/Paris')).toBe('2024-03-30T23:00:00.000Z');
    expect(at('2024-03-31', 'to', 'Europe/Paris')).toBe('2024-03-31T21:59:59.999Z');
    expect(at('2024-10-27', 'to', 'Europe/Paris')).toBe('2024-10-27T22:59:59.999Z');
    expect(zonedWallTimeToInstant(Date.UTC(2024, 9, 27, 12), 'Europe/Paris').toISOString()).toBe('2024-10-27T11:00:00.000Z');
  });

  it('reads local date-times in the time zone and instants as given', () => {
    expect(at('2024-05-01T02:00', 'from', 'Europe/Paris')).toBe('2024-05-01T00:00:00.000Z');
    expect(at('2024-05-01 02:00:30', 'from')).toBe('2024-05-01T02:00:30.000Z');
    expect(at('2024-05-01T02:00:00+02:00', 'to', 'America/New_York')).toBe('2024-05-01T00:00:00.000Z');
    expect(at('2024-05-01T02:00:00Z', 'to')).toBe('2024-05-01T02:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['2024-02-30', '2024-05-01T25:00', 'yesterday', '05/01/2024', '']) {
      const result = parseBackfillBound(bad, 'from', 'UTC');
      expect(result.ok, bad).toBe(false);
    }
    const result = parseBackfillBound('2024-02-30', 'from', 'UTC');
    expect(!result.ok && result.problem).toMatch(/^not a calendar date; use a date \(2024-05-01\)/);
  });
});

describe('backfillRange', () => {
  const now = new Date('2024-06-01T12:00:00Z');
  it('caps the end at now and refuses inverted or future ranges', () => {
    expect(backfillRange(new Date('2024-05-01T00:00:00Z'), new Date('2024-07-01T00:00:00Z'), now)).toEqual({ ok: true, start: new Date('2024-05-01T00:00:00Z'), end: now });
    expect(backfillRange(new Date('2024-05-02T00:00:00Z'), new Date('2024-05-01T00:00:00Z'), now)).toEqual({ ok: false, problem: expect.stringContaining('is after --to') });
    expect(backfillRange(new Date('2024-06-02T00:00:00Z'), new Date('2024-06-03T00:00:00Z'), now)).toEqual({ ok: false, problem: expect.stringContaining('in the future') });
  });
});
