import type { AccessToken, TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { BearerTokenProvider, TOKEN_REFRESH_MARGIN_MS } from './token-provider.js';

/** A credential that hands out token-1, token-2, ... expiring `lifetimeMs` after the fake clock. */
function countingCredential(clock: { now: number }, lifetimeMs: number) {
  const calls: string[] = [];
  const credential: TokenCredential = {
    getToken: async (scope) => {
      calls.push(typeof scope === 'string' ? scope : scope.join(' '));
      const t: AccessToken = { token: `token-${calls.length}`, expiresOnTimestamp: clock.now + lifetimeMs };
      return t;
    },
  };
  return { credential, calls };
}

describe('BearerTokenProvider', () => {
  it('caches a token until the refresh margin before its expiry', async () => {
    const clock = { now: 1_000_000 };
    const { credential, calls } = countingCredential(clock, 3_600_000);
    const tokens = new BearerTokenProvider(credential, 'scope/.default', () => clock.now);
    expect(await tokens.getToken()).toBe('token-1');
    clock.now += 3_600_000 - TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await tokens.getToken()).toBe('token-1');
    clock.now += 1;
    expect(await tokens.getToken()).toBe('token-2');
    expect(calls).toEqual(['scope/.default', 'scope/.default']);
  });

  it('shares one credential call between concurrent callers', async () => {
    const clock = { now: 0 };
    const { credential, calls } = countingCredential(clock, 3_600_000);
    const tokens = new BearerTokenProvider(credential, 's', () => clock.now);
    const all = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    expect(all).toEqual(['token-1', 'token-1', 'token-1']);
    expect(calls).toHaveLength(1);
  });

  it('drops the cache only for the token that was rejected', async () => {
    const clock = { now: 0 };
    const { credential } = countingCredential(clock, 3_600_000);
    const tokens = new BearerTokenProvider(credential, 's', () => clock.now);
    expect(await tokens.getToken()).toBe('token-1');
    tokens.invalidate('token-1');
    expect(await tokens.getToken()).toBe('token-2');
    tokens.invalidate('token-1'); // a late 401 for the old token keeps the new one
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('honours refreshAfterTimestamp', async () => {
    const clock = { now: 0 };
    let n = 0;
    const credential: TokenCredential = {
      getToken: async () => ({ token: `t${++n}`, expiresOnTimestamp: clock.now + 3_600_000, refreshAfterTimestamp: clock.now + 60_000 }),
    };
    const tokens = new BearerTokenProvider(credential, 's', () => clock.now);
    expect(await tokens.getToken()).toBe('t1');
    clock.now += 60_000;
    expect(await tokens.getToken()).toBe('t2');
  });

  it('fails clearly when the credential returns no token, and propagates credential errors', async () => {
    const none = new BearerTokenProvider({ getToken: async () => null }, 'my-scope');
    await expect(none.getToken()).rejects.toThrow('The credential returned no token for scope my-scope');
    const failing = new BearerTokenProvider({ getToken: async () => { throw new Error('az login first'); } }, 's');
    await expect(failing.getToken()).rejects.toThrow('az login first');
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    const never = new BearerTokenProvider({ getToken: () => new Promise<AccessToken>(() => {}) }, 's');
    const controller = new AbortController();
    const pending = never.getToken(controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(never.getToken(controller.signal)).rejects.toThrow('stop');
  });
});
