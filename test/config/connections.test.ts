import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionNamesSection, connectionsSection, loadWorkerProcessConfig, type ConfigProblem, type SectionResult } from '../../src/config.js';
import { formatProblem } from '../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'connections-'));
function file(content: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
function problems<T>(result: SectionResult<T>): ConfigProblem[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe('named connections', () => {
  it('change nothing when none is configured', () => {
    expect(connectionsSection({})).toEqual({ ok: true, value: { powerbiApiUrl: 'https://api.powerbi.com/v1.0/myorg', named: {} } });
    expect(connectionNamesSection({})).toEqual({ ok: true, value: { names: ['default'] } });
    expect(loadWorkerProcessConfig({}).fabric.auth).toEqual({ kind: 'default' });
  });

  it('reads FABRIC_CONNECTION_<NAME>_* variables and a connections file', () => {
    const path = file({ finance: { FABRIC_AUTH: 'token', FABRIC_TOKEN: 'tok-finance' } });
    const env = {
      FABRIC_CONNECTION_SALES_EU_AUTH: 'client-secret',
      FABRIC_CONNECTION_SALES_EU_AZURE_TENANT_ID: 't',
      FABRIC_CONNECTION_SALES_EU_AZURE_CLIENT_ID: 'c',
      FABRIC_CONNECTION_SALES_EU_AZURE_CLIENT_SECRET: 's',
      FABRIC_CONNECTIONS_FILE: path,
      POWERBI_API_URL: 'http://127.0.0.1:5050/v1.0/myorg/',
    };
    expect(connectionsSection(env)).toEqual({
      ok: true,
      value: {
        powerbiApiUrl: 'http://127.0.0.1:5050/v1.0/myorg',
        named: {
          sales_eu: { kind: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' },
          finance: { kind: 'token', token: 'tok-finance' },
        },
      },
    });
    expect(connectionNamesSection(env)).toEqual({ ok: true, value: { names: ['default', 'finance', 'sales_eu'] } });
  });

  it("reports each connection's problems under its own variables and never shows a secret", () => {
    const lines = problems(
      connectionsSection({
        FABRIC_CONNECTION_SALES_AUTH: 'client-secret',
        FABRIC_CONNECTION_SALES_AZURE_CLIENT_SECRET: 'super-secret',
        FABRIC_CONNECTION_OPS_TOKEN: 'tok-ops',
        FABRIC_CONNECTION_X_COLOR: 'blue',
      }),
    ).map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^FABRIC_CONNECTION_SALES_AZURE_TENANT_ID: is required when FABRIC_CONNECTION_SALES_AUTH=client-secret/),
        expect.stringMatching(/^FABRIC_CONNECTION_SALES_AZURE_CLIENT_ID: is required/),
        expect.stringMatching(/^FABRIC_CONNECTION_OPS_AUTH: is required/),
        expect.stringMatching(/^FABRIC_CONNECTION_X_COLOR="blue": is not a connection setting/),
      ]),
    );
    expect(lines.join('\n')).not.toMatch(/super-secret|tok-ops/);
  });

  it('refuses a connection named default, one defined twice, and a bad file', () => {
    const path = file({ sales: { FABRIC_AUTH: 'azure-cli' } });
    const found = problems(connectionsSection({ FABRIC_CONNECTION_DEFAULT_AUTH: 'azure-cli', FABRIC_CONNECTION_SALES_AUTH: 'azure-cli', FABRIC_CONNECTIONS_FILE: path }));
    expect(found.map((p) => p.message)).toEqual([expect.stringMatching(/also defined in FABRIC_CONNECTIONS_FILE/), expect.stringMatching(/"default" is the connection of FABRIC_AUTH/)]);
    expect(problems(connectionNamesSection({ FABRIC_CONNECTIONS_FILE: file('{ nope') }))[0]?.message).toMatch(/cannot read the connections file/);
    expect(problems(connectionsSection({ FABRIC_CONNECTIONS_FILE: file({ a: { FABRIC_AUTH: 'token', COLOR: 'x' } }) })).map((p) => p.message)).toEqual([
      expect.stringMatching(/connection a: COLOR is not a connection setting/),
      expect.stringMatching(/^is required when FABRIC_AUTH=token/),
    ]);
  });
});
