/**
 * `list` with pipelines (each once, its steps folded under it, their job type, item and job instance
 * read from the runs themselves with FABRIC_SEARCH_ATTRIBUTES off; Terminated as such) and
 * `pipeline list` with its filters, as real processes against a dev server, the emulator and a worker.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from './harness.js';
import { jsonOf, runCli } from './process.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});

type Row = Record<string, unknown> & { workflowId: string; steps?: Row[] };

async function pipelineFile(name: string): Promise<{ file: string; items: string[] }> {
  const workspace = randomUUID();
  const items = [randomUUID(), randomUUID()];
  for (const item of items) await h.admin.setScenario(item, { retryAfterSeconds: 1, durationMs: 500 });
  const dir = mkdtempSync(join(tmpdir(), 'list-'));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\nworkspace: ${workspace}\npollInterval: { min: 200ms }\nsteps:\n  - id: load\n    item: ${items[0]}\n    jobType: RunNotebook\n  - id: report\n    needs: [load]\n    item: ${items[1]}\n    jobType: Pipeline\n`,
  );
  return { file, items };
}

describe('list', () => {
  it('shows a pipeline once with its steps under it, their job type, item and job instance filled; Terminated as such', { timeout: 240_000 }, async () => {
    const name = `lister-${randomUUID().slice(0, 8)}`;
    const { file, items } = await pipelineFile(name);
    const run = await runCli(['pipeline', 'run', file, '--json'], h.cliEnv());
    expect(run.code, run.stderr).toBe(0);
    const pipelineId = String(jsonOf(run).workflowId);

    const slow = await h.item({ durationMs: 120_000 });
    const slowId = `list-terminated-${slow.itemId}`;
    expect((await runCli(['start', ...slow.flags, '--workflow-id', slowId], h.cliEnv())).code).toBe(0);
    await h.env.client.workflow.getHandle(slowId).terminate('test');

    const listed = await runCli(['list', '--json', '--limit', '50'], h.cliEnv());
    expect(listed.code, listed.stderr).toBe(0);
    const rows = jsonOf(listed).workflows as Row[];
    // No step appears as a row of its own.
    expect(rows.filter((r) => r.workflowId.startsWith(`${pipelineId}/`))).toEqual([]);
    const pipeline = rows.find((r) => r.workflowId === pipelineId)!;
    expect(pipeline).toMatchObject({ kind: 'pipeline', name, status: 'Completed', logicalDate: null, scheduleId: null });
    const jobs = await Promise.all(items.map(async (item) => (await h.admin.jobs(item))[0]!));
    expect(pipeline.steps!.map((s) => [s.kind, s.status, s.jobType, s.itemId, s.jobInstanceId])).toEqual([
      ['job', 'Completed', 'RunNotebook', items[0], jobs[0]!.id],
      ['job', 'Completed', 'Pipeline', items[1], jobs[1]!.id],
    ]);
    expect(rows.find((r) => r.workflowId === slowId)).toMatchObject({ kind: 'job', status: 'Terminated', itemId: slow.itemId, jobType: 'RunNotebook' });

    const table = await runCli(['list', '--limit', '50'], h.cliEnv());
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes(pipelineId));
    expect(lines[at]).toMatch(new RegExp(`^Completed\\s+${pipelineId}\\s+pipeline\\s+${name} \\(2 steps\\)`));
    expect(lines[at + 1]).toMatch(new RegExp(`^Completed\\s+ {2}${pipelineId}/load\\S*\\s+RunNotebook\\s+${items[0]}\\s+${jobs[0]!.id}`));
    expect(lines[at + 2]).toMatch(new RegExp(`^Completed\\s+ {2}${pipelineId}/report\\S*\\s+Pipeline\\s+${items[1]}\\s+${jobs[1]!.id}`));
    expect(table.stdout).toMatch(new RegExp(`^Terminated\\s+${slowId}\\s`, 'm'));

    const folded = jsonOf(await runCli(['list', '--json', '--limit', '50', '--no-steps'], h.cliEnv()));
    expect((folded.workflows as Row[]).find((r) => r.workflowId === pipelineId)!.steps).toEqual([]);
  });
});

describe('pipeline list', () => {
  it('lists pipeline runs, filtered by name, status, logical date and schedule', { timeout: 240_000 }, async () => {
    const name = `plist-${randomUUID().slice(0, 8)}`;
    const { file } = await pipelineFile(name);
    const plain = await runCli(['pipeline', 'run', file, '--json'], h.cliEnv());
    expect(plain.code, plain.stderr).toBe(0);
    const dated = await runCli(['pipeline', 'run', file, '--logical-date', '2026-12-02', '--json'], h.cliEnv());
    expect(dated.code, dated.stderr).toBe(0);
    const scheduleId = `plist-${randomUUID().slice(0, 8)}`;
    expect((await runCli(['schedule', 'create', scheduleId, '--pipeline', file, '--cron', '@yearly'], h.cliEnv())).code).toBe(0);
    try {
      expect((await runCli(['schedule', 'trigger', scheduleId], h.cliEnv())).code).toBe(0);
      const byName = async (extra: string[] = []) => {
        const result = await runCli(['pipeline', 'list', '--name', name, '--json', ...extra], h.cliEnv());
        expect(result.code, result.stderr).toBe(0);
        return jsonOf(result).pipelines as Row[];
      };
      await expect.poll(async () => (await byName()).length, { timeout: 60_000, interval: 1_000 }).toBe(3);
      const all = await byName();
      expect(all.map((r) => r.workflowId)).toContain(String(jsonOf(plain).workflowId));
      expect(all.every((r) => r.name === name)).toBe(true);
      expect((await byName(['--logical-date', '2026-12-02'])).map((r) => r.workflowId)).toEqual([String(jsonOf(dated).workflowId)]);
      const scheduled = await byName(['--schedule', scheduleId]);
      expect(scheduled).toHaveLength(1);
      expect(scheduled[0]).toMatchObject({ scheduleId, name, logicalDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      await expect.poll(async () => (await byName(['--status', 'Completed'])).length, { timeout: 60_000, interval: 1_000 }).toBe(3);
      expect(await byName(['--status', 'Failed'])).toEqual([]);

      const table = await runCli(['pipeline', 'list', '--name', name], h.cliEnv());
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/^STATUS\s+WORKFLOW ID\s+PIPELINE\s+LOGICAL DATE\s+SCHEDULE\s+STARTED\s+ENDED$/m);
      expect(table.stdout).toMatch(new RegExp(`^Completed\\s+\\S+\\s+${name}\\s+\\S+\\s+${scheduleId}\\s`, 'm'));

      const bad = await runCli(['pipeline', 'list', '--status', 'Done'], h.cliEnv());
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--status "Done"');
    } finally {
      await runCli(['schedule', 'delete', scheduleId], h.cliEnv());
    }
  });
});
