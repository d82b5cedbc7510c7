/**
 * The emulator CLI (src/emulator/main.ts) as a real process.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WS, newItem } from './helpers.js';
import { killOnExit } from '../helpers/children.js';
import { compiled } from '../helpers/dist.js';

const MAIN = compiled('emulator/main');
const children: ChildProcess[] = [];

function start(args: string[]): ChildProcess {
  const child = killOnExit(spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
  children.push(child);
  return child;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // 'close', not 'exit': the output pipes may still hold data when the process has exited.
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

async function firstLine(child: ChildProcess): Promise<string> {
  let out = '';
  for await (const chunk of child.stdout!) {
    out += (chunk as Buffer).toString();
    if (out.includes('\n')) return out.split('\n')[0]!;
  }
  throw new Error(`the emulator exited without printing a line: ${out}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('emulator CLI', () => {
  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port', 'abc'], '--port must be an integer'],
    [['--port', '70000'], '--port must be an integer'],
    [['--page-size', '0'], '--page-size must be an integer'],
    [['extra'], 'positional'],
    [['--empty-catalog', '--catalog-file', 'c.json'], '--catalog-file and --empty-catalog exclude each other'],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const { code, stdout, stderr } = await finish(start(args));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it('exits 2 on a scenario file that does not match the format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ default: { outcome: 'Exploded' } }));
    const { code, stderr } = await finish(start(['--scenario-file', file]));
    expect(code).toBe(2);
    expect(stderr).toContain('default.outcome');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('serves on the given port with the scenario file and token, and exits 0 on %s', async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    const file = join(dir, 'scenarios.json');
    const item = newItem();
    writeFileSync(file, JSON.stringify({ default: { durationMs: 60_000 }, items: { [item]: { outcome: 'Deduped' } } }));
    const port = await freePort();
    const child = start(['--port', String(port), '--token', 'cli-token', '--scenario-file', file, '--page-size', '5']);
    expect(await firstLine(child)).toBe(`Fabric emulator listening on http://127.0.0.1:${port}/v1`);

    const base = `http://127.0.0.1:${port}/v1/workspaces/${WS}/items/${item}/jobs`;
    const headers = { Authorization: 'Bearer cli-token' };
    expect((await fetch(`${base}/instances?jobType=X`, { method: 'POST', headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    const run = await fetch(`${base}/instances?jobType=X`, { method: 'POST', headers });
    expect(run.status).toBe(202);
    const job = (await (await fetch(run.headers.get('location')!, { headers })).json()) as { status: string };
    expect(job.status).toBe('Deduped');

    const exit = finish(child);
    child.kill(signal);
    expect((await exit).code).toBe(0);
  });

  it('starts with the sample catalog (two workspaces, items of each type), or none with --empty-catalog', async () => {
    const headers = { Authorization: 'Bearer t' };
    const names = async (args: string[]) => {
      const port = await freePort();
      const child = start(['--port', String(port), ...args]);
      await firstLine(child);
      try {
        const workspaces = ((await (await fetch(`http://127.0.0.1:${port}/v1/workspaces`, { headers })).json()) as { value: { id: string; displayName: string }[] }).value;
        const prod = workspaces.find((w) => w.displayName === 'Sales Prod');
        const items = prod ? ((await (await fetch(`http://127.0.0.1:${port}/v1/workspaces/${prod.id}/items`, { headers })).json()) as { value: { type: string }[] }).value : [];
        return { workspaces: workspaces.map((w) => w.displayName), types: new Set(items.map((i) => i.type)) };
      } finally {
        child.kill('SIGTERM');
      }
    };
    const sample = await names([]);
    expect(sample.workspaces).toEqual(['Sales Prod', 'Sales Dev']);
    for (const type of ['Notebook', 'DataPipeline', 'Lakehouse', 'SparkJobDefinition', 'Dataflow', 'SemanticModel']) expect(sample.types).toContain(type);
    expect((await names(['--empty-catalog'])).workspaces).toEqual([]);
  });
});
