import { describe, expect, it } from 'vitest';
import { formatLogicalDate, nominalTimeFromWorkflowId } from './logical-date.js';
import { checkTimeZone } from './timezone.js';

describe('formatLogicalDate', () => {
  const nominal = new Date('2024-05-31T22:30:00Z');

  it('is the date in the schedule time zone', () => {
    expect(formatLogicalDate(nominal)).toBe('2024-05-31');
    expect(formatLogicalDate(nominal, { format: 'date', timeZone: 'UTC' })).toBe('2024-05-31');
    expect(formatLogicalDate(nominal, { format: 'date', timeZone: 'Europe/Paris' })).toBe('2024-06-01');
    expect(formatLogicalDate(nominal, { format: 'date', timeZone: 'America/New_York' })).toBe('2024-05-31');
    expect(formatLogicalDate(new Date('2024-01-01T03:00:00Z'), { format: 'date', timeZone: 'America/Los_Angeles' })).toBe('2023-12-31');
  });

  it('is the UTC instant to the second in datetime format, whatever the time zone', () => {
    expect(formatLogicalDate(new Date('2024-05-31T22:30:15.250Z'), { format: 'datetime', timeZone: 'Europe/Paris' })).toBe('2024-05-31T22:30:15Z');
  });
});

describe('nominalTimeFromWorkflowId', () => {
  it('reads the time a schedule appends to its workflow ids', () => {
    expect(nominalTimeFromWorkflowId('scheduled/nightly-2024-05-01T02:00:00Z')?.toISOString()).toBe('2024-05-01T02:00:00.000Z');
    expect(nominalTimeFromWorkflowId('x-2024-05-01T02:00:00+02:00')?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('is undefined for other ids', () => {
    expect(nominalTimeFromWorkflowId('pipeline/nightly/2024-05-01')).toBeUndefined();
    expect(nominalTimeFromWorkflowId('scheduled/nightly-2024-13-45T99:00:00Z')).toBeUndefined();
  });
});

describe('checkTimeZone', () => {
  it('accepts IANA names and returns their canonical spelling', () => {
    expect(checkTimeZone('Europe/Paris')).toEqual({ ok: true, timeZone: 'Europe/Paris' });
    expect(checkTimeZone('europe/paris')).toEqual({ ok: true, timeZone: 'Europe/Paris' });
    expect(checkTimeZone('utc')).toEqual({ ok: true, timeZone: 'UTC' });
  });

  it('refuses unknown names (with a suggestion when one is close) and bare offsets', () => {
    const typo = checkTimeZone('Europe/Pariss');
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.problem).toContain('unknown time zone (did you mean "Europe/Paris"?)');
    const unknown = checkTimeZone('Mars/Olympus');
    expect(!unknown.ok && unknown.problem).toMatch(/^unknown time zone; use an IANA name/);
    const offset = checkTimeZone('+02:00');
    expect(!offset.ok && offset.problem).toContain('a UTC offset is not a time zone');
    expect(checkTimeZone('  ').ok).toBe(false);
  });
});
