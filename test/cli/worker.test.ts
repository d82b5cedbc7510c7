/** The worker entry point (`npm run worker`) as a real process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from './harness.js';
import { cleanEnv, closedAddress, jsonOf, runCli, spawnWorker } from './process.js';

describe('worker startup errors', () => {
  it('invalid configuration: exit 3 listing every problem', async () => {
    const env = cleanEnv({ FABRIC_AUTH: 'client-secret', AZURE_CLIENT_SECRET: 'hush', FABRIC_WORKER_MAX_CACHED_WORKFLOWS: 'lots', TEMPORAL_ADDRESS: 'grpc://x:1' });
    const result = await spawnWorker(env).done;
    expect(result.code).toBe(3);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('fabric-temporal worker: invalid configuration (4 problems):');
    expect(lines.slice(1).map((l) => l.trim().split(/[=:]/)[0])).toEqual([
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'FABRIC_WORKER_MAX_CACHED_WORKFLOWS',
      'TEMPORAL_ADDRESS',
    ]);
    expect(result.stderr).not.toContain('hush');
  });

  it('Temporal unreachable: exit 3 with one line naming the address', async () => {
    const address = await closedAddress();
    const result = await spawnWorker(cleanEnv({ TEMPORAL_ADDRESS: address, FABRIC_AUTH: 'token', FABRIC_TOKEN: 't' })).done;
    expect(result.code).toBe(3);
    expect(result.stderr.trim()).toBe(`fabric-temporal worker: cannot reach Temporal at ${address}: connection refused (set TEMPORAL_ADDRESS or a Temporal profile)`);
  });
});

describe('worker process', () => {
  let h: CliHarness;
  beforeAll(async () => {
    h = await startCliHarness({ worker: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('announces itself, runs jobs for the CLI and shuts down cleanly on SIGTERM', async () => {
    const worker = spawnWorker(h.workerEnv());
    try {
      await expect.poll(() => worker.output().stdout, { timeout: 60_000, interval: 200 }).toContain('fabric-temporal worker ready');
      expect(worker.output().stdout).toContain(
        `fabric-temporal worker ready: task queue "${h.taskQueue}", namespace "${h.namespace}", Temporal ${h.env.address}, Fabric ${h.emulator.apiUrl} (auth token)`,
      );
      const { itemId, flags } = await h.item({});
      const run = await runCli(['run', ...flags, '--json'], h.cliEnv());
      expect(run.code, run.stderr).toBe(0);
      const [job] = await h.admin.jobs(itemId);
      expect(jsonOf(run)).toMatchObject({ status: 'Completed', jobInstanceId: job!.id });
    } finally {
      worker.child.kill('SIGTERM');
    }
    const exit = await worker.done;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toContain('SIGTERM received, shutting down');
    expect(exit.stdout).toContain('fabric-temporal worker: stopped');
  });
});
