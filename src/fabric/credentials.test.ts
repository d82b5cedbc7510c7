import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  DeviceCodeCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { createCredential, type FabricAuthOptions } from './credentials.js';
import { StaticTokenCredential } from './static-token-credential.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

describe('createCredential', () => {
  const cases: [FabricAuthOptions, new (...args: never[]) => unknown][] = [
    [{ kind: 'default' }, DefaultAzureCredential],
    [{ kind: 'azure-cli' }, AzureCliCredential],
    [{ kind: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret' }, ClientSecretCredential],
    [{ kind: 'client-certificate', tenantId: TENANT, clientId: CLIENT, certificatePath: '/nonexistent/cert.pem' }, ClientCertificateCredential],
    [{ kind: 'managed-identity' }, ManagedIdentityCredential],
    [{ kind: 'managed-identity', clientId: CLIENT }, ManagedIdentityCredential],
    [{ kind: 'workload-identity', tenantId: TENANT, clientId: CLIENT, tokenFilePath: '/var/run/secrets/token' }, WorkloadIdentityCredential],
    [{ kind: 'device-code', tenantId: TENANT, clientId: CLIENT }, DeviceCodeCredential],
    [{ kind: 'device-code' }, DeviceCodeCredential],
    [{ kind: 'token', token: 'abc' }, StaticTokenCredential],
  ];

  for (const [auth, cls] of cases) {
    it(`builds ${cls.name} for ${JSON.stringify(auth)}`, () => {
      expect(createCredential(auth)).toBeInstanceOf(cls);
    });
  }

  it('rejects missing required fields with the field name', () => {
    const bad = [
      [{ kind: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: '' }, 'auth.clientSecret'],
      [{ kind: 'client-certificate', tenantId: TENANT, certificatePath: '/c.pem' }, 'auth.clientId'],
      [{ kind: 'token', token: '   ' }, 'auth.token'],
    ] as const;
    for (const [auth, field] of bad) {
      expect(() => createCredential(auth as unknown as FabricAuthOptions)).toThrow(expect.objectContaining({ name: 'FabricValidationError', field }));
    }
  });

  it('rejects an unknown kind, listing the known ones', () => {
    expect(() => createCredential({ kind: 'password' } as unknown as FabricAuthOptions)).toThrow(/auth.kind must be one of default, azure-cli/);
  });
});

describe('StaticTokenCredential', () => {
  it('returns its token with an expiry far in the future', async () => {
    const token = await createCredential({ kind: 'token', token: 'abc' }).getToken('https://api.fabric.microsoft.com/.default');
    expect(token?.token).toBe('abc');
    expect(token!.expiresOnTimestamp).toBeGreaterThan(Date.now() + 100 * 365 * 24 * 3_600_000);
  });

  it('keeps the token out of JSON and string dumps', () => {
    const cred = new StaticTokenCredential('super-secret-token');
    expect(JSON.stringify(cred)).not.toContain('super-secret-token');
    expect(Object.keys(cred)).toEqual([]);
  });
});
