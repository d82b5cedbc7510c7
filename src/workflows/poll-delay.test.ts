import { describe, expect, it } from 'vitest';
import { nextPollDelayMs, resolvePollInterval } from './poll-delay.js';

describe('resolvePollInterval', () => {
  it('fills in the defaults', () => {
    expect(resolvePollInterval()).toEqual({ minMs: 1_000, maxMs: 300_000, fallbackMs: 10_000 });
    expect(resolvePollInterval({ minMs: 500 })).toEqual({ minMs: 500, maxMs: 300_000, fallbackMs: 10_000 });
  });

  it('rejects non-positive values and inverted bounds with a message naming the field', () => {
    expect(() => resolvePollInterval({ minMs: 0 })).toThrow(/pollInterval\.minMs/);
    expect(() => resolvePollInterval({ fallbackMs: Number.NaN })).toThrow(/pollInterval\.fallbackMs/);
    expect(() => resolvePollInterval({ minMs: 5_000, maxMs: 1_000 })).toThrow(/greater than pollInterval\.maxMs/);
  });
});

describe('nextPollDelayMs', () => {
  const interval = resolvePollInterval({ minMs: 1_000, maxMs: 60_000, fallbackMs: 10_000 });

  it('waits exactly the Retry-After inside the bounds', () => {
    expect(nextPollDelayMs(1_000, interval)).toBe(1_000);
    expect(nextPollDelayMs(30_000, interval)).toBe(30_000);
    expect(nextPollDelayMs(1_500.2, interval)).toBe(1_501);
  });

  it('clamps to the bounds', () => {
    expect(nextPollDelayMs(0, interval)).toBe(1_000);
    expect(nextPollDelayMs(200, interval)).toBe(1_000);
    expect(nextPollDelayMs(3_600_000, interval)).toBe(60_000);
  });

  it('uses the fallback when Fabric sent no usable Retry-After', () => {
    expect(nextPollDelayMs(undefined, interval)).toBe(10_000);
    expect(nextPollDelayMs(Number.NaN, interval)).toBe(10_000);
    expect(nextPollDelayMs(-5, interval)).toBe(10_000);
    expect(nextPollDelayMs(undefined, resolvePollInterval({ minMs: 1_000, maxMs: 5_000, fallbackMs: 10_000 }))).toBe(5_000);
  });
});
