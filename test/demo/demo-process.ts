/**
 * Runs the demo as a real process, in its own process group like a terminal job, and inspects its
 * process tree through /proc (Linux) to prove that nothing outlives it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface DemoResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface DemoProcess {
  child: ChildProcess;
  pid: number;
  /** In the environment of the demo and of everything it starts (see `leftovers`). */
  marker: string;
  done: Promise<DemoResult>;
  output(): string;
  /** Resolves with the first match of `re` in stdout + stderr (from the start); rejects if the demo ends first. */
  waitFor(re: RegExp): Promise<RegExpMatchArray>;
  /** Every process below the demo now (pid, command). */
  descendants(): ProcessInfo[];
  /** Resolves once a process below the demo has a command line matching `re`; rejects if the demo ends first. */
  waitForProcess(re: RegExp): Promise<ProcessInfo>;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

/** How to start it: `npm run demo -- ...` (the README's command) or `node --import tsx src/demo/main.ts` (no wrapper). */
export type Launcher = 'npm' | 'node';

function readStat(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ...; comm may hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(ppid), state: state!, command };
  } catch {
    return undefined;
  }
}

function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((info): info is ProcessInfo => info !== undefined);
}

/** All processes below `root`, by ppid. */
export function descendantsOf(root: number): ProcessInfo[] {
  const all = allProcesses();
  const found: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const info of all.filter((p) => p.ppid === parent)) {
      found.push(info);
      queue.push(info.pid);
    }
  }
  return found;
}

const MARKER = 'FABRIC_DEMO_TEST_RUN';

function hasMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${MARKER}=${marker}`);
  } catch {
    return false;
  }
}

/**
 * Processes (not zombies) that the demo run `marker` started and that still run — wherever they
 * are in the tree now (an orphan is re-parented), found by the marker every child inherits.
 */
export function runningWithMarker(marker: string): ProcessInfo[] {
  return allProcesses().filter((info) => info.state !== 'Z' && hasMarker(info.pid, marker));
}

/** What the run `marker` left running after giving it `graceMs` to go (normally nothing). */
export async function leftovers(marker: string, graceMs = 5_000): Promise<ProcessInfo[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const left = runningWithMarker(marker);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The environment of a fresh shell: PATH (Node 24 first, the Temporal CLI) and a HOME of its own. */
export function demoEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...extra };
}

export function spawnDemo(args: readonly string[], options: { launcher?: Launcher; env?: Record<string, string>; timeoutMs?: number } = {}): DemoProcess {
  const [command, argv] =
    options.launcher === 'npm' ? ['npm', ['run', '--silent', 'demo', '--', ...args]] : [process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'demo', 'main.ts'), ...args]];
  const marker = randomUUID();
  const env = { ...(options.env ?? demoEnv()), [MARKER]: marker };
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  const watchers: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const watcher of watchers.splice(0)) {
      const match = watcher.re.exec(stdout + stderr);
      if (match) watcher.resolve(match);
      else watchers.push(watcher);
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), check()));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), check()));
  // A safety net only: a demo that hangs is killed (with its group) and the test fails on its exit.
  const timer = setTimeout(() => killGroup(child.pid!), options.timeoutMs ?? 240_000);
  const done = new Promise<DemoResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    pid: child.pid!,
    marker,
    done,
    output: () => stdout + stderr,
    waitFor(re) {
      return new Promise((resolve, reject) => {
        watchers.push({ re, resolve });
        check();
        void done.then(() => reject(new Error(`the demo ended before printing ${re}:\n${stdout}\n${stderr}`)));
      });
    },
    descendants: () => descendantsOf(child.pid!),
    async waitForProcess(re) {
      let ended = false;
      void done.then(() => (ended = true));
      for (;;) {
        const found = descendantsOf(child.pid!).find((info) => re.test(info.command));
        if (found) return found;
        if (ended) throw new Error(`the demo ended before starting a process matching ${re}:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** SIGKILLs the demo's process group (cleanup after a failed test). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Cleanup after a failed test: everything the run started, wherever it is now. */
export function killRun(demo: DemoProcess): void {
  killGroup(demo.pid);
  for (const info of runningWithMarker(demo.marker)) {
    try {
      process.kill(info.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** spawnDemo for one test file: every demo a test starts is killed after that test. */
export function demoLauncher(): typeof spawnDemo {
  const started: DemoProcess[] = [];
  afterEach(() => {
    for (const run of started.splice(0)) killRun(run);
  });
  return (...args) => {
    const run = spawnDemo(...args);
    started.push(run);
    return run;
  };
}
