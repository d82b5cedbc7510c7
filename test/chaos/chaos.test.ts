/**
 * The small chaos configuration that runs in CI: 20 runs, the worker SIGKILLed twice and the dev
 * server once, through the real `bench/chaos.ts` script (its own processes, its own dev server).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChaosReport } from '../../bench/chaos/run.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/chaos.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chaos (CI configuration)', () => {
  it('loses no run, starts no job twice and leaves none running through 2 worker kills and a dev server kill', async () => {
    const { code, stdout, stderr } = await runScript(['--jobs', '20', '--kills', '2', '--max-duration', '15', '--start-window', '10', '--json']);
    expect(stdout, stderr).toMatch(/^\{/);
    const report = JSON.parse(stdout) as ChaosReport;
    expect(report.workerKills).toBe(2);
    expect(report.serverKills).toBe(1);
    expect(report.verdict.lost, stderr).toEqual([]);
    expect(report.verdict.duplicates).toEqual([]);
    expect(report.verdict.orphans).toEqual([]);
    expect(report.verdict.strayJobs).toBe(0);
    expect(report.verdict.completedAsExpected).toBe(20);
    // One job per run; none only for a run whose timeout passed before its start could POST.
    expect(Object.keys(report.verdict.jobsPerRun).filter((jobs) => jobs !== '0' && jobs !== '1')).toEqual([]);
    expect(report.verdict.jobsPerRun[0] ?? 0).toBe(report.verdict.timedOutBeforeStart);
    expect(code).toBe(0);
  }, 240_000);

  it('refuses a bad flag with exit 2 before starting anything', async () => {
    const { code, stderr } = await runScript(['--jobs', 'many']);
    expect(code).toBe(2);
    expect(stderr).toContain("--jobs must be a whole number from 1 to 100000 (runs to start), got 'many'");
  });
});
