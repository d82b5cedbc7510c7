/** Runs the real CLI and worker entry points as child processes, compiled as users run them (`node dist/client.js …`). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killOnExit } from '../helpers/children.js';
import { compiled, ROOT } from '../helpers/dist.js';

export { ROOT };
const CLIENT = compiled('client');
const WORKER = compiled('worker');

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * A clean environment: only PATH and HOME from the test process, the Temporal config file pointed
 * at a file that does not exist (so no user profile leaks in), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: tmpdir(),
    TEMPORAL_CONFIG_FILE: join(tmpdir(), 'fabric-temporal-tests-no-such-config.toml'),
    ...extra,
  };
}

export interface Spawned {
  child: ChildProcess;
  done: Promise<ProcessResult>;
  /** Output so far. */
  output(): { stdout: string; stderr: string };
}

function start(script: string, args: readonly string[], env: Record<string, string>, timeoutMs: number): Spawned {
  const child = killOnExit(spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Starts `fabric-temporal <args>`. */
export function spawnCli(args: readonly string[], env: Record<string, string>, timeoutMs = 90_000): Spawned {
  return start(CLIENT, args, env, timeoutMs);
}

/** Runs `fabric-temporal <args>` to the end. */
export function runCli(args: readonly string[], env: Record<string, string>, timeoutMs?: number): Promise<ProcessResult> {
  return spawnCli(args, env, timeoutMs).done;
}

/** Starts the worker entry point (`npm run worker`). */
export function spawnWorker(env: Record<string, string>, timeoutMs = 120_000): Spawned {
  return start(WORKER, [], env, timeoutMs);
}

/** The one JSON object a `--json` command printed on stdout. */
export function jsonOf(result: ProcessResult): Record<string, unknown> {
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`stdout is not one JSON object (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** An address where nothing listens: a port that was free a moment ago. */
export async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}
