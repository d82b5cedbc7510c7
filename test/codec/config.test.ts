import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codecServerSection, encryptionSection, loadEncryptionKeyring } from '../../src/config.js';
import { keyEntry, newKey } from './keys.js';

function problemsOf(env: Record<string, string>): string[] {
  const result = encryptionSection(env);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.variable}: ${p.message}`);
}

describe('encryption keys from the environment', () => {
  it('is undefined when not configured', () => {
    expect(loadEncryptionKeyring({})).toBeUndefined();
    expect(loadEncryptionKeyring({ FABRIC_ENCRYPTION_KEYS: '  ' })).toBeUndefined();
  });

  it('reads FABRIC_ENCRYPTION_KEYS with the first key active', () => {
    const a = newKey('2025-06');
    const b = newKey('2025-01');
    const keyring = loadEncryptionKeyring({ FABRIC_ENCRYPTION_KEYS: ` ${keyEntry(a)} , ${keyEntry(b)} ` });
    expect(keyring?.active.id).toBe('2025-06');
    expect(keyring?.ids()).toEqual(['2025-06', '2025-01']);
    expect(keyring?.get('2025-01')?.key.equals(b.key)).toBe(true);
  });

  it('accepts base64url keys', () => {
    const a = newKey('u');
    const keyring = loadEncryptionKeyring({ FABRIC_ENCRYPTION_KEYS: `u:${a.key.toString('base64url')}` });
    expect(keyring?.active.key.equals(a.key)).toBe(true);
  });

  it('reads FABRIC_ENCRYPTION_KEY_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fabric-keys-'));
    const a = newKey('new');
    const b = newKey('old');
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ keys: [a, b].map((k) => ({ id: k.id, key: k.key.toString('base64') })) }));
    expect(loadEncryptionKeyring({ FABRIC_ENCRYPTION_KEY_FILE: file })?.ids()).toEqual(['new', 'old']);
    writeFileSync(file, '{ not json');
    expect(problemsOf({ FABRIC_ENCRYPTION_KEY_FILE: file })).toEqual([`FABRIC_ENCRYPTION_KEY_FILE: is not valid JSON`]);
    writeFileSync(file, JSON.stringify({ keys: 'x' }));
    expect(problemsOf({ FABRIC_ENCRYPTION_KEY_FILE: file })[0]).toContain('must hold {"keys"');
    expect(problemsOf({ FABRIC_ENCRYPTION_KEY_FILE: join(dir, 'missing.json') })[0]).toContain('cannot be read (ENOENT)');
  });

  it('reports malformed keys without showing key material', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const problems = problemsOf({ FABRIC_ENCRYPTION_KEYS: `a:${short},b:not*base64!,nocolon,c d:${newKey('x').key.toString('base64')}` });
    expect(problems).toEqual([expect.stringContaining('each entry must be keyId:base64key')]);
    const problems2 = problemsOf({ FABRIC_ENCRYPTION_KEYS: `a:${short},b:not*base64!,a:${short}` });
    expect(problems2).toEqual([
      'FABRIC_ENCRYPTION_KEYS: key "a" decodes to 16 bytes; AES-256 needs 32 (make one with: openssl rand -base64 32)',
      'FABRIC_ENCRYPTION_KEYS: key "b" is not valid base64',
      'FABRIC_ENCRYPTION_KEYS: key id "a" appears twice',
      'FABRIC_ENCRYPTION_KEYS: key "a" decodes to 16 bytes; AES-256 needs 32 (make one with: openssl rand -base64 32)',
    ]);
    for (const line of problems2) expect(line).not.toContain(short);
    expect(problemsOf({ FABRIC_ENCRYPTION_KEYS: `bad id:${short}` })[0]).toContain('key id "bad id" must be');
  });

  it('throws one ConfigError and refuses both variables at once', () => {
    expect(() => loadEncryptionKeyring({ FABRIC_ENCRYPTION_KEYS: 'k:abc' })).toThrow(
      expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining('key "k" decodes to 2 bytes') }),
    );
    expect(problemsOf({ FABRIC_ENCRYPTION_KEYS: keyEntry(newKey('a')), FABRIC_ENCRYPTION_KEY_FILE: '/x' })[0]).toContain('not both');
  });
});

describe('codec server settings', () => {
  it('has defaults and parses addresses, origins and the token', () => {
    expect(codecServerSection({})).toEqual({ ok: true, value: { address: { host: '127.0.0.1', port: 8888 }, corsOrigins: ['http://localhost:8233'] } });
    expect(
      codecServerSection({ FABRIC_CODEC_ADDRESS: '[::]:9000', FABRIC_CODEC_CORS_ORIGINS: 'https://ui.example.com, http://localhost:8233', FABRIC_CODEC_AUTH_TOKEN: 't0k' }),
    ).toEqual({
      ok: true,
      value: { address: { host: '::', port: 9000 }, corsOrigins: ['https://ui.example.com', 'http://localhost:8233'], authToken: 't0k' },
    });
  });

  it('reports a bad address and a bad origin', () => {
    const result = codecServerSection({ FABRIC_CODEC_ADDRESS: 'host:99999', FABRIC_CODEC_CORS_ORIGINS: 'https://ui.example.com/path' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.variable)).toEqual(['FABRIC_CODEC_ADDRESS', 'FABRIC_CODEC_CORS_ORIGINS']);
  });
});
