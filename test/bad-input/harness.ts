/**
 * The bad-input corpus's world: the real CLI (and worker) spawned as processes, pointed at a Fabric
 * emulator and at a "tripwire" TCP port standing in for Temporal. A rejected input must leave both
 * untouched: no /v1 request at the emulator, no connection at the tripwire.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { EmulatorAdmin, startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { compiled } from '../helpers/dist.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** One row of the corpus. */
export interface BadInput {
  name: string;
  /** Arguments of the CLI; `{dir}` becomes the directory holding the files, `{item}` a fresh item id. */
  args: string[];
  /** Environment on top of the base one (emulator URL, token auth, tripwire address); `undefined` unsets. */
  env?: Record<string, string | undefined>;
  /** Which program. @default 'cli' */
  program?: 'cli' | 'worker';
  exit: 2 | 3;
  /** Texts the message must contain: the bad value and what is allowed. */
  mentions: string[];
}

export interface Outcome {
  /** The item id `{item}` stood for in this run. */
  itemId: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Corpus {
  /** Writes a file into the corpus directory. */
  file(name: string, text: string): void;
  run(c: BadInput): Promise<Outcome>;
  /** Asserts the row's expectations on its outcome, and that Temporal and Fabric saw nothing. */
  check(c: BadInput, outcome: Outcome): Promise<void>;
  /** Connections the Temporal stand-in has seen; /v1 requests the emulator has seen. */
  reached(): Promise<{ temporal: number; fabric: number }>;
  close(): Promise<void>;
}

async function tripwire(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => count };
}

export async function startCorpus(): Promise<Corpus> {
  const dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
  const emulator: RunningEmulator = await startEmulator({ token: 'corpus-token' });
  const admin = new EmulatorAdmin(emulator.adminUrl);
  const temporal = await tripwire();
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporal.port}`,
    FABRIC_API_URL: emulator.apiUrl,
    FABRIC_AUTH: 'token',
    FABRIC_TOKEN: 'corpus-token',
  };

  function run(c: BadInput): Promise<Outcome> {
    const env: Record<string, string> = { ...baseEnv };
    for (const [key, value] of Object.entries(c.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    const entry = compiled(c.program === 'worker' ? 'worker' : 'client');
    const itemId = randomUUID();
    const args = c.args.map((a) => a.replaceAll('{dir}', dir).replaceAll('{item}', itemId));
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [entry, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // 'close', not 'exit': the output pipes may still hold data when the process has exited.
      child.on('close', (code) => resolve({ itemId, code, stdout, stderr }));
    });
  }

  async function check(c: BadInput, o: Outcome): Promise<void> {
    const where = `exit ${o.code}, stderr:\n${o.stderr}`;
    expect(o.code, where).toBe(c.exit);
    for (const text of c.mentions) expect(o.stderr, `the message should mention ${JSON.stringify(text)}; ${where}`).toContain(text);
    const lines = o.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines[0], where).toMatch(/^fabric-temporal( worker)?: /);
    expect(lines.filter((l) => /^\s+at /.test(l)), `no stack trace; ${where}`).toEqual([]);
    if (c.program !== 'worker') expect(o.stdout, 'nothing on stdout').toBe('');
    expect(temporal.connections(), `connections that reached "Temporal"; ${where}`).toBe(0);
    // Per row (rows run concurrently; each has its own item id), so that a leak points at its row.
    const requests = (await admin.requests()).filter((r) => r.itemId === o.itemId || r.itemId === undefined);
    expect(requests.map((r) => `${r.method} ${r.path}`), 'requests that reached Fabric').toEqual([]);
  }

  return {
    file: (name, text) => writeFileSync(join(dir, name), text),
    run,
    check,
    reached: async () => ({ temporal: temporal.connections(), fabric: (await admin.requests()).length }),
    async close() {
      await new Promise<void>((resolve) => temporal.server.close(() => resolve()));
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const WS = '11111111-1111-1111-1111-111111111111';
/** A fixed item id, for files. */
export const ITEM = '22222222-2222-2222-2222-222222222222';
/** The flags of a valid single job, on the row's own item. */
export const JOB = ['--workspace', WS, '--item', '{item}', '--job-type', 'RunNotebook'];
