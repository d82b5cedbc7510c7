import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError} from '../../src/config.js';
import { loadFabricConfig, type ConfigProblem } from '../../src/config.js';
import { problemsThrown } from '../helpers/problems.js';

const problemsOf = (env: Record<string, string>) => problemsThrown<ConfigProblem>(() => loadFabricConfig(env), 'ConfigError');

const dir = mkdtempSync(join(tmpdir(), 'fabric-config-'));
const certPath = join(dir, 'cert.pem');
writeFileSync(certPath, 'not really a certificate');

describe('loadFabricConfig', () => {
  it('defaults to the public API URL and the default credential chain', () => {
    expect(loadFabricConfig({})).toEqual({ apiUrl: 'https://api.fabric.microsoft.com/v1', auth: { kind: 'default' } });
  });

  it('accepts an http(s) URL and drops trailing slashes', () => {
    expect(loadFabricConfig({ FABRIC_API_URL: 'http://127.0.0.1:4000/v1/' }).apiUrl).toBe('http://127.0.0.1:4000/v1');
  });

  it.each(['ftp://example.com', 'not a url', 'api.fabric.microsoft.com/v1'])('rejects FABRIC_API_URL=%s', (url) => {
    const [problem, ...rest] = problemsOf({ FABRIC_API_URL: url });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ variable: 'FABRIC_API_URL', shownValue: JSON.stringify(url) });
    expect(problem?.message).toMatch(/http:\/\/ or https:\/\//);
  });

  it('rejects an unknown FABRIC_AUTH and names the allowed kinds', () => {
    const [problem] = problemsOf({ FABRIC_AUTH: 'password' });
    expect(problem).toMatchObject({ variable: 'FABRIC_AUTH', shownValue: '"password"' });
    expect(problem?.message).toContain('default, azure-cli, client-secret, client-certificate, managed-identity, workload-identity, device-code, token');
  });

  it('requires FABRIC_TOKEN for token auth and hides the token value', () => {
    expect(problemsOf({ FABRIC_AUTH: 'token' }).map((p) => p.variable)).toEqual(['FABRIC_TOKEN']);
    expect(loadFabricConfig({ FABRIC_AUTH: 'token', FABRIC_TOKEN: 't0ken' }).auth).toEqual({ kind: 'token', token: 't0ken' });
    const [problem] = problemsOf({ FABRIC_AUTH: 'azure-cli', FABRIC_TOKEN: 's3cret-token' });
    expect(problem).toMatchObject({ variable: 'FABRIC_TOKEN', shownValue: '(hidden)' });
    expect(JSON.stringify(problemsOf({ FABRIC_AUTH: 'azure-cli', FABRIC_TOKEN: 's3cret-token' }))).not.toContain('s3cret');
  });

  it('requires tenant, client id and secret for client-secret, listing every missing one', () => {
    const problems = problemsOf({ FABRIC_AUTH: 'client-secret' });
    expect(problems.map((p) => p.variable)).toEqual(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']);
    expect(problems[0]?.message).toContain('required when FABRIC_AUTH=client-secret');
    const config = loadFabricConfig({ FABRIC_AUTH: 'client-secret', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' });
    expect(config.auth).toEqual({ kind: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' });
  });

  it('requires an existing certificate file for client-certificate', () => {
    const base = { FABRIC_AUTH: 'client-certificate', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c' };
    expect(problemsOf(base).map((p) => p.variable)).toEqual(['AZURE_CLIENT_CERTIFICATE_PATH']);
    const [missing] = problemsOf({ ...base, AZURE_CLIENT_CERTIFICATE_PATH: join(dir, 'nope.pem') });
    expect(missing?.message).toContain('no such file');
    expect(loadFabricConfig({ ...base, AZURE_CLIENT_CERTIFICATE_PATH: certPath }).auth).toEqual({
      kind: 'client-certificate',
      tenantId: 't',
      clientId: 'c',
      certificatePath: certPath,
    });
  });

  it('requires tenant, client id and an existing token file for workload-identity', () => {
    expect(problemsOf({ FABRIC_AUTH: 'workload-identity', AZURE_CLIENT_ID: 'c' }).map((p) => p.variable)).toEqual([
      'AZURE_TENANT_ID',
      'AZURE_FEDERATED_TOKEN_FILE',
    ]);
    const env = { FABRIC_AUTH: 'workload-identity', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_FEDERATED_TOKEN_FILE: certPath };
    expect(loadFabricConfig(env).auth).toEqual({ kind: 'workload-identity', tenantId: 't', clientId: 'c', tokenFilePath: certPath });
  });

  it('passes optional ids through for kinds that need none', () => {
    expect(loadFabricConfig({ FABRIC_AUTH: 'managed-identity' }).auth).toEqual({ kind: 'managed-identity' });
    expect(loadFabricConfig({ FABRIC_AUTH: 'managed-identity', AZURE_CLIENT_ID: 'c' }).auth).toEqual({ kind: 'managed-identity', clientId: 'c' });
    expect(loadFabricConfig({ FABRIC_AUTH: 'azure-cli', AZURE_TENANT_ID: 't' }).auth).toEqual({ kind: 'azure-cli' });
    expect(loadFabricConfig({ FABRIC_AUTH: 'device-code', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c' }).auth).toEqual({
      kind: 'device-code',
      tenantId: 't',
      clientId: 'c',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadFabricConfig({ FABRIC_AUTH: '', FABRIC_API_URL: ' ', FABRIC_TOKEN: '' }).auth).toEqual({ kind: 'default' });
  });

  it('validates FABRIC_REQUEST_TIMEOUT_MS as a positive whole number', () => {
    expect(loadFabricConfig({ FABRIC_REQUEST_TIMEOUT_MS: '30000' }).requestTimeoutMs).toBe(30_000);
    for (const bad of ['0', '-5', '1.5', '30s']) {
      const [problem] = problemsOf({ FABRIC_REQUEST_TIMEOUT_MS: bad });
      expect(problem).toMatchObject({ variable: 'FABRIC_REQUEST_TIMEOUT_MS', shownValue: JSON.stringify(bad) });
      expect(problem?.message).toContain('whole number greater than 0');
    }
  });

  it('reports every problem at once, in one error message', () => {
    try {
      loadFabricConfig({ FABRIC_API_URL: 'nope', FABRIC_AUTH: 'nope', FABRIC_REQUEST_TIMEOUT_MS: 'x' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => p.variable).sort()).toEqual(['FABRIC_API_URL', 'FABRIC_AUTH', 'FABRIC_REQUEST_TIMEOUT_MS']);
      expect((error as Error).message).toMatch(/3 problems/);
      expect((error as Error).message).toContain('FABRIC_AUTH="nope": must be one of');
    }
  });
});
