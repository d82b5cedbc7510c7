import { describe, expect, it } from 'vitest';
import { connectionErrorLine } from './connection-error.js';

describe('connectionErrorLine', () => {
  it('names refused connections and unknown hosts in two words', () => {
    expect(connectionErrorLine(new Error('tcp connect error: Connection refused (os error 111)'))).toBe('connection refused');
    expect(connectionErrorLine(new Error('dns error: failed to lookup address information: Name or service not known'))).toBe('host not found');
    expect(connectionErrorLine(new Error('getaddrinfo: Name or service not known'))).toBe('host not found');
  });

  it('keeps any other message on one line of at most 300 characters', () => {
    expect(connectionErrorLine(new Error('bad\n  certificate'))).toBe('bad certificate');
    expect(connectionErrorLine('x'.repeat(400))).toHaveLength(300);
  });
});
