/**
 * Every entry point answers --help and --version without side effects (nothing started, no
 * connection tried: the Temporal address given is closed) and exits 0; bad configuration exits 3.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { killOnExit } from '../helpers/children.js';
import { compiled } from '../helpers/dist.js';
import { cleanEnv, closedAddress, ROOT, type ProcessResult } from './process.js';

const ENTRY_POINTS: Record<string, string> = {
  cli: 'src/client.ts',
  worker: 'src/worker.ts',
  'codec-server': 'src/codec/main.ts',
  emulator: 'src/emulator/main.ts',
  demo: 'src/demo/main.ts',
  bench: 'bench/bench.ts',
  chaos: 'bench/chaos.ts',
  binaries: 'src/devserver/main.ts',
};

/**
 * How users start each: the compiled program (`node dist/…`) for what the package ships; tsx for the
 * development-only entry points (the demo, which runs from src/ by design, and bench/, which is not compiled).
 */
const SHIPPED = new Set(['cli', 'worker', 'codec-server', 'emulator', 'binaries']);
const commandOf = (name: string): string[] =>
  SHIPPED.has(name) ? [process.execPath, compiled(ENTRY_POINTS[name]!.replace(/^src\//, '').replace(/\.ts$/, ''))] : [process.execPath, '--import', 'tsx', ENTRY_POINTS[name]!];

function run(args: string[], env: Record<string, string>, command: string[]): Promise<ProcessResult> {
  const child = killOnExit(spawn(command[0]!, [...command.slice(1), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

describe('entry points', () => {
  it('--help and --version: usage / version on stdout, exit 0, nothing started', { timeout: 300_000 }, async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    // A Temporal address where nothing listens, and no keys: a worker or codec server that started would fail.
    const env = cleanEnv({ TEMPORAL_ADDRESS: await closedAddress() });
    const names = Object.keys(ENTRY_POINTS);
    const results = await Promise.all(names.flatMap((name) => [run(['--help'], env, commandOf(name)), run(['--version'], env, commandOf(name))]));
    names.forEach((name, i) => {
      const help = results[2 * i]!;
      const ver = results[2 * i + 1]!;
      expect(help.code, `${name} --help: ${help.stderr}`).toBe(0);
      expect(help.stdout, name).toMatch(/usage/i);
      expect(ver.code, `${name} --version: ${ver.stderr}`).toBe(0);
      expect(ver.stdout, name).toBe(`${version}\n`);
    });
  });

  it('the codec server without keys: invalid configuration, exit 3', { timeout: 120_000 }, async () => {
    const result = await run([], cleanEnv(), commandOf('codec-server'));
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('fabric-temporal codec-server: invalid configuration (1 problem):');
    expect(result.stderr).toContain('FABRIC_ENCRYPTION_KEYS');
  });

  it("the README's form `npm run -s cli -- … --json` prints exactly one JSON object on stdout", { timeout: 120_000 }, async () => {
    const result = await run(['-s', 'cli', '--', 'pipeline', 'validate', 'examples/pipelines/demo.yaml', '--json'], cleanEnv(), ['npm', 'run']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, problems: [] });
  });
});
