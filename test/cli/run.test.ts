/** `fabric-temporal run` as a real process: exit codes and the `--json` object for every outcome. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from './harness.js';
import { jsonOf, runCli, spawnCli } from './process.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});

const KEYS = ['workflowId', 'runId', 'workspaceId', 'itemId', 'jobType', 'status', 'jobInstanceId', 'startTimeUtc', 'endTimeUtc', 'failureReason', 'details', 'fabricUrl', 'temporalUrl'];

describe('run', () => {
  it('Completed: exit 0, one JSON object with the job instance', async () => {
    const { itemId, flags } = await h.item({});
    const result = await runCli(['run', ...flags, '--workflow-id', `cli-ok-${itemId}`, '--json'], h.cliEnv({ TEMPORAL_UI_URL: 'http://ui.example:8080/' }));
    expect(result.code, result.stderr).toBe(0);
    const out = jsonOf(result);
    expect(Object.keys(out)).toEqual(KEYS);
    const [job] = await h.admin.jobs(itemId);
    expect(out).toMatchObject({ workflowId: `cli-ok-${itemId}`, workspaceId: job!.workspaceId, itemId, jobType: 'RunNotebook', status: 'Completed', jobInstanceId: job!.id, failureReason: null });
    expect(out.runId).toEqual(expect.any(String));
    expect(out.startTimeUtc).toEqual(expect.any(String));
    expect(out.endTimeUtc).toEqual(expect.any(String));
    // The notebook's run details, and the links: its Spark monitor page (from the Livy id), the Web UI's page of this run.
    const details = out.details as { livyId: string };
    expect(details.livyId).toEqual(expect.any(String));
    expect(out.fabricUrl).toBe(`https://app.fabric.microsoft.com/workloads/de-ds/sparkmonitor/${itemId}/${details.livyId}?experience=fabric-developer`);
    expect(out.temporalUrl).toBe(`http://ui.example:8080/namespaces/${h.namespace}/workflows/cli-ok-${itemId}/${String(out.runId)}/history`);
    expect(result.stderr).toContain(`  Temporal: http://ui.example:8080/namespaces/${h.namespace}/workflows/cli-ok-${itemId}/`);
    // Not a terminal: plain progress lines on stderr, never the in-place escape codes.
    expect(result.stderr).toContain(`Started workflow cli-ok-${itemId}`);
    expect(result.stderr).not.toContain('\x1b[2K');
  });

  it('Completed without --json: the outcome as one line on stderr, nothing on stdout', async () => {
    const { flags } = await h.item({});
    const result = await runCli(['run', ...flags], h.cliEnv());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Completed: job instance [0-9a-f-]{36} \(workflow fabric-RunNotebook-/m);
  });

  it('Failed: exit 1 with Fabric’s failure reason', async () => {
    const failureReason = { errorCode: 'NotebookExecutionFailed', message: 'cell 3 raised ZeroDivisionError' };
    const { itemId, flags } = await h.item({ outcome: 'Failed', failureReason });
    const result = await runCli(['run', ...flags, '--json'], h.cliEnv());
    expect(result.code, result.stderr).toBe(1);
    const [job] = await h.admin.jobs(itemId);
    expect(jsonOf(result)).toMatchObject({ status: 'Failed', jobInstanceId: job!.id, failureReason });
  });

  it('Failed Data Pipeline: the failing activity and its error, and both links, under the outcome line', async () => {
    const activityRuns = [{ activityName: 'Copy', activityType: 'Copy' }, { activityName: 'Merge', activityType: 'Script', status: 'Failed' as const, error: { errorCode: '2011', message: 'Table sales is locked' } }];
    const { itemId, flags } = await h.item({ outcome: 'Failed', activityRuns });
    const result = await runCli(['run', ...flags.map((f) => (f === 'RunNotebook' ? 'Pipeline' : f))], h.cliEnv());
    expect(result.code, result.stderr).toBe(1);
    const [job] = await h.admin.jobs(itemId);
    expect(result.stderr).toMatch(/^Failed: job instance [0-9a-f-]{36} \(workflow fabric-Pipeline-.*\) — JobInstanceStatusFailed: /m);
    expect(result.stderr).toContain('\n  activity "Merge" (Script) Failed: 2011: Table sales is locked\n');
    expect(result.stderr).not.toContain('activity "Copy"');
    expect(result.stderr).toContain(`\n  Fabric: https://app.fabric.microsoft.com/workloads/data-pipeline/monitoring/workspaces/`);
    expect(result.stderr).toContain(`/pipelines/${itemId}/${job!.id}?experience=fabric-developer\n`);
    expect(result.stderr).toContain(`\n  Temporal: http://temporal-ui.test:8233/namespaces/${h.namespace}/workflows/fabric-Pipeline-`);
  });

  it('Deduped: exit 1, or exit 0 with --on-deduped succeed', async () => {
    const { flags } = await h.item({ outcome: 'Deduped' });
    const failed = await runCli(['run', ...flags, '--json'], h.cliEnv());
    expect(failed.code, failed.stderr).toBe(1);
    expect(jsonOf(failed)).toMatchObject({ status: 'Deduped', jobInstanceId: expect.any(String) });
    const allowed = await runCli(['run', ...flags, '--on-deduped', 'succeed', '--json'], h.cliEnv());
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(jsonOf(allowed)).toMatchObject({ status: 'Deduped' });
  });

  it('TimedOut: the Fabric job is cancelled, exit 1', async () => {
    const { itemId, flags } = await h.item({ durationMs: 120_000, cancelDelayMs: 300 });
    const result = await runCli(['run', ...flags, '--timeout', '2s', '--json'], h.cliEnv());
    expect(result.code, result.stderr).toBe(1);
    const [job] = await h.admin.jobs(itemId);
    expect(job!.status).toBe('Cancelled');
    expect(jsonOf(result)).toMatchObject({ status: 'TimedOut', jobInstanceId: job!.id, endTimeUtc: expect.any(String) });
  });

  it('Cancelled: `cancel` while `run` waits; the workflow cancels the Fabric job first', async () => {
    const { itemId, flags } = await h.item({ durationMs: 120_000, cancelDelayMs: 300 });
    const workflowId = `cli-cancel-${itemId}`;
    const running = spawnCli(['run', ...flags, '--workflow-id', workflowId, '--json'], h.cliEnv());
    await expect.poll(async () => (await h.admin.jobs(itemId)).length, { timeout: 30_000, interval: 200 }).toBe(1);
    const cancel = await runCli(['cancel', workflowId, '--json'], h.cliEnv());
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stderr).toContain('Cancellation requested');
    const [job] = await h.admin.jobs(itemId);
    expect(job!.status).toBe('Cancelled');
    expect(jsonOf(cancel)).toMatchObject({ workflowId, status: 'Cancelled', jobInstanceId: job!.id });

    const run = await running.done;
    expect(run.code, run.stderr).toBe(1);
    expect(jsonOf(run)).toMatchObject({ workflowId, status: 'Cancelled', jobInstanceId: job!.id });

    const again = await runCli(['cancel', workflowId], h.cliEnv());
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('had already ended; nothing to cancel');
  });

  it('Ctrl-C stops waiting (exit 130) but not the run', async () => {
    const { itemId, flags } = await h.item({ durationMs: 120_000 });
    const workflowId = `cli-sigint-${itemId}`;
    const running = spawnCli(['run', ...flags, '--workflow-id', workflowId, '--json'], h.cliEnv());
    await expect.poll(async () => (await h.admin.jobs(itemId)).length, { timeout: 30_000, interval: 200 }).toBe(1);
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Stopped waiting; the run goes on. Follow it again with \`fabric-temporal status --wait ${workflowId}\``);
    const handle = h.env.client.workflow.getHandle(workflowId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await h.admin.jobs(itemId))[0]!.status).toBe('InProgress');
    await handle.terminate('test done');
  });

  it('passes executionData from a file and the run route to Fabric', async () => {
    const { itemId, flags } = await h.item({});
    const file = join(mkdtempSync(join(tmpdir(), 'cli-data-')), 'data.json');
    writeFileSync(file, JSON.stringify({ parameters: { day: { value: '2024-01-01', type: 'string' } } }));
    const result = await runCli(['run', ...flags, '--execution-data', `@${file}`, '--route', 'path', '--json'], h.cliEnv());
    expect(result.code, result.stderr).toBe(0);
    const [job] = await h.admin.jobs(itemId);
    expect(job!.executionData).toEqual({ parameters: { day: { value: '2024-01-01', type: 'string' } } });
    const run = (await h.admin.requests()).find((r) => r.itemId === itemId && r.op === 'run');
    expect(run!.path).toContain('/jobs/RunNotebook/instances');
  });
});
