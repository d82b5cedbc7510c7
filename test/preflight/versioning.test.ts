/**
 * Worker Versioning from the environment: a worker started with FABRIC_WORKER_DEPLOYMENT_NAME and
 * FABRIC_WORKER_BUILD_ID registers that version with the server (a worker deployment), which
 * `temporal worker deployment describe` then lists.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemporalBinary } from '../../src/devserver/binaries.js';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { spawnWorker } from '../cli/process.js';

const exec = promisify(execFile);
let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness({ worker: false });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('worker versioning', () => {
  it('FABRIC_WORKER_DEPLOYMENT_NAME + FABRIC_WORKER_BUILD_ID make a versioned worker the server knows', async () => {
    const deployment = `fabric-${randomUUID().slice(0, 8)}`;
    const worker = spawnWorker(h.workerEnv({ FABRIC_WORKER_DEPLOYMENT_NAME: deployment, FABRIC_WORKER_BUILD_ID: 'build-1' }));
    try {
      await expect.poll(() => worker.output().stdout, { timeout: 90_000, interval: 200 }).toContain('fabric-temporal worker ready');
      expect(worker.output().stdout).toContain(`worker versioning on: deployment "${deployment}", build id "build-1", default behaviour pinned`);
      const describe = async () => {
        const { stdout } = await exec(findTemporalBinary('temporal') ?? 'temporal', ['worker', 'deployment', 'describe', '--address', h.env.address, '--namespace', h.namespace, '--name', deployment, '--output', 'json']);
        return stdout;
      };
      await expect.poll(() => describe().catch(() => ''), { timeout: 60_000, interval: 1_000 }).toContain('build-1');
    } finally {
      worker.child.kill('SIGTERM');
      await worker.done;
    }
  }, 240_000);
});
