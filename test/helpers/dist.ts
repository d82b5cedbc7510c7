/**
 * The compiled program, as users run it (`node dist/client.js`, `node dist/worker.js`, …): process
 * tests spawn these, not tsx. test/global-setup.ts calls `ensureBuilt()` once per run, which runs the
 * build (`tsc -p tsconfig.build.json`, then the prebuilt workflow bundles into dist/) only when dist/
 * is missing or older than a source file, as after `npm ci` (its `prepare` builds) it is not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkflowBundles, WORKFLOW_BUNDLE_FILES } from '../../src/worker/workflow-bundle.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'dist');

/** `dist/<name>.js` for the entry point `src/<name>.ts`, e.g. `compiled('client')`, `compiled('emulator/main')`. */
export function compiled(name: string): string {
  return join(DIST, `${name}.js`);
}

/** What the build writes that the tests use: the CLI, the worker and both workflow bundles. */
const OUTPUTS = [compiled('client'), compiled('worker'), ...Object.values(WORKFLOW_BUNDLE_FILES).map((file) => join(DIST, file))];

function newestSource(): number {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const inputs = [...files.map((file) => join(ROOT, 'src', file)), join(ROOT, 'package.json'), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json')];
  return Math.max(...inputs.map((file) => statSync(file).mtimeMs));
}

/** Builds dist/ (compiled code and workflow bundles) unless it is up to date; says so in one line when it builds. */
export async function ensureBuilt(): Promise<void> {
  const stale = OUTPUTS.some((file) => !existsSync(file) || statSync(file).mtimeMs < newestSource());
  if (!stale) return;
  process.stderr.write('dist/ is missing or older than src/: building it once for this run (tsc, workflow bundles)\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`the build (tsc -p tsconfig.build.json) failed with exit ${result.status}`);
  await buildWorkflowBundles(DIST);
}
