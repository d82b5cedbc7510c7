/**
 * Fail fast at start-up (src/preflight): the worker and the CLI as real processes against a real
 * dev server. A second namespace on the same server has none of the Fabric* search attributes.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { runCli, spawnWorker } from '../cli/process.js';
import { findTemporalBinary } from '../../src/devserver/binaries.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared.js';

const execTemporal = (args: string[]) => promisify(execFile)(findTemporalBinary('temporal') ?? 'temporal', args);
const BARE = `bare-${randomUUID().slice(0, 8)}`;
const READY = 'fabric-temporal worker ready';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness({ worker: false });
  await execTemporal(['operator', 'namespace', 'create', '--address', h.env.address, '--namespace', BARE]);
  await vi.waitFor(() => h.env.connection.workflowService.describeNamespace({ namespace: BARE }), { timeout: 60_000, interval: 500 });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** Runs a worker until it prints "ready" (then stops it) or exits; resolves its exit code (0 after ready) and output. */
async function workerOutcome(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const worker = spawnWorker(env);
  const ready = await Promise.race([
    expect.poll(() => worker.output().stdout, { timeout: 90_000, interval: 200 }).toContain(READY).then(() => true),
    worker.done.then(() => false),
  ]);
  if (ready) worker.child.kill('SIGTERM');
  const result = await worker.done;
  return { ...result, code: ready ? 0 : result.code };
}

describe('worker start-up checks', () => {
  it('a namespace that does not exist: exit 3, naming it', async () => {
    const result = await workerOutcome(h.workerEnv({ TEMPORAL_NAMESPACE: 'no-such-namespace' }));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`fabric-temporal worker: namespace "no-such-namespace" does not exist at ${h.env.address}`);
    expect(result.stdout).not.toContain(READY);
  });

  it('FABRIC_SEARCH_ATTRIBUTES=true and the attributes missing: exit 3 with the commands, which do register them', async () => {
    const result = await workerOutcome(h.workerEnv({ TEMPORAL_NAMESPACE: BARE, FABRIC_SEARCH_ATTRIBUTES: 'true' }));
    expect(result.code).toBe(3);
    expect(result.stdout).not.toContain(READY);
    const commands = result.stderr.split('\n').filter((line) => line.startsWith('  temporal operator search-attribute create'));
    expect(commands.map((line) => /--name (\S+)/.exec(line)?.[1]).sort()).toEqual(Object.values(SEARCH_ATTRIBUTES).sort());

    // Without the setting, the same namespace is fine.
    expect((await workerOutcome(h.workerEnv({ TEMPORAL_NAMESPACE: BARE }))).code).toBe(0);
  }, 240_000);

  it('a Fabric credential that yields no token: a loud warning by default, exit 3 with FABRIC_STRICT_STARTUP=true', async () => {
    // azure-cli without `az` on PATH fails at once, without any network.
    const env = { ...h.workerEnv({ FABRIC_AUTH: 'azure-cli' }), PATH: '/nonexistent' };
    delete (env as Record<string, string | undefined>).FABRIC_TOKEN;
    const warned = await workerOutcome(env);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/fabric-temporal worker: WARNING: the Fabric credential yields no token: .*FABRIC_STRICT_STARTUP=true/);

    const strict = await workerOutcome({ ...env, FABRIC_STRICT_STARTUP: 'true' });
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('the Fabric credential yields no token');
    expect(strict.stdout).not.toContain(READY);
  }, 240_000);
});

describe('CLI refuses to start runs that upsert unregistered search attributes', () => {
  it.each([['start'], ['run'], ['pipeline start'], ['pipeline run']])('%s: exit 3, nothing started', async (command) => {
    const { flags } = await h.item({});
    const args = command.startsWith('pipeline') ? [...command.split(' '), 'examples/pipelines/demo.yaml'] : [command, ...flags];
    const result = await runCli([...args, '--json'], h.cliEnv({ TEMPORAL_NAMESPACE: BARE, FABRIC_SEARCH_ATTRIBUTES: 'true' }));
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`namespace "${BARE}" at ${h.env.address} lacks the search attributes`);
    expect(result.stderr).toContain(`temporal operator search-attribute create --address ${h.env.address} --namespace ${BARE} --name FabricJobStatus --type Keyword`);
    const open = await h.env.connection.workflowService.listWorkflowExecutions({ namespace: BARE, query: '' });
    expect(open.executions ?? []).toHaveLength(0);
  }, 120_000);

  it('after the printed commands are run, the worker starts and a run that upserts them completes', async () => {
    const refused = await runCli(['start', ...(await h.item({})).flags, '--json'], h.cliEnv({ TEMPORAL_NAMESPACE: BARE, FABRIC_SEARCH_ATTRIBUTES: 'true' }));
    const commands = refused.stderr.split('\n').filter((line) => line.startsWith('  temporal operator'));
    expect(commands).toHaveLength(Object.keys(SEARCH_ATTRIBUTES).length);
    for (const line of commands) {
      const [, ...args] = line.trim().split(' ');
      await execTemporal(args);
    }
    const worker = spawnWorker(h.workerEnv({ TEMPORAL_NAMESPACE: BARE, FABRIC_SEARCH_ATTRIBUTES: 'true' }));
    try {
      await expect.poll(() => worker.output().stdout, { timeout: 90_000, interval: 200 }).toContain(READY);
      const { flags } = await h.item({});
      const done = await runCli(['run', ...flags, '--json'], h.cliEnv({ TEMPORAL_NAMESPACE: BARE, FABRIC_SEARCH_ATTRIBUTES: 'true' }));
      expect(done.code, done.stderr).toBe(0);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.done;
    }
  }, 240_000);
});
