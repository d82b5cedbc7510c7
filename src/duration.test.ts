import { describe, expect, it } from 'vitest';
import { durationProblem, durationToMs, formatDuration } from './duration.js';
import { parseDuration } from './commands/parse/duration.js';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe('UsageError');
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1m30s250ms', 90_250],
    ['1.5h', 5_400_000],
    [' 10S ', 10_000],
  ])('%s = %d ms', (text, ms) => {
    expect(durationToMs(text)).toBe(ms);
    expect(parseDuration('--timeout', text)).toBe(ms);
  });

  it.each(['', 'abc', '5 m', '5min', 'm5', '-5s', '1h-30m', '5m junk'])('rejects %j naming the flag, the value and the forms', (text) => {
    expect(durationToMs(text)).toBeUndefined();
    const message = usageMessage(() => parseDuration('--poll-max', text));
    expect(message).toContain(`--poll-max ${JSON.stringify(text)}`);
    expect(message).toContain('e.g. 500ms, 90s, 5m, 2h or 1h30m');
  });

  it('refuses a plain number and suggests a unit', () => {
    expect(usageMessage(() => parseDuration('--timeout', '90'))).toContain('write 90s or 90ms');
  });

  it('refuses zero', () => {
    expect(usageMessage(() => parseDuration('--timeout', '0s'))).toContain('must be longer than 0');
  });

  it('words a problem the same for every caller: flags prefix it with the flag and value', () => {
    expect(durationProblem('90s')).toBeUndefined();
    expect(durationProblem('2 hours')).toBe('not a duration; use a number and a unit (ms, s, m, h, d), e.g. 500ms, 90s, 5m, 2h or 1h30m');
    expect(durationProblem(3600)).toBe(durationProblem('3600'));
    expect(durationProblem(3600)).toContain('(a plain number has no unit: write 3600s or 3600ms)');
    expect(durationProblem(true)).toBe(durationProblem('true'));
    expect(durationProblem('0s')).toBe('must be longer than 0');
    expect(usageMessage(() => parseDuration('--timeout', '2 hours'))).toBe(`--timeout "2 hours": ${durationProblem('2 hours')}`);
  });

  it('formats for display', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(1_500)).toBe('1s500ms');
    expect(formatDuration(0)).toBe('0s');
  });
});
