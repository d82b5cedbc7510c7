/**
 * Start-up: `--version`, `--help` and `pipeline validate` load no Temporal SDK, no @azure/identity,
 * no HTTP client and no OpenTelemetry (they need none of them), while a command that talks to
 * Temporal still loads the SDK when it connects. Real CLI processes, their loaded modules recorded
 * by a preloaded hook (test/helpers/record-modules.mjs). The timings themselves: bench/startup.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, closedAddress, ROOT } from './process.js';
import { compiled } from '../helpers/dist.js';

const HEAVY = ['@temporalio/client/', '@temporalio/worker/', '@temporalio/proto/', '@azure/identity/', '@opentelemetry/', 'got/'];

async function loadedBy(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'startup-')), 'modules.txt');
  const env = cleanEnv({ RECORD_MODULES_FILE: file, TEMPORAL_ADDRESS: await closedAddress() });
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'test', 'helpers', 'record-modules.mjs'), compiled('client'), ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, modules: readFileSync(file, 'utf8').split('\n') };
}

const heavyIn = (modules: string[]) => modules.filter((url) => HEAVY.some((name) => url.includes(`/node_modules/${name}`)));

describe('start-up loads only what the command needs', () => {
  it.each([[['--version']], [['--help']], [['run', '--help']], [['pipeline', 'validate', join('examples', 'pipelines', 'demo.yaml')]]])('%j: no Temporal SDK, Azure identity, HTTP client or OpenTelemetry', async (args) => {
    const { code, modules } = await loadedBy(args);
    expect(code).toBe(0);
    expect(modules.length).toBeGreaterThan(0);
    expect(heavyIn(modules)).toEqual([]);
  });

  it('a command that talks to Temporal loads the SDK when it connects (the recording sees it)', async () => {
    const { code, modules } = await loadedBy(['status', 'some-id']);
    expect(code).toBe(3); // nothing listens at the address
    expect(modules.some((url) => url.includes('/node_modules/@temporalio/worker'))).toBe(true);
  });
});
