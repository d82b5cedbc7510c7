/**
 * `npm run bench:startup -- [--runs N] [--client FILE] [--json]`: how fast the compiled CLI
 * (`node dist/client.js`, or another build's `--client`, to compare) starts. Needs `npm run build` first. Each figure is the median of N runs (default 5), with the
 * 1-minute load average read right after it (a busy machine makes every figure slower; compare
 * figures taken on a quiet one):
 *
 * - `--version`, `--help`, `pipeline validate examples/pipelines/demo.yaml`: spawn to exit;
 * - `status <id>`, `list`: spawn to the first connection to Temporal — a TCP server of this script
 *   stands in for the frontend (TEMPORAL_ADDRESS) and the CLI is stopped once it has connected.
 *
 * Targets (issue 27): ≤ 0.2 s for the first three, ≤ 0.3 s to the first request for the others.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/child.js';
import { percentile, round } from './lib/stats.js';

interface Case {
  name: string;
  args: string[];
  /** `exit`: spawn to exit; `request`: spawn to the first connection to the stand-in Temporal. */
  until: 'exit' | 'request';
  targetSeconds: number;
}

const CASES: Case[] = [
  { name: '--version', args: ['--version'], until: 'exit', targetSeconds: 0.2 },
  { name: '--help', args: ['--help'], until: 'exit', targetSeconds: 0.2 },
  { name: 'pipeline validate examples/pipelines/demo.yaml', args: ['pipeline', 'validate', join('examples', 'pipelines', 'demo.yaml')], until: 'exit', targetSeconds: 0.2 },
  { name: 'status <id> (to the first request)', args: ['status', 'bench-startup'], until: 'request', targetSeconds: 0.3 },
  { name: 'list (to the first request)', args: ['list'], until: 'request', targetSeconds: 0.3 },
];


/** A TCP server standing in for the Temporal frontend: it reports each connection, and says nothing. */
async function standInTemporal(): Promise<{ address: string; nextConnection(): Promise<number>; close(): Promise<void> }> {
  let waiting: ((at: number) => void) | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    waiting?.(performance.now());
    waiting = undefined;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    nextConnection: () => new Promise((resolve) => (waiting = resolve)),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function once(test: Case, temporal: Awaited<ReturnType<typeof standInTemporal>>): Promise<number> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: tmpdir(),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_CONFIG_FILE: join(tmpdir(), 'fabric-temporal-bench-no-such-config.toml'),
  };
  const connected = test.until === 'request' ? temporal.nextConnection() : undefined;
  const started = performance.now();
  const child = spawn(process.execPath, [CLIENT, ...test.args], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ at: number; code: number | null }>((resolve) => child.on('exit', (code) => resolve({ at: performance.now(), code })));
  if (connected) {
    const first = await Promise.race([connected, exited.then(() => undefined)]);
    child.kill('SIGKILL');
    await exited;
    if (first === undefined) throw new Error(`${test.name}: the CLI exited before it connected:\n${stderr}`);
    return first - started;
  }
  const { at, code } = await exited;
  if (code !== 0) throw new Error(`${test.name}: exit ${code}:\n${stderr}`);
  return at - started;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, client: { type: 'string', default: join(repoRoot, 'dist', 'client.js') }, json: { type: 'boolean', default: false } } });
const CLIENT = values.client;
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('startup: --runs must be a whole number of at least 1\n');
  process.exit(2);
}
if (!existsSync(CLIENT)) {
  process.stderr.write(`startup: ${CLIENT} not found: run \`npm run build\` first\n`);
  process.exit(2);
}

const temporal = await standInTemporal();
const results: { name: string; medianSeconds: number; targetSeconds: number; withinTarget: boolean; loadAverage1m: number; runsSeconds: number[] }[] = [];
try {
  for (const test of CASES) {
    await once(test, temporal); // warm the file system cache, not counted
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await once(test, temporal)) / 1000);
    const medianSeconds = round(percentile(times, 50), 3);
    results.push({ name: test.name, medianSeconds, targetSeconds: test.targetSeconds, withinTarget: medianSeconds <= test.targetSeconds, loadAverage1m: round(loadavg()[0] ?? 0, 2), runsSeconds: times.map((t) => round(t, 3)) });
  }
} finally {
  await temporal.close();
}

const cores = availableParallelism();
if (values.json) {
  process.stdout.write(`${JSON.stringify({ node: process.versions.node, client: CLIENT, cores, runs, results }, null, 2)}\n`);
} else {
  process.stdout.write(`CLI start-up, compiled (node ${process.versions.node}, ${CLIENT}), median of ${runs} runs; ${cores} cores\n`);
  process.stdout.write('| command | median s | target s | load average (1 min) |\n|---|---|---|---|\n');
  for (const r of results) process.stdout.write(`| ${r.name} | ${r.medianSeconds.toFixed(3)} | ≤ ${r.targetSeconds} ${r.withinTarget ? '✓' : '✗'} | ${r.loadAverage1m} |\n`);
  if (results.some((r) => r.loadAverage1m > cores)) process.stdout.write(`The load average was above the ${cores} cores: the machine was busy, so these figures are slower than on a quiet one.\n`);
}
