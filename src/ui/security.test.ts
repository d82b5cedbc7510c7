import { describe, expect, it } from 'vitest';
import { bindProblem, isLoopback, sameSecret } from './security.js';

describe('web view security', () => {
  it('loopback addresses and names', () => {
    for (const host of ['127.0.0.1', '127.3.2.1', '::1', '[::1]', 'localhost']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.4', 'example.com', '128.0.0.1']) expect(isLoopback(host)).toBe(false);
  });

  it('a non-loopback bind needs a token of 16 characters or more', () => {
    expect(bindProblem('127.0.0.1', undefined)).toBeUndefined();
    expect(bindProblem('0.0.0.0', undefined)).toContain('FABRIC_UI_TOKEN');
    expect(bindProblem('0.0.0.0', 'short')).toContain('too short');
    expect(bindProblem('0.0.0.0', 'x'.repeat(16))).toBeUndefined();
  });

  it('secrets compare equal only when equal, whatever their lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(sameSecret('abcdef', 'abc')).toBe(false);
  });
});
