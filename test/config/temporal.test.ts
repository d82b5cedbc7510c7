import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError} from '../../src/config.js';
import { loadCliProcessConfig, loadTemporalConfig, loadWorkerProcessConfig } from '../../src/config.js';
import { problemsThrown } from '../helpers/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'temporal-config-'));
/** Points envconfig at a file that does not exist, so the machine's own ~/.config is never read. */
const isolated = { TEMPORAL_CONFIG_FILE: join(dir, 'absent.toml') };

const problemsOf = (load: () => unknown) => problemsThrown<ConfigError['problems'][number]>(load, 'ConfigError');

describe('loadTemporalConfig', () => {
  it('defaults to localhost:7233 and namespace default', () => {
    expect(loadTemporalConfig(isolated)).toEqual({ connectionOptions: { address: 'localhost:7233' }, namespace: 'default' });
  });

  it('reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_API_KEY (which turns TLS on)', () => {
    const config = loadTemporalConfig({ ...isolated, TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.acct', TEMPORAL_API_KEY: 'k' });
    expect(config).toEqual({ connectionOptions: { address: 'ns.acct.tmprl.cloud:7233', apiKey: 'k', tls: true }, namespace: 'ns.acct' });
  });

  it('reads TLS settings and gRPC metadata', () => {
    const config = loadTemporalConfig({ ...isolated, TEMPORAL_TLS: 'true', TEMPORAL_TLS_SERVER_NAME: 'temporal.internal', TEMPORAL_GRPC_META_X_TEAM: 'data' });
    expect(config.connectionOptions.tls).toMatchObject({ serverNameOverride: 'temporal.internal' });
    expect(config.connectionOptions.metadata).toEqual({ 'x-team': 'data' });
  });

  it('reads a profile from the TOML config file, with environment variables overriding it', () => {
    const file = join(dir, 'temporal.toml');
    writeFileSync(file, '[profile.default]\naddress = "a:1"\nnamespace = "n1"\n\n[profile.prod]\naddress = "prod:7233"\nnamespace = "prod"\n');
    expect(loadTemporalConfig({ TEMPORAL_CONFIG_FILE: file })).toMatchObject({ connectionOptions: { address: 'a:1' }, namespace: 'n1' });
    expect(loadTemporalConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'prod' }).namespace).toBe('prod');
    expect(loadTemporalConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'prod', TEMPORAL_NAMESPACE: 'x' }).namespace).toBe('x');
  });

  it('names TEMPORAL_PROFILE when the profile does not exist', () => {
    const file = join(dir, 'one.toml');
    writeFileSync(file, '[profile.default]\naddress = "a:1"\n');
    const [problem] = problemsOf(() => loadTemporalConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'missing' }));
    expect(problem).toMatchObject({ variable: 'TEMPORAL_PROFILE', shownValue: '"missing"' });
    expect(problem?.message).toContain("Profile 'missing' not found");
  });

  it('names TEMPORAL_CONFIG_FILE when the file is not valid TOML', () => {
    const file = join(dir, 'broken.toml');
    writeFileSync(file, '[profile.default\naddress = ');
    const [problem] = problemsOf(() => loadTemporalConfig({ TEMPORAL_CONFIG_FILE: file }));
    expect(problem?.variable).toBe('TEMPORAL_CONFIG_FILE');
  });

  it('rejects an address with a scheme', () => {
    const [problem] = problemsOf(() => loadTemporalConfig({ ...isolated, TEMPORAL_ADDRESS: 'http://localhost:7233' }));
    expect(problem).toMatchObject({ variable: 'TEMPORAL_ADDRESS', shownValue: '"http://localhost:7233"' });
    expect(problem?.message).toContain('host:port');
  });

  it('reports an unreadable TLS certificate file', () => {
    const [problem] = problemsOf(() => loadTemporalConfig({ ...isolated, TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(dir, 'missing-ca.pem') }));
    expect(problem?.variable).toBe('TEMPORAL_TLS_*');
    expect(problem?.message).toContain('missing-ca.pem');
  });
});

describe('process configs', () => {
  it('the worker process config reports problems of every section together', () => {
    const problems = problemsOf(() =>
      loadWorkerProcessConfig({ ...isolated, FABRIC_AUTH: 'token', FABRIC_WORKER_MAX_CACHED_WORKFLOWS: 'x', TEMPORAL_ADDRESS: 'grpc://x' }),
    );
    expect(problems.map((p) => p.variable)).toEqual(['FABRIC_TOKEN', 'FABRIC_WORKER_MAX_CACHED_WORKFLOWS', 'TEMPORAL_ADDRESS']);
  });

  it('the CLI process config needs no Fabric credentials', () => {
    expect(loadCliProcessConfig({ ...isolated, FABRIC_AUTH: 'token' })).toEqual({
      jobs: { taskQueue: 'fabric-jobs', searchAttributes: false },
      connections: { names: ['default'] },
      temporal: { connectionOptions: { address: 'localhost:7233' }, namespace: 'default' },
      encryption: undefined,
      links: { fabricPortalUrl: 'https://app.fabric.microsoft.com' },
      pools: { source: 'none', slots: {} },
    });
  });
});
