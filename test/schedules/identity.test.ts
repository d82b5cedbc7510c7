/**
 * Logical-date identity end to end: a date never runs twice at once (schedule, trigger, backfill,
 * manual `pipeline run --logical-date`), a completed date is not run again, a failed one may be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, uniqueId, type CliHarness } from '../cli/harness.js';
import { jsonOf } from '../cli/process.js';
import { daysOf, endedJobs, pipelineFile, resultOf, waitForActions } from './fixtures.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});


async function runningWorkflow(workflowId: string) {
  await expect
    .poll(async () => h.env.client.workflow.getHandle(workflowId).describe().then((d) => d.status.name, () => 'absent'), { timeout: 60_000, interval: 200 })
    .toBe('RUNNING');
}

describe('one run per logical date', () => {
  it('a second scheduled run of a date in flight does nothing and ends Duplicate, even with allow-all', async () => {
    const { workspaceId, itemId } = await h.item({ durationMs: 4_000 });
    const scheduleId = uniqueId('dup');
    const created = await h.cli(['schedule', 'create', scheduleId, '--workspace', workspaceId, '--item', itemId, '--job-type', 'RunNotebook', '--cron', '@daily']);
    expect(created.code, created.stderr).toBe(0);
    const first = jsonOf(await h.cli(['schedule', 'trigger', scheduleId, '--json']));
    await runningWorkflow(first.runWorkflowId as string);
    const second = await h.cli(['schedule', 'trigger', scheduleId, '--overlap', 'allow-all']);
    expect(second.code, second.stderr).toBe(0);
    await waitForActions(h.env.client, scheduleId, 2);
    await endedJobs(h.admin, itemId, 1);
    await expect
      .poll(async () => (jsonOf(await h.cli(['schedule', 'describe', scheduleId, '--json'])).recentRuns as { status: string }[]).map((r) => r.status).sort(), { timeout: 30_000, interval: 500 })
      .toEqual(['Completed', 'Duplicate']);
    expect(await h.admin.jobs(itemId)).toHaveLength(1);
  });

  it('refuses a manual run of a date the schedule is running (exit 2), and again once it completed', { timeout: 240_000 }, async () => {
    // Long enough that the date is still running when the next CLI process (seconds to start under load) asks.
    const { workspaceId, itemId } = await h.item({ durationMs: 30_000 });
    const name = uniqueId('manual');
    const file = pipelineFile(name, workspaceId, itemId);
    const scheduleId = uniqueId('manual');
    expect((await h.cli(['schedule', 'create', scheduleId, '--pipeline', file, '--cron', '0 4 * * *'])).code).toBe(0);
    const { logicalDate, runWorkflowId } = jsonOf(await h.cli(['schedule', 'trigger', scheduleId, '--json'])) as { logicalDate: string; runWorkflowId: string };
    expect(runWorkflowId).toBe(`pipeline/${name}/${logicalDate}`);
    await runningWorkflow(runWorkflowId);

    const refused = await h.cli(['pipeline', 'run', file, '--logical-date', logicalDate]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`fabric-temporal: the run for logical date ${logicalDate} (workflow ${runWorkflowId}) is already running; nothing was started.`);

    await resultOf(h.env.client, runWorkflowId);
    const again = await h.cli(['pipeline', 'start', file, '--logical-date', logicalDate]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already completed (a completed date is not run again)');
    expect(daysOf(await h.admin.jobs(itemId))).toEqual([logicalDate]);

    const mixed = await h.cli(['pipeline', 'start', file, '--logical-date', logicalDate, '--workflow-id', 'mine']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--workflow-id cannot be combined with --logical-date');
  });

  it('runs a failed date again: manual run fails, the backfill of that date runs it, then it is done', async () => {
    const { workspaceId, itemId } = await h.item({ durationMs: 300, outcome: 'Failed' });
    const name = uniqueId('rerun');
    const file = pipelineFile(name, workspaceId, itemId);
    const date = '2024-03-10';
    const failed = await h.cli(['pipeline', 'run', file, '--logical-date', date, '--json']);
    expect(failed.code, failed.stderr).toBe(1);
    expect(jsonOf(failed)).toMatchObject({ workflowId: `pipeline/${name}/${date}`, status: 'Failed' });

    await h.admin.setScenario(itemId, { durationMs: 300, retryAfterSeconds: 1, outcome: 'Completed' });
    const scheduleId = uniqueId('rerun');
    expect((await h.cli(['schedule', 'create', scheduleId, '--pipeline', file, '--cron', '0 1 * * *', '--timezone', 'Europe/Paris'])).code).toBe(0);
    const backfill = await h.cli(['schedule', 'backfill', scheduleId, '--from', date, '--to', date]);
    expect(backfill.code, backfill.stderr).toBe(0);
    await waitForActions(h.env.client, scheduleId, 1);
    await expect.poll(async () => (await h.admin.jobs(itemId)).map((j) => j.status).sort(), { timeout: 60_000, interval: 300 }).toEqual(['Completed', 'Failed']);
    expect(daysOf(await h.admin.jobs(itemId))).toEqual([date, date]);
    const rerun = await resultOf(h.env.client, `pipeline/${name}/${date}`);
    expect(rerun).toMatchObject({ status: 'completed', logicalDate: date });

    const after = await h.cli(['pipeline', 'run', file, '--logical-date', date]);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('already completed');
  });

  it('the logical date of a scheduled run is its nominal time in the schedule time zone, not the wall clock', async () => {
    const { workspaceId, itemId } = await h.item({ durationMs: 200 });
    const name = uniqueId('tz');
    const scheduleId = uniqueId('tz');
    // 23:30 in Los Angeles is the next day in UTC: the logical date must be the Los Angeles date.
    expect((await h.cli(['schedule', 'create', scheduleId, '--pipeline', pipelineFile(name, workspaceId, itemId), '--cron', '30 23 * * *', '--timezone', 'America/Los_Angeles'])).code).toBe(0);
    expect((await h.cli(['schedule', 'backfill', scheduleId, '--from', '2024-02-01', '--to', '2024-02-01'])).code).toBe(0);
    const [job] = await endedJobs(h.admin, itemId, 1);
    expect(daysOf([job!])).toEqual(['2024-02-01']);
  });
});
