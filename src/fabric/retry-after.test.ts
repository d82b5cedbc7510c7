import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('60', NOW)).toBe(60_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7_000);
  });

  it('tolerates decimal seconds', () => {
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
    expect(parseRetryAfter('0.25', NOW)).toBe(250);
  });

  it('reads an IMF-fixdate relative to now', () => {
    expect(parseRetryAfter('Mon, 01 Jan 2024 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime date forms', () => {
    expect(parseRetryAfter('Monday, 01-Jan-24 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Mon Jan  1 12:00:10 2024', NOW)).toBe(10_000);
  });

  it('clamps a date in the past to zero', () => {
    expect(parseRetryAfter('Sun, 31 Dec 2023 12:00:00 GMT', NOW)).toBe(0);
  });

  it('returns undefined for absent, empty and garbage values', () => {
    for (const value of [undefined, '', '   ', 'soon', '-5', '1e3', '12abc', '0x10', 'Mon, 99 Foo 2024 GMT', 'NaN', 'Infinity']) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });

  it('uses the real clock by default', () => {
    const inOneHour = new Date(Date.now() + 3_600_000).toUTCString();
    const ms = parseRetryAfter(inOneHour);
    expect(ms).toBeGreaterThan(3_500_000);
    expect(ms).toBeLessThanOrEqual(3_600_000);
  });
});
