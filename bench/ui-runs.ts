/**
 * `npx tsx bench/ui-runs.ts [--runs N] [--samples N]`: how fast `fabric-temporal ui` answers the
 * first page of the runs list in a namespace holding N runs (default 10,000). It starts a Temporal
 * dev server (in memory), starts N `runFabricJob` runs on a task queue no worker polls (they stay
 * Running: every one is a candidate row), then asks the view's server for `/` over HTTP, the way a
 * browser does, `--samples` times (default 7), and prints the median and the worst with the
 * 1-minute load average (a busy machine makes every figure slower: compare figures taken on a
 * quiet one). Target (issue 23): under a second.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CliContext } from '../src/commands/context.js';
import { startDevServer } from '../src/devserver/start.js';
import { RUN_FABRIC_JOB_WORKFLOW } from '../src/shared.js';
import { startUiServer } from '../src/ui/server.js';
import { percentile, round } from './lib/stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, samples: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const samples = Number(values.samples);

const env = await startDevServer();
try {
  const client = env.client;
  const taskQueue = `bench-ui-${randomUUID()}`;
  let next = 0;
  const startedAt = Date.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < runs) {
        const n = next++;
        await client.workflow.start(RUN_FABRIC_JOB_WORKFLOW, {
          taskQueue,
          workflowId: `bench-ui-${n}`,
          args: [{ workspaceId: randomUUID(), itemId: randomUUID(), jobType: 'RunNotebook' }],
          memo: { workspaceId: randomUUID(), itemId: randomUUID(), jobType: 'RunNotebook' },
        });
      }
    }),
  );
  process.stderr.write(`started ${runs} runs in ${round((Date.now() - startedAt) / 1000, 1)} s\n`);
  // Visibility is eventually consistent: wait until it counts them all.
  for (;;) {
    const { count } = await client.workflow.count(`WorkflowType = '${RUN_FABRIC_JOB_WORKFLOW}'`);
    if (count >= runs) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const ctx = new CliContext({ stdout: process.stderr, stderr: process.stderr, stderrIsTTY: false, env: { PATH: process.env.PATH ?? '', TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default' } });
  const ui = await startUiServer(ctx, { port: 0 });
  try {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < samples + 1; i++) {
      const t0 = performance.now();
      const response = await fetch(ui.url);
      const html = await response.text();
      const ms = performance.now() - t0;
      if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
      rows = html.match(/<tr data-workflow-id=/g)?.length ?? 0;
      if (i > 0) times.push(ms); // the first request also connects to Temporal
    }
    times.sort((a, b) => a - b);
    const result = { runs, rowsOnFirstPage: rows, medianMs: round(percentile(times, 50), 0), worstMs: round(times.at(-1)!, 0), loadAverage1m: round(loadavg()[0]!, 2), cores: (await import('node:os')).availableParallelism() };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await ui.close();
    await ctx.close();
  }
} finally {
  await env.teardown();
}
