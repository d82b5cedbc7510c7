/**
 * `npm run bench -- [--jobs N] [--duration D] [--retry-after R] [--json]`: fabric-temporal's
 * runFabricJob side by side with a naive baseline (one activity polling in a loop), in one run, on
 * the emulator and a Temporal dev server (SQLite file). See docs/benchmarks.md.
 */
import { runScript } from './lib/args.js';
import { formatBenchReport } from './bench/report.js';
import { runBench } from './bench/run.js';

const FLAGS = {
  jobs: { default: 4_000, min: 1, max: 1_000_000, what: 'runs of fabric-temporal' },
  duration: { default: 300, min: 1, max: 86_400, what: 'seconds each Fabric job runs' },
  'retry-after': { default: 150, min: 1, max: 3_600, what: 'Retry-After seconds the emulator sends' },
  'naive-jobs': { default: 1_000, min: 0, max: 1_000_000, what: 'runs of the naive baseline; 0 = same as --jobs' },
  'naive-slots': { default: 0, min: 0, max: 1_000_000, what: 'activity slots of the naive worker; 0 = one per job' },
  'worker-heap': { default: 0, min: 0, max: 65_536, what: "fabric-temporal worker's V8 heap limit in MiB (--max-old-space-size); 0 = Node's default" },
  'cached-workflows': { default: 1_000, min: 0, max: 1_000_000, what: "fabric-temporal worker's workflow cache; 0 = the SDK default" },
};

await runScript('npm run bench --', FLAGS, async (flags) => {
  const log = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
  const report = await runBench({
    jobs: flags.jobs,
    durationS: flags.duration,
    retryAfterS: flags['retry-after'],
    naiveJobs: flags['naive-jobs'] || flags.jobs,
    naiveSlots: flags['naive-slots'] || flags['naive-jobs'] || flags.jobs,
    cachedWorkflows: flags['cached-workflows'] || undefined,
    workerHeapMiB: flags['worker-heap'] || undefined,
    log,
  });
  console.log(flags.json ? JSON.stringify(report) : formatBenchReport(report));
  return 0;
});
