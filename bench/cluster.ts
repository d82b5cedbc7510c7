/**
 * `npm run cluster -- [--action build|up] [--history-shards N]`: the benchmark's Temporal cluster on
 * its own (not part of CI). `build` builds the released server from the Go module proxy into the
 * cache (~/.cache/fabric-temporal-cluster) and prints what it took; `up` also starts a throw-away
 * PostgreSQL 15 and the server on 127.0.0.1 with the `default` namespace, prints the address, and
 * tears everything down on Ctrl-C / SIGTERM (exit code 130). See docs/benchmarks.md "The cluster".
 */
import { execFileSync } from 'node:child_process';
import { runScript } from './lib/args.js';
import { clusterCacheDir, ensureTemporalBuild } from './lib/temporal-build.js';
import { TemporalCluster } from './lib/temporal-cluster.js';

const FLAGS = {
  action: { choices: ['build', 'up'] as const, default: 'up' as 'build' | 'up', what: 'build the server only, or build and run the cluster until Ctrl-C' },
  'history-shards': { default: 8, min: 1, max: 1_024, what: 'history shards' },
};

function diskUse(path: string): string {
  try {
    return execFileSync('du', ['-sh', path], { encoding: 'utf8' }).split('\t')[0] ?? '?';
  } catch {
    return '?';
  }
}

await runScript('npm run cluster --', FLAGS, async (flags) => {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const t0 = Date.now();
  const build = await ensureTemporalBuild({ log });
  log(`server build: ${build.buildSeconds > 0 ? `${build.buildSeconds} s` : 'from the cache'}; ${build.server}; cache ${clusterCacheDir()} uses ${diskUse(clusterCacheDir())}`);
  if (flags.action === 'build') return 0;
  const cluster = await TemporalCluster.start({ historyShards: flags['history-shards'], log });
  log(`cluster up ${((Date.now() - t0) / 1000).toFixed(1)} s after the command started; PostgreSQL data ${diskUse(cluster.postgres.dir)}`);
  console.log(`TEMPORAL_ADDRESS=${cluster.address}`);
  log('Ctrl-C stops the server and PostgreSQL and removes their files (exit code 130)');
  // Runs until interrupted: runScript's signal handler tears the cluster down.
  const reportDisk = setInterval(() => log(`PostgreSQL data: ${diskUse(cluster.postgres.dir)}`), 300_000);
  await new Promise<never>(() => undefined);
  clearInterval(reportDisk);
  return 0;
});
