/**
 * Names looked up without (or with failing) Fabric credentials: one actionable line (which setting,
 * which API root, how to fix it) and exit 3, not Azure's credential chain; `--verbose` or
 * FABRIC_LOG_LEVEL=debug shows the chain. Against the real emulator; nothing reaches Temporal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { cleanEnv, closedAddress, runCli } from './process.js';

let emulator: RunningEmulator;
let temporal: string;
beforeAll(async () => {
  emulator = await startEmulator({ token: 'right-token' });
  temporal = await closedAddress(); // never contacted: the names fail first
});
afterAll(async () => {
  await emulator?.close();
});

const BY_NAMES = ['run', '--workspace', 'Sales Prod', '--item', 'Load orders.Notebook'];
/** No Azure identity can be found: no az (nothing on PATH), no AZURE_* variables. */
const noAzure = (extra: Record<string, string> = {}) => cleanEnv({ TEMPORAL_ADDRESS: temporal, PATH: '/nonexistent', ...extra });

describe('Fabric credentials in the CLI', () => {
  it('no credential at all: one line naming FABRIC_AUTH, the real API root and the fix; exit 3', async () => {
    const result = await runCli(BY_NAMES, noAzure());
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^fabric-temporal: cannot get a Fabric token with FABRIC_AUTH=default for https:\/\/api\.fabric\.microsoft\.com\/v1: /);
    expect(lines[0]).toContain('az login');
    expect(lines[0]).toContain('--verbose shows the details');
    expect(result.stderr).not.toContain('ChainedTokenCredential');
  });

  it('pointed at the emulator without a token: names the emulator and FABRIC_AUTH=token', async () => {
    const result = await runCli(BY_NAMES, noAzure({ FABRIC_API_URL: emulator.apiUrl }));
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(`with FABRIC_AUTH=default for ${emulator.apiUrl}: `);
    expect(lines[0]).toContain('for the emulator set FABRIC_AUTH=token and FABRIC_TOKEN');
    expect(lines[0]).not.toContain('api.fabric.microsoft.com');
  });

  it('--verbose and FABRIC_LOG_LEVEL=debug add the underlying chain below the line', async () => {
    for (const [args, extra] of [[['--verbose', ...BY_NAMES], {}], [BY_NAMES, { FABRIC_LOG_LEVEL: 'debug' }]] as const) {
      const result = await runCli(args, noAzure({ FABRIC_API_URL: emulator.apiUrl, ...extra }));
      expect(result.code, result.stderr).toBe(3);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^fabric-temporal: cannot get a Fabric token with FABRIC_AUTH=default for /);
      expect(lines[0]).not.toContain('--verbose shows');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(1).join('\n')).toContain('CredentialUnavailableError');
    }
  });

  it('a client secret that fails: names the setting and what to check', async () => {
    const env = noAzure({
      FABRIC_API_URL: emulator.apiUrl,
      FABRIC_AUTH: 'client-secret',
      AZURE_TENANT_ID: '00000000-0000-0000-0000-000000000001',
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000002',
      AZURE_CLIENT_SECRET: 'not-a-secret',
      // Entra ID is unreachable here: the credential fails without the network.
      AZURE_AUTHORITY_HOST: `https://${temporal}`,
    });
    const result = await runCli(BY_NAMES, env);
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(`cannot get a Fabric token with FABRIC_AUTH=client-secret for ${emulator.apiUrl}: `);
    expect(lines[0]).toContain('AZURE_CLIENT_SECRET');
    expect(result.stderr).not.toContain('not-a-secret');
  });

  it('a token Fabric refuses (401): one line naming the API root and the setting', async () => {
    const result = await runCli(BY_NAMES, noAzure({ FABRIC_API_URL: emulator.apiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: 'wrong-token' }));
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(`Fabric at ${new URL(emulator.apiUrl).origin} answered 401`);
    expect(lines[0]).toContain('FABRIC_AUTH=token');
    expect(result.stderr).not.toContain('wrong-token');
  });
});
