/**
 * `pipeline repair` as a real process: a failed run of a logical date is run again under the same
 * id; the steps that completed start no Fabric job (their recorded results feed the templates), the
 * failed and not-run steps run, and the date still never runs twice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { jsonOf, runCli } from '../cli/process.js';

let h: CliHarness;
const WORKSPACE = '45b96281-1511-4568-9ec5-e02bc036cd64';
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => h?.close());

describe('pipeline repair', () => {
  it('runs only the failed and not-run steps of a failed run, under the same id', async () => {
    const ids: Record<string, string> = {};
    for (const id of ['extract', 'side', 'load', 'report']) ids[id] = (await h.item({ durationMs: 300, ...(id === 'load' ? { outcome: 'Failed' as const } : {}) })).itemId;
    const path = join(mkdtempSync(join(tmpdir(), 'repair-')), 'p.yaml');
    writeFileSync(path, stringify({
      name: 'repair-me',
      workspace: WORKSPACE,
      pollInterval: { min: '200ms', fallback: '300ms' },
      steps: [
        { id: 'extract', item: ids.extract, jobType: 'RunNotebook' },
        { id: 'side', item: ids.side, jobType: 'RunNotebook' },
        { id: 'load', needs: ['extract'], item: ids.load, jobType: 'RunNotebook', executionData: { from: '{{ steps.extract.jobInstanceId }}' } },
        { id: 'report', needs: ['load'], item: ids.report, jobType: 'RunNotebook' },
      ],
    }));
    const workflowId = 'pipeline/repair-me/2024-05-01';
    const failed = await runCli(['pipeline', 'run', path, '--logical-date', '2024-05-01', '--json'], h.cliEnv());
    expect(failed.code, failed.stderr).toBe(1);
    expect(jsonOf(failed)).toMatchObject({ workflowId, status: 'Failed' });
    const [extractJob] = await h.admin.jobs(ids.extract);

    await h.admin.setScenario(ids.load!, { durationMs: 300, retryAfterSeconds: 1 });
    const repaired = await runCli(['pipeline', 'repair', workflowId, '--json'], h.cliEnv());
    expect(repaired.code, repaired.stderr).toBe(0);
    const out = jsonOf(repaired) as { runId: string; steps: { id: string; status: string; jobInstanceId: string }[] };
    expect(out).toMatchObject({ workflowId, status: 'Completed' });
    expect(out.runId).not.toBe((jsonOf(failed) as { runId: string }).runId);
    expect(out.steps.map((s) => [s.id, s.status])).toEqual([['extract', 'completed'], ['side', 'completed'], ['load', 'completed'], ['report', 'completed']]);
    expect(repaired.stderr).toContain('reusing extract, side; running load, report');

    // The completed steps started no new Fabric job; the failed and never-run ones did.
    expect(await h.admin.jobs(ids.extract)).toHaveLength(1);
    expect(await h.admin.jobs(ids.side)).toHaveLength(1);
    const loads = await h.admin.jobs(ids.load);
    expect(loads).toHaveLength(2);
    expect(await h.admin.jobs(ids.report)).toHaveLength(1);
    expect(out.steps[0]!.jobInstanceId).toBe(extractJob!.id);
    expect(loads[1]!.executionData).toEqual({ from: extractJob!.id });

    // The date has completed now: neither another repair nor another run of it starts anything.
    const again = await runCli(['pipeline', 'repair', workflowId], h.cliEnv());
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('completed; nothing to repair');
    const rerun = await runCli(['pipeline', 'run', path, '--logical-date', '2024-05-01'], h.cliEnv());
    expect(rerun.code).toBe(2);
    expect(await h.admin.jobs(ids.load)).toHaveLength(2);
  });
});
