/**
 * No worker on the task queue: `run`, `start`, `status`, `pipeline start` and `refresh --no-wait`
 * say so within seconds (naming the queue and how to start a worker), the run waits, and a waiting
 * `run` says when a worker appears and goes on to the end.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from './harness.js';
import { jsonOf, runCli, spawnCli, spawnWorker } from './process.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

const warning = (queue: string) => `no worker polls task queue "${queue}" in namespace "${h.namespace}"`;

describe('no worker polls the task queue', () => {
  it('run says so within seconds, keeps waiting, and goes on when a worker starts', async () => {
    const queue = `lonely-${randomUUID()}`;
    // A job long enough for the CLI's next look at the queue (every 5 s) to see the worker before it ends.
    const { flags } = await h.item({ durationMs: 20_000 });
    const run = spawnCli(['run', ...flags, '--workflow-id', `nw-${queue}`, '--json'], h.cliEnv({ FABRIC_TASK_QUEUE: queue }));
    // Long before the first progress line (--progress-interval, 1 m by default).
    await expect.poll(() => run.output().stderr, { timeout: 30_000, interval: 200 }).toContain(warning(queue));
    expect(run.output().stderr).toContain(`Start one with FABRIC_TASK_QUEUE=${queue}`);
    expect(run.output().stdout).toBe('');

    // status of the waiting run: the same warning, and Running without waiting for a query no worker answers.
    const status = await runCli(['status', `nw-${queue}`, '--json'], h.cliEnv({ FABRIC_TASK_QUEUE: queue }));
    expect(status.code, status.stderr).toBe(0);
    expect(jsonOf(status)).toMatchObject({ workflowId: `nw-${queue}`, status: 'Running', jobInstanceId: null });
    expect(status.stderr).toContain(warning(queue));

    const worker = spawnWorker(h.workerEnv({ FABRIC_TASK_QUEUE: queue }));
    try {
      const result = await run.done;
      expect(result.code, result.stderr).toBe(0);
      expect(jsonOf(result)).toMatchObject({ status: 'Completed' });
      expect(result.stderr).toContain(`a worker now polls task queue "${queue}"; the run goes on`);
      // With the worker polling, status says nothing about workers.
      const after = await runCli(['status', `nw-${queue}`], h.cliEnv({ FABRIC_TASK_QUEUE: queue }));
      expect(after.code, after.stderr).toBe(0);
      expect(after.stderr).not.toContain('no worker');
    } finally {
      worker.child.kill('SIGTERM');
      await worker.done;
    }
  });

  it('start, pipeline start and refresh --no-wait warn on stderr; stdout keeps only the promised output', async () => {
    const queue = `lonely-${randomUUID()}`;
    const env = h.cliEnv({ FABRIC_TASK_QUEUE: queue });
    const { flags } = await h.item({});
    const start = await runCli(['start', ...flags, '--json'], env);
    expect(start.code, start.stderr).toBe(0);
    expect(Object.keys(jsonOf(start))).toEqual(['workflowId', 'runId']);
    expect(start.stderr).toContain(warning(queue));

    const dir = mkdtempSync(join(tmpdir(), 'no-worker-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, `name: lonely\nworkspace: ${randomUUID()}\nsteps:\n  - id: a\n    item: ${randomUUID()}\n    jobType: RunNotebook\n`);
    const pipeline = await runCli(['pipeline', 'start', file], env);
    expect(pipeline.code, pipeline.stderr).toBe(0);
    expect(pipeline.stdout).toMatch(/^pipeline-lonely-[0-9a-f]{8}\n$/);
    expect(pipeline.stderr).toContain(warning(queue));

    const refresh = await runCli(['refresh', '--workspace', randomUUID(), '--semantic-model', randomUUID(), '--no-wait'], env);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(refresh.stderr).toContain(warning(queue));
  });

  it('a worker on the queue: no warning', async () => {
    const queue = `busy-${randomUUID()}`;
    const worker = spawnWorker(h.workerEnv({ FABRIC_TASK_QUEUE: queue }));
    try {
      await expect.poll(() => worker.output().stdout, { timeout: 60_000, interval: 200 }).toContain('fabric-temporal worker ready');
      const { flags } = await h.item({});
      const result = await runCli(['run', ...flags], h.cliEnv({ FABRIC_TASK_QUEUE: queue }));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('no worker');
    } finally {
      worker.child.kill('SIGTERM');
      await worker.done;
    }
  });
});
