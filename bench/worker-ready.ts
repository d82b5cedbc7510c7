/**
 * `npm run bench:worker-ready -- [--runs N] [--json]`: how long the worker takes to be ready and how
 * much memory it holds then, with the workflow bundle built at start (webpack in the worker, as
 * before `npm run build` prebuilt it) and with the prebuilt bundle (`workflowBundle`).
 *
 * Needs `npm run build` first. Both variants run the same compiled `dist/worker.js`: the
 * "bundled at start" one from a copy of dist/ without the bundle files (under .cache/, so that
 * node_modules still resolves). Each run: a fresh `node worker.js` against one local dev server
 * (token auth; no Fabric call is made), timed from spawn to its "ready" line, VmRSS read from
 * /proc right then, and the peak RSS over the start. Runs alternate between the variants.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDevServer } from '../src/devserver/start.js';
import { WORKFLOW_BUNDLE_FILES } from '../src/worker/workflow-bundle.js';
import { repoRoot } from './lib/child.js';
import { ProcSampler, readProc } from './lib/proc-sampler.js';
import { mean, round } from './lib/stats.js';

interface Reading {
  variant: string;
  readyMs: number;
  rssReadyMiB: number;
  rssPeakMiB: number;
}

const MiB = 1024 * 1024;

async function measure(variant: string, entry: string, address: string): Promise<Reading> {
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', FABRIC_AUTH: 'token', FABRIC_TOKEN: 'bench', FABRIC_API_URL: 'http://127.0.0.1:9/v1', FABRIC_TASK_QUEUE: `ready-${Date.now()}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new ProcSampler(child.pid as number, 50);
  let output = '';
  const ready = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${variant}: no ready line in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('fabric-temporal worker ready')) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${variant}: exited ${code} before ready:\n${output}`)));
  });
  const atReady = readProc(child.pid as number);
  const peak = sampler.stop();
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { variant, readyMs: ready, rssReadyMiB: (atReady?.rssBytes ?? 0) / MiB, rssPeakMiB: Math.max(peak.rssBytes, atReady?.rssBytes ?? 0) / MiB };
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const dist = join(repoRoot, 'dist');
if (!existsSync(join(dist, 'worker.js')) || !existsSync(join(dist, WORKFLOW_BUNDLE_FILES.plain))) {
  process.stderr.write('worker-ready: run `npm run build` first (dist/worker.js and the workflow bundle)\n');
  process.exit(2);
}
const unbundled = join(repoRoot, '.cache', 'bench-dist-unbundled');
rmSync(unbundled, { recursive: true, force: true });
cpSync(dist, unbundled, { recursive: true });
for (const file of Object.values(WORKFLOW_BUNDLE_FILES)) rmSync(join(unbundled, file), { force: true });

const server = await startDevServer();
const readings: Reading[] = [];
const loadBefore = loadavg()[0] as number;
try {
  for (let i = 0; i < runs; i += 1) {
    readings.push(await measure('bundled at start', join(unbundled, 'worker.js'), server.address));
    readings.push(await measure('prebuilt bundle', join(dist, 'worker.js'), server.address));
  }
} finally {
  await server.teardown();
  rmSync(unbundled, { recursive: true, force: true });
}

const summary = ['bundled at start', 'prebuilt bundle'].map((variant) => {
  const mine = readings.filter((r) => r.variant === variant);
  const stat = (pick: (r: Reading) => number) => ({ mean: round(mean(mine.map(pick)), 1), min: round(Math.min(...mine.map(pick)), 1), max: round(Math.max(...mine.map(pick)), 1) });
  return { variant, runs: mine.length, readySeconds: stat((r) => r.readyMs / 1000), rssReadyMiB: stat((r) => r.rssReadyMiB), rssPeakMiB: stat((r) => r.rssPeakMiB) };
});
if (values.json) {
  process.stdout.write(`${JSON.stringify({ loadAverage1m: round(loadBefore, 2), summary, readings }, null, 2)}\n`);
} else {
  process.stdout.write(`load average (1 min) before: ${round(loadBefore, 2)}\n`);
  process.stdout.write('| variant | runs | time to ready s (mean, min–max) | RSS when ready MiB | peak RSS during start MiB |\n|---|---|---|---|---|\n');
  for (const s of summary) {
    const f = (x: { mean: number; min: number; max: number }) => `${x.mean} (${x.min}–${x.max})`;
    process.stdout.write(`| ${s.variant} | ${s.runs} | ${f(s.readySeconds)} | ${f(s.rssReadyMiB)} | ${f(s.rssPeakMiB)} |\n`);
  }
}
