/**
 * Child processes for the chaos run and the benchmark: spawn, capture output, wait for a line,
 * SIGKILL, wait for the exit. TypeScript entry points run as `node --import tsx <file>` (the same
 * as `tsx <file>` without the wrapper process, so that a SIGKILL reaches the real process).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { onInterrupt } from './cleanup.js';

/** The repository root (bench/lib/../..). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildOptions {
  /** Shown in errors and log lines. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Keep this many last output lines for error messages. @default 40 */
  keepLines?: number;
  /** Also append every output line to this file. @default none */
  logFile?: string;
}

export class Child {
  readonly process: ChildProcess;
  private readonly lines: string[] = [];
  private readonly watchers: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly options: ChildOptions) {
    this.process = spawn(options.command, options.args, {
      cwd: repoRoot,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = options.keepLines ?? 40;
    const logFile = options.logFile;
    const onData = (chunk: Buffer) => {
      if (logFile) appendFileSync(logFile, chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        this.lines.push(line);
        if (this.lines.length > keep) this.lines.shift();
        for (const w of this.watchers.splice(0)) {
          const m = w.re.exec(line);
          if (m) w.resolve(m);
          else this.watchers.push(w);
        }
      }
    };
    this.process.stdout?.on('data', onData);
    this.process.stderr?.on('data', onData);
    const unregister = onInterrupt(() => this.kill());
    this.exited = new Promise((resolve) =>
      this.process.once('exit', (code, signal) => {
        unregister();
        resolve(signal ? null : code);
      }),
    );
  }

  get pid(): number {
    const pid = this.process.pid;
    if (pid === undefined) throw new Error(`${this.options.name} has no pid (it failed to spawn)`);
    return pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The last output lines, for error messages. */
  tail(): string {
    return this.lines.join('\n');
  }

  /** Resolves with the first output line (from now on) matching `re`; rejects if the process exits or `timeoutMs` passes. */
  waitForLine(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.name}: no line matching ${re} within ${timeoutMs} ms. Output:\n${this.tail()}`)), timeoutMs);
      this.watchers.push({
        re,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${this.options.name} exited (code ${code}) before printing ${re}. Output:\n${this.tail()}`));
      });
    });
  }

  /** SIGKILL, then wait for the exit. */
  async kill(): Promise<void> {
    if (this.running) this.process.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** `node [...nodeFlags] --import tsx <file> ...args` under the current Node. */
export function tsNode(name: string, file: string, args: string[] = [], env?: NodeJS.ProcessEnv, nodeFlags: string[] = [], logFile?: string): Child {
  // Compiled JavaScript (dist/) runs as deployed, without the TypeScript loader.
  const loader = file.endsWith('.js') ? [] : ['--import', 'tsx'];
  return new Child({ name, command: process.execPath, args: [...nodeFlags, ...loader, file, ...args], ...(env ? { env } : {}), ...(logFile ? { logFile } : {}) });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (`wanted` 0: any, from the kernel's ephemeral range). */
export async function freePort(wanted = 0): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A free port below `limit` (Temporal stores membership ports as a SQL smallint, so below 32768). */
export async function freePortBelow(limit: number, from = 10_000): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const candidate = from + Math.floor(Math.random() * (limit - from));
    try {
      return await freePort(candidate);
    } catch {
      // taken: try another
    }
  }
  throw new Error(`no free port between ${from} and ${limit} after 100 tries`);
}
