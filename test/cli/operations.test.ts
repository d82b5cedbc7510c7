/**
 * The Fabric long-running operation kinds end to end: the CLI as a child process, the real
 * `fabricOperation` workflow on a real dev server and worker (createFabricWorker), the real
 * emulator over HTTP. Each kind completes; a Failed operation's message reaches --json and the
 * human line; a 429 waits its Retry-After; a lost start answer follows the kind's rule; timeout and
 * cancel stop waiting and say the operation goes on in Fabric.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli, spawnCli } from './process.js';
import { startCliHarness, type CliHarness } from './harness.js';
import type { Scenario } from '../../src/emulator/index.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
}, 150_000);
afterAll(async () => h?.close());

const POLL = ['--poll-min', '200ms', '--poll-fallback', '500ms'];

async function lakehouse(scenario: Scenario = {}) {
  const workspaceId = randomUUID();
  const lakehouseId = randomUUID();
  await h.admin.setScenario(lakehouseId, { retryAfterSeconds: 1, durationMs: 800, ...scenario });
  return { workspaceId, lakehouseId };
}

function loadFlags(ids: { workspaceId: string; lakehouseId: string }, table: string, mode: 'Overwrite' | 'Append') {
  return ['lakehouse', 'load-table', '--workspace', ids.workspaceId, '--lakehouse', ids.lakehouseId, '--table', table, '--path', 'Files/sales/2024.csv', '--format', 'csv', '--header', '--mode', mode, ...POLL];
}

describe('lakehouse load-table', () => {
  it('loads a table to Succeeded, waiting Retry-After between polls (also after a 429)', async () => {
    const ids = await lakehouse({ faults: [{ op: 'get', kind: '429', retryAfter: 2 }] });
    const res = await runCli([...loadFlags(ids, 'sales', 'Overwrite'), '--json'], h.cliEnv());
    expect(res.code, res.stderr).toBe(0);
    const out = jsonOf(res);
    expect(out).toMatchObject({ kind: 'lakehouseLoadTable', status: 'Succeeded', fabricStatus: 'Succeeded', error: null, result: null });
    const [job] = await h.admin.jobs(ids.lakehouseId);
    expect(job).toMatchObject({ id: out.operationId, jobType: 'LoadTable', executionData: { tableName: 'sales', mode: 'Overwrite', formatOptions: { format: 'Csv', header: true } } });
    expect(job!.earlyPolls).toBe(0);
    const gets = (await h.admin.requests()).filter((r) => r.op === 'operation-get' && r.jobInstanceId === out.operationId);
    const throttled = gets.findIndex((r) => r.fault === '429');
    expect(throttled).toBeGreaterThanOrEqual(0);
    expect(gets[throttled + 1]!.atMs - gets[throttled]!.atMs).toBeGreaterThanOrEqual(2_000 - 50);
  });

  it("a Failed load surfaces Fabric's error in --json and in the human line (exit 1)", async () => {
    const failureReason = { errorCode: 'PathNotFound', message: 'Files/sales/2024.csv does not exist in the lakehouse' };
    const ids = await lakehouse({ outcome: 'Failed', failureReason });
    const json = await runCli([...loadFlags(ids, 'sales', 'Overwrite'), '--json'], h.cliEnv());
    expect(json.code).toBe(1);
    expect(jsonOf(json)).toMatchObject({ status: 'Failed', fabricStatus: 'Failed', error: failureReason });
    const human = await runCli(loadFlags(ids, 'sales', 'Overwrite'), h.cliEnv());
    expect(human.code).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toContain('Failed: lakehouseLoadTable operation');
    expect(human.stderr).toContain('PathNotFound: Files/sales/2024.csv does not exist in the lakehouse');
  });

  it('an Overwrite load whose start answer was lost is sent again (safe to repeat)', async () => {
    const ids = await lakehouse({ faults: [{ op: 'run', kind: 'reset-after-create' }] });
    const res = await runCli([...loadFlags(ids, 'orders', 'Overwrite'), '--json'], h.cliEnv());
    expect(res.code, res.stderr).toBe(0);
    expect(await h.admin.jobs(ids.lakehouseId)).toHaveLength(2);
  });

  it('an Append load whose start answer was lost is not sent again: FabricOperationStartUncertain names what to check', async () => {
    const ids = await lakehouse({ faults: [{ op: 'run', kind: 'reset-after-create' }] });
    const res = await runCli([...loadFlags(ids, 'orders', 'Append'), '--json'], h.cliEnv());
    expect(res.code).toBe(1);
    const out = jsonOf(res);
    expect(out).toMatchObject({ status: 'Failed', operationId: null, error: { errorCode: 'FabricOperationStartUncertain' } });
    expect((out.error as { message: string }).message).toContain(`check table orders of lakehouse ${ids.lakehouseId}`);
    expect(await h.admin.jobs(ids.lakehouseId)).toHaveLength(1);
  });

  it('an Append load refused with 429 (nothing created) is sent again after Retry-After, once', async () => {
    const ids = await lakehouse({ faults: [{ op: 'run', kind: '429', retryAfter: 1 }] });
    const res = await runCli([...loadFlags(ids, 'orders', 'Append'), '--json'], h.cliEnv());
    expect(res.code, res.stderr).toBe(0);
    expect(await h.admin.jobs(ids.lakehouseId)).toHaveLength(1);
  });

  it('--timeout stops waiting and says the load goes on in Fabric (exit 1, TimedOut)', async () => {
    const ids = await lakehouse({ durationMs: 120_000 });
    const res = await runCli([...loadFlags(ids, 'big', 'Overwrite'), '--timeout', '2s', '--json'], h.cliEnv());
    expect(res.code).toBe(1);
    const out = jsonOf(res);
    expect(out).toMatchObject({ status: 'TimedOut', fabricStatus: 'Running' });
    expect(out.note).toMatch(/Fabric cannot cancel this operation: it goes on in Fabric/);
    const [job] = await h.admin.jobs(ids.lakehouseId);
    expect(job!.status).toBe('InProgress');
    expect(job!.cancelRequestedAtMs).toBeUndefined();
  });

  it('cancelling the run stops waiting; the load goes on in Fabric (exit 1, Cancelled)', async () => {
    const ids = await lakehouse({ durationMs: 120_000 });
    const workflowId = `cancel-load-${randomUUID()}`;
    const cli = spawnCli([...loadFlags(ids, 'big', 'Overwrite'), '--workflow-id', workflowId, '--json'], h.cliEnv());
    for (let i = 0; i < 200 && (await h.admin.jobs(ids.lakehouseId)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await h.env.client.workflow.getHandle(workflowId).cancel();
    const res = await cli.done;
    expect(res.code).toBe(1);
    const out = jsonOf(res);
    expect(out).toMatchObject({ status: 'Cancelled' });
    expect(out.note).toMatch(/goes on in Fabric/);
    const [job] = await h.admin.jobs(ids.lakehouseId);
    expect(job!.status).toBe('InProgress');
  });
});

describe('status and cancel of an operation run', () => {
  it('--no-wait prints the workflow id; status shows Running then follows it; cancel stops waiting and says the operation goes on', async () => {
    const ids = await lakehouse({ durationMs: 1_500 });
    const started = await runCli([...loadFlags(ids, 'sales', 'Overwrite'), '--no-wait', '--json'], h.cliEnv());
    expect(started.code, started.stderr).toBe(0);
    const { workflowId } = jsonOf(started) as { workflowId: string };
    const now = await runCli(['status', workflowId, '--json'], h.cliEnv());
    expect(now.code, now.stderr).toBe(0);
    expect(jsonOf(now)).toMatchObject({ workflowId, kind: 'lakehouseLoadTable', status: expect.stringMatching(/^(Running|Succeeded)$/) });
    const followed = await runCli(['status', workflowId, '--wait', '--json'], h.cliEnv());
    expect(followed.code, followed.stderr).toBe(0);
    expect(jsonOf(followed)).toMatchObject({ workflowId, status: 'Succeeded', fabricStatus: 'Succeeded' });

    const long = await lakehouse({ durationMs: 120_000 });
    const second = jsonOf(await runCli([...loadFlags(long, 'big', 'Overwrite'), '--no-wait', '--json'], h.cliEnv())) as { workflowId: string };
    for (let i = 0; i < 200 && (await h.admin.jobs(long.lakehouseId)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const cancelled = await runCli(['cancel', second.workflowId, '--json'], h.cliEnv());
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(jsonOf(cancelled)).toMatchObject({ status: 'Cancelled', note: expect.stringMatching(/goes on in Fabric/) });
    expect(cancelled.stderr).toContain('Fabric cannot cancel operation');
    expect((await h.admin.jobs(long.lakehouseId))[0]!.status).toBe('InProgress');
  });
});

describe('sql-endpoint refresh-metadata', () => {
  it("refreshes the endpoint's metadata and prints the per-table result", async () => {
    const ids = await lakehouse({ durationMs: 200 });
    expect((await runCli(loadFlags(ids, 'sales', 'Overwrite'), h.cliEnv())).code).toBe(0);
    const sqlEndpointId = randomUUID();
    await h.admin.setScenario(sqlEndpointId, { retryAfterSeconds: 1, durationMs: 500 });
    const args = ['sql-endpoint', 'refresh-metadata', '--workspace', ids.workspaceId, '--sql-endpoint', sqlEndpointId, '--refresh-timeout', '5', ...POLL];
    const res = await runCli([...args, '--json'], h.cliEnv());
    expect(res.code, res.stderr).toBe(0);
    const out = jsonOf(res);
    expect(out).toMatchObject({ kind: 'sqlEndpointRefreshMetadata', status: 'Succeeded', tables: [{ tableName: 'sales', status: 'Success' }] });
    const [job] = await h.admin.jobs(sqlEndpointId);
    expect(job!.executionData).toEqual({ timeout: { value: 5, timeUnit: 'Minutes' } });
    // Answered 200 at once: no operation to follow.
    await h.admin.setScenario(sqlEndpointId, { durationMs: 0 });
    const human = await runCli(args, h.cliEnv());
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/Succeeded: sqlEndpointRefreshMetadata answered at once .* 1 table \(1 Success\)/);
  });
});

describe('names', () => {
  // The CLI looks names up with its own Fabric identity: the worker's environment (token auth, the emulator's URL).
  it('a lakehouse and a SQL endpoint given by name are resolved (CLI and workflow); an unknown name exits 2 with the closest', async () => {
    const workspaceId = randomUUID();
    const lakehouseId = randomUUID();
    const sqlEndpointId = randomUUID();
    await h.admin.setCatalog({
      workspaces: [{ id: workspaceId, displayName: 'Sales Prod', items: [{ id: lakehouseId, displayName: 'Landing', type: 'Lakehouse' }, { id: sqlEndpointId, displayName: 'Landing', type: 'SQLEndpoint' }] }],
    });
    await h.admin.setScenario(lakehouseId, { durationMs: 300, retryAfterSeconds: 1 });
    await h.admin.setScenario(sqlEndpointId, { durationMs: 300, retryAfterSeconds: 1 });
    const load = await runCli(['lakehouse', 'load-table', '--workspace', 'Sales Prod', '--lakehouse', 'Landing', '--table', 'sales', '--path', 'Files/in', ...POLL, '--json'], h.workerEnv());
    expect(load.code, load.stderr).toBe(0);
    expect(load.stderr).toContain(`Resolved: item "Landing.Lakehouse" (${lakehouseId}) in workspace "Sales Prod" (${workspaceId})`);
    expect(await h.admin.jobs(lakehouseId)).toHaveLength(1);
    const sync = await runCli(['sql-endpoint', 'refresh-metadata', '--sql-endpoint', 'Sales Prod.Workspace/Landing', ...POLL, '--json'], h.workerEnv());
    expect(sync.code, sync.stderr).toBe(0);
    expect(jsonOf(sync)).toMatchObject({ status: 'Succeeded', tables: [{ tableName: 'sales' }] });
    const unknown = await runCli(['lakehouse', 'load-table', '--workspace', 'Sales Prod', '--lakehouse', 'Landin', '--table', 'sales', '--path', 'Files/in'], h.workerEnv());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--lakehouse.*Landin.*Landing/s);
    await h.admin.setCatalog({ workspaces: [] });
  });
});

describe('deployment-pipeline deploy', () => {
  it('deploys between stages given by name; a lost answer is never sent again', async () => {
    const pipelineId = randomUUID();
    const snapshot = await h.admin.setCatalog({
      workspaces: [],
      deploymentPipelines: [{ id: pipelineId, displayName: 'Sales', stages: [{ displayName: 'Development' }, { displayName: 'Test' }, { displayName: 'Production' }] }],
    });
    const [dev, test] = snapshot.deploymentPipelines[0]!.stages;
    await h.admin.setScenario(pipelineId, { retryAfterSeconds: 1, durationMs: 500 });
    const args = ['deployment-pipeline', 'deploy', '--pipeline', pipelineId, '--from', 'development', '--to', 'Test', '--note', 'nightly', ...POLL, '--json'];
    const res = await runCli(args, h.cliEnv());
    expect(res.code, res.stderr).toBe(0);
    expect(jsonOf(res)).toMatchObject({ kind: 'deploymentPipelineDeploy', status: 'Succeeded', result: { type: 'Deploy', sourceStageId: dev!.id, targetStageId: test!.id } });

    const unknown = await runCli(['deployment-pipeline', 'deploy', '--pipeline', pipelineId, '--from', 'Dev', '--to', 'Test', '--json'], h.cliEnv());
    expect(unknown.code).toBe(1);
    expect((jsonOf(unknown).error as { message: string }).message).toContain('has no stage named "Dev" (its stages: "Development", "Test", "Production")');

    await h.admin.setScenario(pipelineId, { durationMs: 500, faults: [{ op: 'run', kind: 'reset-after-create' }] });
    const before = (await h.admin.jobs(pipelineId)).length;
    const lost = await runCli(args, h.cliEnv());
    expect(lost.code).toBe(1);
    expect((jsonOf(lost).error as { message: string }).message).toMatch(/deploymentPipelines\/.*\/operations/);
    expect(await h.admin.jobs(pipelineId)).toHaveLength(before + 1);
    await h.admin.setCatalog({ workspaces: [] });
  });
});

describe('operation run', () => {
  it('follows any Fabric LRO by path and prints its result', async () => {
    const workspaceId = randomUUID();
    const itemId = randomUUID();
    await h.admin.setScenario(itemId, { retryAfterSeconds: 1, durationMs: 300 });
    const res = await runCli(['operation', 'run', '--path', `/workspaces/${workspaceId}/items/${itemId}/getDefinition`, ...POLL, '--json'], h.cliEnv());
    expect(res.code, res.stderr).toBe(0);
    expect(jsonOf(res)).toMatchObject({ kind: 'fabricOperation', status: 'Succeeded', result: { definition: { parts: [] } } });
  });

  it('bad input: exit 2, every problem named, nothing started', async () => {
    const before = (await h.admin.stats()).requests;
    const res = await runCli(['lakehouse', 'load-table', '--workspace', 'a/b', '--lakehouse', randomUUID(), '--table', 'a-b', '--path', 'Tables/x', '--mode', 'merge', '--poll-min', '10m', '--poll-max', '1m'], h.cliEnv());
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    for (const text of ['--workspace: ', '--table: must be 1-256', '--path: must be a path under Files', '--mode: must be Overwrite or Append', '--poll-min']) expect(res.stderr).toContain(text);
    const generic = await runCli(['operation', 'run', '--path', 'https://evil.example/v1/x'], h.cliEnv());
    expect(generic.code).toBe(2);
    expect(generic.stderr).toContain('--path: must be an API path');
    expect((await h.admin.stats()).requests).toBe(before);
  });
});
