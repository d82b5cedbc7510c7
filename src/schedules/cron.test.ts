import { describe, expect, it } from 'vitest';
import { analyzeCron } from './cron.js';

function fires(text: string): number {
  const result = analyzeCron(text);
  if (!result.ok) throw new Error(result.problem);
  return result.value.firesPerDay;
}

function problem(text: string): string {
  const result = analyzeCron(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.problem;
}

describe('analyzeCron', () => {
  it('counts the runs of a day from the second, minute and hour fields', () => {
    expect(fires('0 2 * * *')).toBe(1);
    expect(fires('30 2 * * MON-FRI')).toBe(1);
    expect(fires('0 */6 * * *')).toBe(4);
    expect(fires('0,30 9-17 * * *')).toBe(18);
    expect(fires('*/15 * * * *')).toBe(96);
    expect(fires('5/20 1 * * *')).toBe(3); // 5, 25, 45
    expect(fires('0 0 1 jan * 2030')).toBe(1);
    expect(fires('*/10 0 3 * * * *')).toBe(6);
  });

  it('expands the shorthands', () => {
    expect(fires('@daily')).toBe(1);
    expect(fires('@Hourly')).toBe(24);
    expect(fires('@weekly')).toBe(1);
    expect(analyzeCron('  0   2  * *  * ').ok && analyzeCron('  0   2  * *  * ')).toMatchObject({ value: { expression: '0 2 * * *' } });
  });

  it('accepts month and day names as Temporal does (prefixes), and 7 for Sunday', () => {
    expect(analyzeCron('0 2 * Mar-Sep mo,we,fri').ok).toBe(true);
    expect(analyzeCron('0 2 * * 7').ok).toBe(true);
  });

  it('names the field and the reason of each bad part', () => {
    expect(problem('61 2 * * *')).toBe('minute field "61": 61 is out of range 0-59');
    expect(problem('0 24 * * *')).toContain('hour field "24": 24 is out of range 0-23');
    expect(problem('0 2 0 * *')).toContain('day-of-month field "0": 0 is out of range 1-31');
    expect(problem('0 2 * 13 *')).toContain('month field "13"');
    expect(problem('0 2 * * funday')).toContain('day-of-week field "funday": "funday" is not a number or a day name');
    expect(problem('*/0 2 * * *')).toContain('step "0" must be a whole number of at least 1');
    expect(problem('5-2 2 * * *')).toContain('2 is out of range 5-59');
    expect(problem('1--2 * * * *')).toContain('malformed');
    expect(problem('0 2 * * * 1999')).toContain('year field "1999": 1999 is out of range 2000-2100');
    const both = problem('99 99 * * *');
    expect(both).toContain('minute field');
    expect(both).toContain('hour field');
  });

  it('refuses a wrong number of fields, unknown shorthands, TZ prefixes, @every and comments with a hint', () => {
    expect(problem('0 2 * *')).toMatch(/^4 fields; expected 5 fields/);
    expect(problem('')).toMatch(/^0 fields/);
    expect(problem('@nightly')).toContain('unknown shorthand "@nightly"');
    expect(problem('CRON_TZ=Europe/Paris 0 2 * * *')).toContain('--timezone');
    expect(problem('@every 1h')).toContain('--every');
    expect(problem('0 2 * * * # nightly')).toContain('--note');
  });
});
