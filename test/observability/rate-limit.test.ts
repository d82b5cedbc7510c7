/**
 * FABRIC_MAX_REQUESTS_PER_SECOND holds for every Fabric request, status polls included (they are
 * local activities, which Temporal's task-queue limit does not cover): six jobs that each want a
 * poll every second, one worker process limited to 2 requests/s. The emulator's request log must
 * show no 5-second window with more than 2 × 5 + burst (2) = 12 requests.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { spawnWorker } from '../cli/process.js';
import { sample, scrape } from './scrape.js';

const LIMIT = 2;
const BURST = 2; // max(1, ceil(LIMIT)), docs/observability.md
const WINDOW_MS = 5_000;
const JOBS = 6;

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

/** The most entries whose times fall in any window [t, t + width). */
function busiestWindow(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= width) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('FABRIC_MAX_REQUESTS_PER_SECOND', () => {
  it('bounds starts and local-activity polls of one worker process to the rate plus the burst', async () => {
    const worker = spawnWorker(
      h.workerEnv({
        FABRIC_METRICS_ADDRESS: '127.0.0.1:0',
        FABRIC_MAX_REQUESTS_PER_SECOND: String(LIMIT),
      }),
    );
    try {
      await expect.poll(() => worker.output().stdout, { timeout: 90_000, interval: 200 }).toContain('metrics on http://');
      const metricsUrl = /metrics on (http:\/\/\S+)\/metrics/.exec(worker.output().stdout)?.[1] as string;
      const items = await Promise.all(Array.from({ length: JOBS }, () => h.item({ durationMs: 8_000, retryAfterSeconds: 1 })));
      const handles = await Promise.all(
        items.map(({ workspaceId, itemId }) =>
          h.env.client.workflow.start('runFabricJob', {
            taskQueue: h.taskQueue,
            workflowId: `rate-${randomUUID()}`,
            args: [{ workspaceId, itemId, jobType: 'RunNotebook', pollInterval: { minMs: 1_000, maxMs: 1_000 } }],
          }),
        ),
      );
      for (const handle of handles) await handle.result();

      const itemIds = new Set(items.map((item) => item.itemId));
      const requests = (await h.admin.requests()).filter((r) => r.itemId !== undefined && itemIds.has(r.itemId));
      // Each job wants one run request and a poll a second for 8 s (6 × 1/s, three times the limit);
      // held back, each still gets its start and a few polls.
      expect(requests.length).toBeGreaterThanOrEqual(JOBS * 3);
      expect(busiestWindow(requests.map((r) => r.atMs), WINDOW_MS)).toBeLessThanOrEqual(LIMIT * (WINDOW_MS / 1000) + BURST);

      // The limiter did hold requests back (and says so in its metric).
      const text = await scrape(metricsUrl);
      // Notebook jobs are polled on their notebook job instance (getNotebookJobInstance), other jobs on getItemJobInstance.
      const statusReads = ['getItemJobInstance', 'getNotebookJobInstance'].map((operation) => sample(text, 'fabric_rate_limit_wait_seconds_sum', { operation }) ?? 0);
      expect(statusReads.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.done;
    }
  }, 240_000);
});
