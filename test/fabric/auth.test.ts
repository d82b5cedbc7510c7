/** Bearer tokens: one refresh on 401, then the 401 is thrown; the token never leaks. */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, startFixture, TOKEN, type Fixture } from './emulator-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(); // the emulator accepts only TOKEN
});
afterAll(async () => fx?.close());

/** A credential handing out `tokens` in order (the last one forever), counting its calls. */
function sequenceCredential(...tokens: string[]): TokenCredential & { calls: number } {
  const cred = {
    calls: 0,
    getToken: async (): Promise<AccessToken> => {
      const token = tokens[Math.min(cred.calls, tokens.length - 1)]!;
      cred.calls += 1;
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return cred;
}

describe('401 handling', () => {
  it('drops a rejected token, fetches a new one and retries the request once', async () => {
    const { workspaceId, itemId } = await fx.item();
    const credential = sequenceCredential('stale-token', TOKEN);
    const client = fx.client({ credential });
    const run = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    expect(credential.calls).toBe(2);
    expect((await fx.admin.requests()).filter((r) => r.itemId === itemId).map((r) => r.statusCode)).toEqual([401, 202]);
    expect(await fx.admin.jobs(itemId)).toEqual([expect.objectContaining({ id: run.jobInstanceId })]);
    // The new token is cached: the next call needs no credential call.
    await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId: run.jobInstanceId });
    expect(credential.calls).toBe(2);
  });

  it('throws FabricError 401 after exactly two requests when every token is rejected', async () => {
    const { workspaceId, itemId } = await fx.item();
    const credential = sequenceCredential('wrong-token');
    const from = fx.events.length;
    const err = await caught(() => fx.client({ credential }).runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 401, errorCode: 'InvalidToken' });
    expect(credential.calls).toBe(2);
    expect((await fx.admin.requests()).filter((r) => r.itemId === itemId)).toHaveLength(2);
    expect(fx.events.slice(from).map((e) => e.statusCode)).toEqual([401, 401]);
    expect(JSON.stringify(err)).not.toContain('wrong-token');
    expect(err.message).not.toContain('wrong-token');
    expect(String(err.stack)).not.toContain('wrong-token');
  });

  it('refreshes on an injected 401 fault (token expired server-side) with the same credential', async () => {
    const { workspaceId, itemId } = await fx.item({ faults: [{ op: 'get', kind: 'unauthorized' }] });
    const credential = sequenceCredential(TOKEN);
    const client = fx.client({ credential });
    const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    await expect(client.getItemJobInstance({ workspaceId, itemId, jobInstanceId })).resolves.toMatchObject({ instance: { id: jobInstanceId } });
    expect(credential.calls).toBe(2);
  });

  it('passes a credential failure through without sending a request', async () => {
    const { workspaceId, itemId } = await fx.item();
    const credential: TokenCredential = { getToken: async () => { throw Object.assign(new Error('Please run az login'), { name: 'CredentialUnavailableError' }); } };
    const err = await caught(() => fx.client({ credential }).runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }));
    expect(err).toMatchObject({ name: 'CredentialUnavailableError', message: 'Please run az login' });
    expect((await fx.admin.requests()).filter((r) => r.itemId === itemId)).toEqual([]);
  });
});
