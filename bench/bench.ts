/**
 * `npm run bench -- [--server dev|cluster] [--workers N] [--jobs N] [--duration D] [--retry-after R] [--json]`:
 * fabric-temporal's runFabricJob side by side with a naive baseline (one activity polling in a
 * loop), in one run, on the emulator and a Temporal dev server (SQLite file) or a PostgreSQL-backed
 * cluster (bench/lib/temporal-cluster.ts). See docs/benchmarks.md.
 */
import { runScript } from './lib/args.js';
import { SERVER_KINDS } from './lib/temporal-server.js';
import type { ServerKind } from './lib/temporal-server.js';
import { formatBenchReport } from './bench/report.js';
import { runBench } from './bench/run.js';

const FLAGS = {
  server: { choices: SERVER_KINDS, default: 'dev' as ServerKind, what: 'the Temporal service: the dev server, or the released server on PostgreSQL' },
  workers: { default: 1, min: 1, max: 16, what: 'worker processes per phase, on one task queue' },
  'history-shards': { default: 8, min: 1, max: 1_024, what: 'history shards of the cluster (--server cluster)' },
  jobs: { default: 4_000, min: 1, max: 1_000_000, what: 'runs of fabric-temporal' },
  duration: { default: 300, min: 1, max: 86_400, what: 'seconds each Fabric job runs' },
  'retry-after': { default: 150, min: 1, max: 3_600, what: 'Retry-After seconds the emulator sends' },
  'naive-jobs': { default: 1_000, min: 0, max: 1_000_000, what: 'runs of the naive baseline; 0 = same as --jobs' },
  'naive-slots': { default: 0, min: 0, max: 1_000_000, what: 'activity slots of the naive worker; 0 = one per job' },
  'worker-heap': { default: 0, min: 0, max: 65_536, what: "fabric-temporal worker's V8 heap limit in MiB (--max-old-space-size); 0 = Node's default" },
  'cached-workflows': { default: 0, min: 0, max: 1_000_000, what: "each fabric-temporal worker's workflow cache; 0 = as many as --jobs (with --worker-memory: the worker's own sizing)" },
  'worker-memory': { default: 0, min: 0, max: 1_048_576, what: 'FABRIC_WORKER_MEMORY_MIB of each fabric-temporal worker; 0 = unset' },
};

await runScript('npm run bench --', FLAGS, async (flags) => {
  const log = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
  const report = await runBench({
    jobs: flags.jobs,
    durationS: flags.duration,
    retryAfterS: flags['retry-after'],
    naiveJobs: flags['naive-jobs'] || flags.jobs,
    naiveSlots: flags['naive-slots'] || flags['naive-jobs'] || flags.jobs,
    server: flags.server,
    historyShards: flags['history-shards'],
    workers: flags.workers,
    // With --worker-memory the worker sizes its own cache from it; otherwise the cache holds every run.
    cachedWorkflows: flags['cached-workflows'] || (flags['worker-memory'] ? undefined : flags.jobs),
    workerHeapMiB: flags['worker-heap'] || undefined,
    workerMemoryMiB: flags['worker-memory'] || undefined,
    // Extra Node.js flags for the fabric-temporal workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    workerNodeFlags: (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== ''),
    log,
  });
  console.log(flags.json ? JSON.stringify(report) : formatBenchReport(report));
  return 0;
});
