/**
 * The npm package as a user gets it: `npm pack` (from the build `prepare` made), installed into a
 * fresh app with `npm install <tarball>` (the @temporalio/* peer dependencies come from the
 * registry), every export type-checked from that app, a worker started from `fabric-temporal/worker`
 * against the emulator and a dev server, and the `fabric-temporal` bin running a job with `--json`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { ROOT } from '../cli/process.js';

const exec = promisify(execFile);
const npm = (args: string[], cwd: string) => exec('npm', args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 64 * 1024 * 1024 });
const EXPORTS = ['./worker', './codec', './workflows', './activities', './fabric', './shared'];

let dir: string;
let app: string;
let h: CliHarness;
let packed: { files: { path: string }[]; filename: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fabric-temporal-pack-'));
  if (!existsSync(join(ROOT, 'dist', 'worker.js'))) await npm(['run', 'build'], ROOT);
  // --ignore-scripts: `prepare` already built dist/ (npm ci / npm run build); packing it as it is.
  const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT);
  packed = (JSON.parse(stdout) as (typeof packed)[])[0] as typeof packed;
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const types = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
  await npm(['install', '--no-audit', '--no-fund', join(dir, packed.filename), `typescript@${types.typescript}`, `@types/node@${types['@types/node']}`], app);
  h = await startCliHarness({ worker: false });
}, 600_000);
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the built code and docs, not the sources, tests, benchmarks or CI files', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('dist/worker.js');
    expect(paths).toContain('dist/client.js');
    expect(paths).toContain('dist/workflow-bundle.js');
    expect(paths).toContain('README.md');
    expect(paths.filter((p) => /^(src|test|bench|\.ci)\//.test(p) || /\.test\.|\.map$/.test(p) || /^dist\/(demo|devserver)\//.test(p))).toEqual([]);
  });

  it('type-checks an import of every export in a fresh app', async () => {
    writeFileSync(
      join(app, 'index.ts'),
      [
        "import { createFabricWorker, type FabricWorkerOptions } from 'fabric-temporal/worker';",
        "import { encryptionDataConverter, EncryptionKeyring } from 'fabric-temporal/codec';",
        "import { runFabricJob } from 'fabric-temporal/workflows';",
        "import { createActivities } from 'fabric-temporal/activities';",
        "import { FabricClient, TokenBucket } from 'fabric-temporal/fabric';",
        "import { DEFAULT_TASK_QUEUE, type RunFabricJobInput } from 'fabric-temporal/shared';",
        'export const used = [createFabricWorker, encryptionDataConverter, EncryptionKeyring, runFabricJob, createActivities, FabricClient, TokenBucket, DEFAULT_TASK_QUEUE];',
        'export type Used = [FabricWorkerOptions, RunFabricJobInput];',
        '',
      ].join('\n'),
    );
    // skipLibCheck as apps set it: @temporalio/common's own declarations import `ms` without types.
    // index.ts itself is checked against the package's declarations either way.
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['index.ts'] }),
    );
    const { stdout } = await exec(join(app, 'node_modules', '.bin', 'tsc'), ['-p', app], { cwd: app }).catch((error: { stdout?: string }) => {
      throw new Error(`tsc failed:\n${error.stdout ?? String(error)}`);
    });
    expect(stdout).toBe('');
    const exported = JSON.parse(readFileSync(join(app, 'node_modules', 'fabric-temporal', 'package.json'), 'utf8')).exports as Record<string, unknown>;
    expect(Object.keys(exported).filter((key) => key !== './package.json').sort()).toEqual([...EXPORTS].sort());
  }, 120_000);

  it('starts a worker from fabric-temporal/worker (prebuilt bundle), and its bin runs a job with --json', async () => {
    writeFileSync(
      join(app, 'worker.mjs'),
      `import { NativeConnection } from '@temporalio/worker';
import { createFabricWorker } from 'fabric-temporal/worker';
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
const worker = await createFabricWorker({
  connection, namespace: process.env.TEMPORAL_NAMESPACE, taskQueue: process.env.FABRIC_TASK_QUEUE, shutdownGraceTimeMs: 1000,
  fabric: { apiUrl: process.env.FABRIC_API_URL, auth: { kind: 'token', token: process.env.FABRIC_TOKEN } },
});
const prebuilt = worker.options.workflowBundle !== undefined;
await worker.runUntil(async () => {
  process.stdout.write('embedded worker polling (prebuilt bundle: ' + prebuilt + ')\\n');
  await new Promise((resolve) => process.once('message', resolve));
});
await connection.close();
`,
    );
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['worker.mjs'], { cwd: app, env: h.workerEnv(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => out, { timeout: 90_000, interval: 200 }).toContain('embedded worker polling');
      expect(out).toContain('prebuilt bundle: true');
      const { flags, itemId } = await h.item({});
      const run = await exec('npx', ['fabric-temporal', 'run', ...flags, '--json'], { cwd: app, env: h.cliEnv() });
      const result = JSON.parse(run.stdout) as Record<string, unknown>;
      const [job] = await h.admin.jobs(itemId);
      expect(result).toMatchObject({ status: 'Completed', jobInstanceId: job?.id });
    } finally {
      child.send('stop');
      await exited;
    }
  }, 240_000);
});
