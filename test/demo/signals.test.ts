/**
 * Stopping the demo at any point: Ctrl-C (SIGINT to the whole process group, as a terminal sends
 * it) or SIGTERM to the demo alone. It exits 130, and nothing it started is left running: not the
 * dev server, not the emulator, not the infrastructure host. Even a SIGKILLed demo leaves nothing.
 */
import { describe, expect, it } from 'vitest';
import { demoLauncher, leftovers } from './demo-process.js';

const demo = demoLauncher();

const DEV_SERVER = /temporal server start-dev/;
const EMULATOR = /src\/emulator\/main\.ts/;

describe('stopping the demo', () => {
  it('Ctrl-C mid-pipeline: exits 130, stops everything in order, and a run right after completes', { timeout: 360_000 }, async () => {
    const run = demo([]);
    await run.waitFor(/^\[\d+s\] join: running/m);
    const tree = run.descendants().map((p) => p.command);
    expect(tree.some((command) => DEV_SERVER.test(command))).toBe(true);
    expect(tree.some((command) => EMULATOR.test(command))).toBe(true);

    process.kill(-run.pid, 'SIGINT');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain('SIGINT received: stopping everything');
    expect(result.stderr).toContain('Stopped before pipeline demo ended');
    // In this order, and nothing after (the worker's log is muted once the demo stops).
    const stopping = result.stderr.indexOf('Stopping the worker, the Fabric emulator and the Temporal dev server…');
    expect(stopping).toBeGreaterThanOrEqual(0);
    expect(result.stderr.indexOf('Stopped.\n', stopping)).toBeGreaterThan(stopping);
    expect(result.stderr.endsWith('Stopped.\n')).toBe(true);
    expect(result.stdout).toBe('');
    expect(await leftovers(run.marker)).toEqual([]);

    const next = demo(['--json']);
    const after = await next.done;
    expect(after.code, after.stderr).toBe(0);
    expect((JSON.parse(after.stdout) as { status: string }).status).toBe('Completed');
    expect(await leftovers(next.marker)).toEqual([]);
  });

  it('Ctrl-C on `npm run demo` mid-pipeline (npm, tsx and the demo all get it): leaves nothing running', { timeout: 240_000 }, async () => {
    const run = demo([], { launcher: 'npm' });
    await run.waitFor(/^\[\d+s\] load-orders: running \(job /m);
    process.kill(-run.pid, 'SIGINT');
    const result = await run.done;
    // npm itself dies of the SIGINT (or exits 130). Below it, the demo stops everything in order, or,
    // if tsx's signal relay loses patience and SIGKILLs it, its infrastructure host does.
    expect(result.code === 130 || result.signal === 'SIGINT', `${result.code} ${result.signal}`).toBe(true);
    expect(await leftovers(run.marker, 20_000)).toEqual([]);
  });

  it('SIGTERM to the demo process alone while the dev server starts: exits 130, leaves nothing running', { timeout: 120_000 }, async () => {
    const run = demo([]);
    await run.waitForProcess(DEV_SERVER);
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain('SIGTERM received: stopping everything');
    expect(result.stderr).toContain('Stopped.');
    expect(await leftovers(run.marker)).toEqual([]);
  });

  it('SIGKILL of the demo (no chance to clean up): its infrastructure host still stops the dev server and the emulator', { timeout: 120_000 }, async () => {
    const run = demo([]);
    await run.waitFor(/Started pipeline demo/);
    expect(run.descendants().some((p) => DEV_SERVER.test(p.command))).toBe(true);
    run.child.kill('SIGKILL');
    const result = await run.done;
    expect(result.signal).toBe('SIGKILL');
    expect(await leftovers(run.marker, 20_000)).toEqual([]);
  });
});
