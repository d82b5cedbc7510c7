/**
 * Fabric addressed by names, end to end: the CLI as a real process, a real Temporal dev server, the
 * real emulator (its catalog) and a real worker. A job, a pipeline (one file, two environments) and a
 * single-job schedule addressed by names only; a misspelt name and bad references exit 2 before
 * anything starts; a run's history shows the name look-up once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, TOKEN, type CliHarness } from '../cli/harness.js';
import { jsonOf, runCli } from '../cli/process.js';
import { resultOf, waitForActions } from '../schedules/fixtures.js';
import { eventTypes } from '../workflows/history.js';

const PROD = '11111111-1111-4111-8111-111111111111';
const DEV = '22222222-2222-4222-8222-222222222222';
const PROD_NB = 'aaaaaaaa-0000-4000-8000-000000000001';
const DEV_NB = 'aaaaaaaa-0000-4000-8000-000000000002';
const PROD_PL = 'aaaaaaaa-0000-4000-8000-000000000003';

let h: CliHarness;
const dir = mkdtempSync(join(tmpdir(), 'fabric-names-'));
beforeAll(async () => {
  h = await startCliHarness();
  await h.admin.setCatalog({
    workspaces: [
      { id: PROD, displayName: 'Sales Prod', items: [{ id: PROD_NB, displayName: 'Load orders', type: 'Notebook' }, { id: PROD_PL, displayName: 'Nightly', type: 'DataPipeline' }] },
      { id: DEV, displayName: 'Sales Dev', items: [{ id: DEV_NB, displayName: 'Load orders', type: 'Notebook' }] },
    ],
  });
  for (const item of [PROD_NB, DEV_NB, PROD_PL]) await h.admin.setScenario(item, { retryAfterSeconds: 1, durationMs: 300 });
});
afterAll(async () => {
  await h?.close();
});

const cli = (args: string[]) => runCli(args, h.cliEnv({ FABRIC_API_URL: h.emulator.apiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: TOKEN }));
const jobsOf = async (itemId: string) => (await h.admin.jobs(itemId)).length;

async function lookUps(workflowId: string): Promise<number> {
  const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'resolveFabricNames').length;
}

describe('names end to end', () => {
  it('runs a job addressed by names only: the job type from the item type, the look-up once in the history, ids beside names', async () => {
    const before = await jobsOf(PROD_NB);
    const result = await cli(['run', '--workspace', 'Sales Prod', '--item', 'Load orders.Notebook', '--poll-min', '200ms', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Resolved: item "Load orders.Notebook" (${PROD_NB}) in workspace "Sales Prod" (${PROD}), job type RunNotebook`);
    const out = jsonOf(result) as { workflowId: string; status: string; fabricUrl?: string; workspaceId?: string };
    expect(out.status).toBe('Completed');
    // The ids the run resolved beside the names it was given; the portal link is built from the ids.
    expect(out).toMatchObject({ workspaceId: PROD, workspaceName: 'Sales Prod', itemId: PROD_NB, itemName: 'Load orders', jobType: 'RunNotebook' });
    expect(out.fabricUrl).toContain(PROD_NB);
    expect(decodeURIComponent(out.fabricUrl!)).not.toMatch(/Sales|Load orders/);
    const jobs = await h.admin.jobs(PROD_NB);
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.at(-1)).toMatchObject({ workspaceId: PROD, jobType: 'RunNotebook' });
    expect(await lookUps(out.workflowId)).toBe(1);
    expect((await eventTypes(h.env.client.workflow.getHandle(out.workflowId))).filter((t) => t === 'MarkerRecorded').length).toBeGreaterThan(0);
  });

  it('a misspelt item exits 2 before anything starts and suggests the right one; bad references get one message each', async () => {
    const before = (await h.admin.stats()).jobsStarted;
    const misspelt = await cli(['run', '--workspace', 'Sales Prod', '--item', 'Load ordres.Notebook', '--json']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stdout).toBe('');
    expect(misspelt.stderr).toContain('did you mean "Load orders.Notebook"?');
    const bad = await Promise.all([
      cli(['start', '--workspace', 'Sales Prod', '--item', '.Notebook']),
      cli(['start', '--item', 'Sales Prod.Workspace/folder/Load orders.Notebook']),
      cli(['start', '--workspace', 'Sales Prod', '--item', 'Load orders.Notbook']),
    ]);
    expect(bad.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(bad[0]!.stderr).toContain('the item name before ".Notebook" is empty');
    expect(bad[1]!.stderr).toContain('a path has two parts');
    expect(bad[2]!.stderr).toContain('unknown item type "Notbook" (did you mean Notebook?)');
    for (const r of bad) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await h.admin.stats()).jobsStarted).toBe(before);
  });

  it('runs the same pipeline file against two workspaces chosen by --env', async () => {
    const file = join(dir, 'envs.yaml');
    writeFileSync(
      file,
      [
        'name: names-envs',
        'workspace: "{{ env.workspace }}"',
        'environments:',
        '  dev: { workspace: Sales Dev }',
        '  prod: { workspace: Sales Prod }',
        'steps:',
        '  - id: load',
        '    item: Load orders.Notebook',
        '    executionData: { parameters: { env: { value: "{{ env.workspace }}", type: string } } }',
      ].join('\n'),
    );
    const [dev, prod] = [await jobsOf(DEV_NB), await jobsOf(PROD_NB)];
    const devRun = await cli(['pipeline', 'run', file, '--env', 'dev', '--json']);
    expect(devRun.code, devRun.stderr).toBe(0);
    const prodRun = await cli(['pipeline', 'run', file, '--env', 'prod', '--json']);
    expect(prodRun.code, prodRun.stderr).toBe(0);
    expect(await jobsOf(DEV_NB)).toBe(dev + 1);
    expect(await jobsOf(PROD_NB)).toBe(prod + 1);
    expect((await h.admin.jobs(DEV_NB)).at(-1)!.executionData).toEqual({ parameters: { env: { value: 'Sales Dev', type: 'string' } } });
    expect(await lookUps((jsonOf(prodRun) as { workflowId: string }).workflowId)).toBe(1);
    // The step's portal link is built from the ids the pipeline's look-up resolved, not from the names.
    const step = (jsonOf(prodRun) as { steps: { id: string; fabricUrl?: string }[] }).steps.find((s) => s.id === 'load')!;
    expect(step.fabricUrl).toContain(PROD_NB);
    expect(decodeURIComponent(step.fabricUrl!)).not.toMatch(/Sales|Load orders/);
  });

  it('a single-job schedule addressed by names runs the item it names', async () => {
    const scheduleId = `names-${randomUUID().slice(0, 8)}`;
    const before = await jobsOf(PROD_PL);
    const created = await cli(['schedule', 'create', scheduleId, '--item', 'Sales Prod.Workspace/Nightly.DataPipeline', '--every', '1d', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const triggered = jsonOf(await cli(['schedule', 'trigger', scheduleId, '--json'])) as { runWorkflowId: string };
    await waitForActions(h.env.client, scheduleId, 1);
    await resultOf(h.env.client, triggered.runWorkflowId);
    const jobs = await h.admin.jobs(PROD_PL);
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.at(-1)).toMatchObject({ workspaceId: PROD, jobType: 'Pipeline' });
  });
});
