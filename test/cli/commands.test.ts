/** `start`, `status`, `list` and refused input, as real processes against real servers. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTES, type RunFabricJobState } from '../../src/shared.js';
import { startCliHarness, type CliHarness } from './harness.js';
import { jsonOf, runCli } from './process.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});

async function workflowsStartedFor(itemId: string): Promise<number> {
  let count = 0;
  for await (const info of h.env.client.workflow.list({ query: `WorkflowType = 'runFabricJob'` })) {
    if ((info.memo as Record<string, unknown> | undefined)?.itemId === itemId) count++;
  }
  return count;
}

describe('start and status', () => {
  it('start returns once started; status shows Running, then Completed', { timeout: 300_000 }, async () => {
    // Long enough that the job is surely still running when `status` (a process start, slow under load) asks.
    const { itemId, flags } = await h.item({ durationMs: 60_000 });
    const started = await runCli(['start', ...flags, '--json'], h.cliEnv());
    expect(started.code, started.stderr).toBe(0);
    const ids = jsonOf(started);
    expect(Object.keys(ids)).toEqual(['workflowId', 'runId']);
    const workflowId = ids.workflowId as string;

    const handle = h.env.client.workflow.getHandle(workflowId);
    await expect.poll(async () => (await handle.query<RunFabricJobState>('state')).jobInstanceId, { timeout: 120_000, interval: 200 }).toBeDefined();
    const running = await runCli(['status', workflowId, '--json'], h.cliEnv());
    expect(running.code, running.stderr).toBe(0);
    const [job] = await h.admin.jobs(itemId);
    expect(jsonOf(running)).toMatchObject({ workflowId, runId: ids.runId, status: 'Running', jobInstanceId: job!.id, endTimeUtc: null });

    await handle.result();
    const done = await runCli(['status', workflowId, '--json'], h.cliEnv());
    expect(done.code, done.stderr).toBe(0);
    expect(jsonOf(done)).toMatchObject({ workflowId, status: 'Completed', jobInstanceId: job!.id, endTimeUtc: expect.any(String) });
  });

  it('start without --json prints the workflow id on stdout', async () => {
    const { flags } = await h.item({});
    const workflowId = `cli-plain-${randomUUID()}`;
    const started = await runCli(['start', ...flags, '--workflow-id', workflowId], h.cliEnv());
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toBe(`${workflowId}\n`);
    await h.env.client.workflow.getHandle(workflowId).result();
  });

  it('status of a failed run exits 1', async () => {
    const { flags } = await h.item({ outcome: 'Failed' });
    const workflowId = `cli-failed-${randomUUID()}`;
    expect((await runCli(['start', ...flags, '--workflow-id', workflowId], h.cliEnv())).code).toBe(0);
    await h.env.client.workflow.getHandle(workflowId).result().catch(() => undefined);
    const status = await runCli(['status', workflowId, '--json'], h.cliEnv());
    expect(status.code).toBe(1);
    expect(jsonOf(status)).toMatchObject({ status: 'Failed', failureReason: { errorCode: 'JobInstanceStatusFailed' } });
  });

  it('an unknown workflow id exits 2 for status and cancel', async () => {
    for (const command of ['status', 'cancel']) {
      const result = await runCli([command, 'no-such-workflow', '--json'], h.cliEnv());
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`no workflow with id "no-such-workflow" in namespace "${h.namespace}"`);
    }
  });

  it('a workflow id that holds another job is refused with exit 2 and starts nothing', { timeout: 180_000 }, async () => {
    const { itemId, flags } = await h.item({});
    const workflowId = `cli-dup-${itemId}`;
    expect((await runCli(['run', ...flags, '--workflow-id', workflowId], h.cliEnv())).code).toBe(0);
    const again = await runCli(['run', ...flags, '--timeout', '1h', '--workflow-id', workflowId, '--json'], h.cliEnv());
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`--workflow-id "${workflowId}": a workflow with this id already exists and holds another job (different flags, file or params); nothing was started`);
    expect(await h.admin.jobs(itemId)).toHaveLength(1);
  });
});

describe('list', () => {
  it('lists runs with their outcome; --running only those still running', { timeout: 240_000 }, async () => {
    const done = await h.item({});
    const slow = await h.item({ durationMs: 120_000 });
    const doneId = `cli-list-done-${done.itemId}`;
    const slowId = `cli-list-slow-${slow.itemId}`;
    expect((await runCli(['run', ...done.flags, '--workflow-id', doneId], h.cliEnv())).code).toBe(0);
    expect((await runCli(['start', ...slow.flags, '--workflow-id', slowId], h.cliEnv())).code).toBe(0);

    const findIn = (out: Record<string, unknown>, id: string) => (out.workflows as Record<string, unknown>[]).find((w) => w.workflowId === id);
    // A running row shows its job instance (from the run's state query: no search attributes here).
    await expect
      .poll(async () => findIn(jsonOf(await runCli(['list', '--json', '--limit', '50'], h.cliEnv())), slowId)?.jobInstanceId, { timeout: 60_000, interval: 1_000 })
      .toEqual(expect.any(String));
    const all = jsonOf(await runCli(['list', '--json', '--limit', '50'], h.cliEnv()));
    expect(findIn(all, doneId)).toMatchObject({ status: 'Completed', itemId: done.itemId, workspaceId: done.workspaceId, jobType: 'RunNotebook' });
    expect(findIn(all, slowId)).toMatchObject({ status: 'Running', itemId: slow.itemId });

    const running = jsonOf(await runCli(['list', '--running', '--json'], h.cliEnv()));
    expect(findIn(running, slowId)).toBeDefined();
    expect(findIn(running, doneId)).toBeUndefined();

    const table = await runCli(['list', '--limit', '50'], h.cliEnv());
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^STATUS\s+WORKFLOW ID\s+JOB TYPE\s+ITEM\s+JOB INSTANCE\s+STARTED$/m);
    expect(table.stdout).toContain(doneId);
    await h.env.client.workflow.getHandle(slowId).terminate('test done');
  });
});

describe('search attributes', () => {
  it('FABRIC_SEARCH_ATTRIBUTES=true makes the run upsert the Fabric* attributes', async () => {
    const { itemId, flags } = await h.item({});
    const workflowId = `cli-sa-${itemId}`;
    const result = await runCli(['run', ...flags, '--workflow-id', workflowId], h.cliEnv({ FABRIC_SEARCH_ATTRIBUTES: 'true' }));
    expect(result.code, result.stderr).toBe(0);
    const description = await h.env.client.workflow.getHandle(workflowId).describe();
    const attrs = description.searchAttributes as Record<string, unknown>;
    expect(attrs[SEARCH_ATTRIBUTES.itemId]).toEqual([itemId]);
    expect(attrs[SEARCH_ATTRIBUTES.status]).toEqual(['Completed']);
  });
});

describe('invalid input', () => {
  it('exits 2 with one message per bad flag, before anything starts', async () => {
    const { itemId } = await h.item({});
    const args = ['run', '--workspace', 'not/a/uuid', '--item', itemId, '--job-type', 'RunNotebook', '--timeout', '90', '--parameters', '{"a":1}', '--json'];
    const result = await runCli(args, h.cliEnv());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('--workspace "not/a/uuid": a workspace is a name or an id, not a path');
    expect(lines[1]).toContain('--parameters "{\\"a\\":1}": must be a JSON array');
    expect(lines[2]).toContain('--timeout "90": not a duration');
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+\)/); // no stack trace
    expect((await h.admin.requests()).filter((r) => r.itemId === itemId)).toEqual([]);
    expect(await workflowsStartedFor(itemId)).toBe(0);
  });

  it('exits 2 on a missing required flag, an unknown flag or an unknown command', async () => {
    const missing = await runCli(['run', '--workspace', randomUUID(), '--job-type', 'X'], h.cliEnv());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--item <ref>' not specified");
    const unknownFlag = await runCli(['status', 'x', '--colour'], h.cliEnv());
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("unknown option '--colour'");
    const unknownCommand = await runCli(['launch'], h.cliEnv());
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain("unknown command 'launch'");
  });
});
