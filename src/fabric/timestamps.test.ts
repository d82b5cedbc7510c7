import { describe, expect, it } from 'vitest';
import { parseFabricTimestamp } from './timestamps.js';

describe('parseFabricTimestamp', () => {
  it('reads a zone-less Fabric timestamp with 7 fractional digits as UTC', () => {
    expect(parseFabricTimestamp('2023-04-22T06:35:00.7812154')?.toISOString()).toBe('2023-04-22T06:35:00.781Z');
  });

  it('reads timestamps with fewer fractional digits or none', () => {
    expect(parseFabricTimestamp('2023-04-22T06:35:00.5')?.toISOString()).toBe('2023-04-22T06:35:00.500Z');
    expect(parseFabricTimestamp('2023-04-22T06:35:00')?.toISOString()).toBe('2023-04-22T06:35:00.000Z');
    expect(parseFabricTimestamp('2023-04-22T06:35')?.toISOString()).toBe('2023-04-22T06:35:00.000Z');
  });

  it('honours a Z or an offset', () => {
    expect(parseFabricTimestamp('2023-04-22T06:35:00.1234567Z')?.toISOString()).toBe('2023-04-22T06:35:00.123Z');
    expect(parseFabricTimestamp('2023-04-22T08:35:00+02:00')?.toISOString()).toBe('2023-04-22T06:35:00.000Z');
    expect(parseFabricTimestamp('2023-04-22T01:05:00.25-0530')?.toISOString()).toBe('2023-04-22T06:35:00.250Z');
  });

  it('returns undefined for null, undefined, empty and malformed input', () => {
    for (const s of [null, undefined, '', 'yesterday', '2023-04-22', '2023-04-22 06:35:00', '2023-13-01T00:00:00', '2023-02-30T00:00:00', '2023-04-22T24:00:00', '2023-04-22T06:35:00.12345678901']) {
      expect(parseFabricTimestamp(s), String(s)).toBeUndefined();
    }
  });
});
