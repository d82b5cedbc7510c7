/**
 * Single-operation schedules (`schedule create --operation`): a real process against a real dev
 * server, the emulator and a worker. The triggered run renders {{ logicalDate }} into the operation
 * and runs it through fabricOperation; describe shows the target; bad operations exit 2.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { jsonOf } from '../cli/process.js';
import { resultOf, waitForActions, waitUntilIdle } from './fixtures.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});


describe('schedule create --operation', () => {
  it('runs the operation with its logical date, and describe shows it', async () => {
    const workspaceId = randomUUID();
    const lakehouseId = randomUUID();
    await h.admin.setScenario(lakehouseId, { durationMs: 300, retryAfterSeconds: 1 });
    const scheduleId = `load-${randomUUID().slice(0, 8)}`;
    const operation = JSON.stringify({
      kind: 'lakehouseLoadTable', workspace: workspaceId, lakehouse: lakehouseId, table: 'sales',
      path: 'Files/landing/{{ logicalDate }}', pathType: 'Folder', mode: 'overwrite', timeout: '10m', pollInterval: { min: '200ms' },
    });
    const created = await h.cli(['schedule', 'create', scheduleId, '--operation', operation, '--cron', '0 2 * * *', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(jsonOf(created)).toMatchObject({ scheduleId, identity: `schedule/${scheduleId}`, target: { kind: 'operation', operation: { kind: 'lakehouseLoadTable', tableName: 'sales', timeoutMs: 600_000 } } });

    const triggered = await h.cli(['schedule', 'trigger', scheduleId, '--json']);
    expect(triggered.code, triggered.stderr).toBe(0);
    const { logicalDate, runWorkflowId } = jsonOf(triggered) as { logicalDate: string; runWorkflowId: string };
    await waitForActions(h.env.client, scheduleId, 1);
    await resultOf(h.env.client, runWorkflowId);
    const jobs = await h.admin.jobs(lakehouseId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.executionData).toMatchObject({ relativePath: `Files/landing/${logicalDate}`, pathType: 'Folder', mode: 'Overwrite', tableName: 'sales' });

    const described = await h.cli(['schedule', 'describe', scheduleId]);
    expect(described.stderr + described.stdout).toContain('operation lakehouseLoadTable');
    await waitUntilIdle(h.env.client, scheduleId);
    expect((await h.cli(['schedule', 'delete', scheduleId])).code).toBe(0);
  });

  it('bad operations and mixed targets exit 2, naming every problem; nothing is created', async () => {
    const bad = await h.cli(['schedule', 'create', 'bad-op', '--operation', JSON.stringify({ kind: 'lakehouseLoadTable', workspace: 'W', lakehouse: 'x.Notebook', table: 'a-b', path: 'Tables/x' }), '--cron', '0 2 * * *']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    for (const text of ['--operation: lakehouse: ', '--operation: table: must be 1-256', '--operation: path: must be a path under Files']) expect(bad.stderr).toContain(text);
    const kind = await h.cli(['schedule', 'create', 'bad-kind', '--operation', '{"kind":"nope"}', '--cron', '0 2 * * *']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--operation: "kind" must be one of sqlEndpointRefreshMetadata');
    const mixed = await h.cli(['schedule', 'create', 'mixed', '--operation', JSON.stringify({ kind: 'fabricOperation', path: '/workspaces/x/y' }), '--item', randomUUID(), '--workspace', randomUUID(), '--cron', '0 2 * * *']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('an operation schedule runs the --operation given, alone');
    expect((await h.cli(['schedule', 'describe', 'bad-op'])).code).not.toBe(0);
  });
});
