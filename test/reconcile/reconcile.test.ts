/**
 * The orphan reconciler end to end: a run terminated mid-job leaves its Fabric job InProgress;
 * `fabric-temporal reconcile --dry-run` reports it and cancels nothing, `reconcile` cancels it in
 * the emulator. The job of a run that is still open is never touched. `--schedule` creates the
 * Temporal Schedule that runs it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { jsonOf, runCli } from '../cli/process.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** Starts a long job; resolves once the emulator holds it InProgress. */
async function startLongJob(): Promise<{ workflowId: string; itemId: string; jobId: string }> {
  const { workspaceId, itemId } = await h.item({ durationMs: 600_000, retryAfterSeconds: 1 });
  const workflowId = `orphan-${randomUUID()}`;
  await h.env.client.workflow.start('runFabricJob', { taskQueue: h.taskQueue, workflowId, args: [{ workspaceId, itemId, jobType: 'RunNotebook' }] });
  await expect.poll(async () => (await h.admin.jobs(itemId))[0]?.status, { timeout: 60_000, interval: 250 }).toBe('InProgress');
  return { workflowId, itemId, jobId: (await h.admin.jobs(itemId))[0]!.id };
}

describe('fabric-temporal reconcile', () => {
  it('cancels the job of a terminated run, reports it in a dry run first, and never touches an open run', async () => {
    const orphan = await startLongJob();
    await h.env.client.workflow.getHandle(orphan.workflowId).terminate('test: terminated mid-job');
    const open = await startLongJob();
    try {
      const dry = await runCli(['reconcile', '--dry-run', '--json'], h.cliEnv());
      expect(dry.code, dry.stderr).toBe(0);
      const dryReport = jsonOf(dry) as { dryRun: boolean; runs: { workflowId: string; action: string; jobInstanceId?: string; fabricStatus?: string }[] };
      expect(dryReport.dryRun).toBe(true);
      expect(dryReport.runs).toContainEqual(expect.objectContaining({ workflowId: orphan.workflowId, action: 'would-cancel', jobInstanceId: orphan.jobId, fabricStatus: 'InProgress' }));
      expect(dryReport.runs.map((r) => r.workflowId)).not.toContain(open.workflowId);
      expect((await h.admin.jobs(orphan.itemId))[0]?.status).toBe('InProgress');

      const real = await runCli(['reconcile', '--json'], h.cliEnv());
      expect(real.code, real.stderr).toBe(0);
      const report = jsonOf(real) as { cancelled: number; workflowId: string; runs: { workflowId: string; action: string }[] };
      expect(report.runs).toContainEqual(expect.objectContaining({ workflowId: orphan.workflowId, action: 'cancelled' }));
      expect(report.runs.map((r) => r.workflowId)).not.toContain(open.workflowId);
      await expect.poll(async () => (await h.admin.jobs(orphan.itemId))[0]?.status, { timeout: 30_000, interval: 250 }).toBe('Cancelled');
      expect((await h.admin.jobs(open.itemId))[0]?.status).toBe('InProgress');

      // What it did is recorded: the reconcile workflow's result is the report.
      expect(await h.env.client.workflow.getHandle(report.workflowId).result()).toMatchObject({ cancelled: report.cancelled });

      // A second pass finds the job ended and cancels nothing more.
      const again = jsonOf(await runCli(['reconcile', '--json'], h.cliEnv())) as { runs: { workflowId: string; action: string }[] };
      expect(again.runs).toContainEqual(expect.objectContaining({ workflowId: orphan.workflowId, action: 'already-ended' }));
    } finally {
      await h.env.client.workflow.getHandle(open.workflowId).cancel().catch(() => undefined);
    }
  }, 240_000);

  it('--schedule creates the Temporal Schedule that runs it', async () => {
    const created = await runCli(['reconcile', '--schedule', '1h', '--json'], h.cliEnv());
    expect(created.code, created.stderr).toBe(0);
    expect(jsonOf(created)).toMatchObject({ scheduleId: 'fabric-temporal-reconcile', result: 'created', everyMs: 3_600_000 });
    const described = await h.env.client.schedule.getHandle('fabric-temporal-reconcile').describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'fabricReconcile', taskQueue: h.taskQueue });
    const updated = await runCli(['reconcile', '--schedule', '30m', '--json'], h.cliEnv());
    expect(jsonOf(updated)).toMatchObject({ result: 'updated', everyMs: 1_800_000 });
  }, 120_000);
});
