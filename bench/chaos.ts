/**
 * `npm run chaos -- [--server dev|cluster] [--workers N] [--jobs N] [--kills K] [--json]`: jobs of
 * varied durations and outcomes run while a worker process is SIGKILLed K times and the Temporal
 * server once. Exit 0 only when no run
 * was lost, no Fabric job was started twice and none was left running. See docs/reliability.md.
 */
import { runScript } from './lib/args.js';
import { SERVER_KINDS } from './lib/temporal-server.js';
import type { ServerKind } from './lib/temporal-server.js';
import { chaosPassed } from './chaos/analyze.js';
import { formatChaosReport } from './chaos/report.js';
import { runChaos } from './chaos/run.js';

const FLAGS = {
  server: { choices: SERVER_KINDS, default: 'dev' as ServerKind, what: 'the Temporal service: the dev server, or the released server on PostgreSQL' },
  workers: { default: 1, min: 1, max: 16, what: 'worker processes on the task queue; each kill hits one of them' },
  jobs: { default: 500, min: 1, max: 100_000, what: 'runs to start' },
  kills: { default: 10, min: 0, max: 1_000, what: 'worker SIGKILLs' },
  'max-duration': { default: 60, min: 2, max: 3_600, what: 'longest Fabric job, in seconds' },
  'start-window': { default: 60, min: 0, max: 3_600, what: 'starts are spread over this many seconds' },
  seed: { default: 0, min: 0, max: 2 ** 31, what: 'random seed; 0 picks one' },
};

await runScript('npm run chaos --', FLAGS, async (flags) => {
  const seed = flags.seed === 0 ? Math.floor(Math.random() * 2 ** 31) + 1 : flags.seed;
  const log = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
  const report = await runChaos({
    jobs: flags.jobs,
    kills: flags.kills,
    maxDurationS: flags['max-duration'],
    startWindowS: flags['start-window'],
    seed,
    server: flags.server,
    workers: flags.workers,
    log,
  });
  if (flags.json) console.log(JSON.stringify(report));
  else console.log(formatChaosReport(report));
  return chaosPassed(report.verdict) ? 0 : 1;
});
