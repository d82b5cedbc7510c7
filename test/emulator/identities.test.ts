/** Named identities (one token per connection): options, the --identity flag, and 401 for other tokens. */
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/emulator/cli-options.js';
import { startEmulator } from '../../src/emulator/index.js';

describe('emulator identities', () => {
  it('parses repeated --identity NAME=TOKEN flags and refuses bad ones', () => {
    expect(parseCli(['--identity', 'sales=tok-1', '--identity', 'finance=tok-2'])).toMatchObject({ identities: { sales: 'tok-1', finance: 'tok-2' } });
    expect(() => parseCli(['--identity', 'sales'])).toThrow(/--identity must be NAME=TOKEN/);
    expect(() => parseCli(['--identity', 'a=1', '--identity', 'a=2'])).toThrow(/--identity a is given twice/);
  });

  it('refuses two identities with one token', async () => {
    await expect(startEmulator({ identities: { a: 't', b: 't' } })).rejects.toThrow(/identities.b uses the same token as identities.a/);
  });

  it('accepts only the identities’ tokens (and `token`)', async () => {
    const emulator = await startEmulator({ token: 'main', identities: { sales: 'tok-sales' } });
    try {
      const url = `${emulator.powerbiUrl}/groups/${crypto.randomUUID()}/datasets/${crypto.randomUUID()}/refreshes`;
      const status = async (token: string) => (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status;
      expect([await status('main'), await status('tok-sales'), await status('other')]).toEqual([200, 200, 401]);
    } finally {
      await emulator.close();
    }
  });
});
