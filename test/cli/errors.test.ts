/** Exit 3 (infrastructure, configuration) and the order of checks, without any server. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, closedAddress, runCli } from './process.js';

const flags = () => ['--workspace', randomUUID(), '--item', randomUUID(), '--job-type', 'RunNotebook'];

describe('infrastructure and configuration errors', () => {
  it('Temporal unreachable: exit 3 with one line naming the address', async () => {
    const address = await closedAddress();
    for (const args of [['run', ...flags(), '--json'], ['status', 'some-id'], ['list']]) {
      const result = await runCli(args, cleanEnv({ TEMPORAL_ADDRESS: address }));
      expect(result.code, result.stderr).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([`fabric-temporal: cannot reach Temporal at ${address}: connection refused (set --address, TEMPORAL_ADDRESS or a Temporal profile)`]);
    }
  });

  it('invalid configuration: exit 3 listing every problem', async () => {
    const env = cleanEnv({ TEMPORAL_ADDRESS: 'http://localhost:7233', FABRIC_SEARCH_ATTRIBUTES: 'yes', FABRIC_TASK_QUEUE: 'two words' });
    const result = await runCli(['run', ...flags()], env);
    expect(result.code).toBe(3);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('fabric-temporal: invalid configuration (3 problems):');
    expect(lines.slice(1).map((l) => l.split('=')[0])).toEqual(['  FABRIC_TASK_QUEUE', '  FABRIC_SEARCH_ATTRIBUTES', '  TEMPORAL_ADDRESS']);
    expect(lines[2]).toBe('  FABRIC_SEARCH_ATTRIBUTES="yes": must be true or false');
  });

  it('--address, --namespace and --profile override the environment, before or after the command', async () => {
    const address = await closedAddress();
    const viaFlag = await runCli(['--address', address, 'status', 'some-id'], cleanEnv({ TEMPORAL_ADDRESS: 'localhost:1' }));
    expect(viaFlag.code).toBe(3);
    expect(viaFlag.stderr).toContain(`cannot reach Temporal at ${address}`);
    const after = await runCli(['list', '--address', address], cleanEnv());
    expect(after.stderr).toContain(`cannot reach Temporal at ${address}`);
    const profile = await runCli(['list', '--profile', 'staging'], cleanEnv());
    expect(profile.code).toBe(3);
    expect(profile.stderr).toContain('TEMPORAL_PROFILE="staging"');
  });

  it('input over Temporal\'s payload size limit: exit 2 naming the limit and the field, before any connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payload-limit-'));
    const big = 'x'.repeat(2_200_000);
    writeFileSync(join(dir, 'data.json'), JSON.stringify({ parameters: { blob: { value: big, type: 'string' } } }));
    const job = await runCli(['run', ...flags(), '--execution-data', `@${join(dir, 'data.json')}`, '--json'], cleanEnv({ TEMPORAL_ADDRESS: 'localhost:1' }));
    expect(job.code, job.stderr).toBe(2);
    expect(job.stdout).toBe('');
    expect(job.stderr.trim()).toMatch(/^fabric-temporal: --execution-data: 2\.\d\d MiB makes the workflow input 2\.\d\d MiB, over Temporal's payload size limit of 2\.00 MiB \(limit\.blobSize\.error\); nothing was started/);
    const pipeline = join(dir, 'big.yaml');
    writeFileSync(pipeline, `name: big\nworkspace: ${randomUUID()}\nsteps:\n  - id: load\n    item: ${randomUUID()}\n    jobType: RunNotebook\n    executionData:\n      blob: "${big}"\n`);
    const piped = await runCli(['pipeline', 'run', pipeline], cleanEnv({ TEMPORAL_ADDRESS: 'localhost:1' }));
    expect(piped.code, piped.stderr).toBe(2);
    expect(piped.stderr).toContain(`fabric-temporal: ${pipeline}: steps[0] (load): 2.`);
    expect(piped.stderr).toContain("over Temporal's payload size limit of 2.00 MiB");
  });

  it('a missing Temporal profile is a configuration error', async () => {
    const result = await runCli(['list'], cleanEnv({ TEMPORAL_PROFILE: 'prod' }));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('TEMPORAL_PROFILE="prod"');
  });

  it('input is checked before the configuration: bad input with a bad config exits 2', async () => {
    const result = await runCli(['run', ...flags(), '--poll-max', 'soon'], cleanEnv({ TEMPORAL_ADDRESS: 'http://x' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('fabric-temporal: --poll-max "soon": not a duration; use a number and a unit (ms, s, m, h, d), e.g. 500ms, 90s, 5m, 2h or 1h30m');
  });

  it('--help and --version exit 0 on stdout; no arguments prints help and exits 2', async () => {
    const help = await runCli(['run', '--help'], cleanEnv());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--execution-data <json|@file>');
    const version = await runCli(['--version'], cleanEnv());
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const none = await runCli([], cleanEnv());
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: fabric-temporal');
  });
});
