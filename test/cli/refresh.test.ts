/**
 * `fabric-temporal refresh` and named connections through the real processes: the worker entry
 * point configured with FABRIC_CONNECTION_* variables, the CLI, a real dev server and the emulator
 * (one token per identity). No connection secret reaches the history or the worker's output.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { sharedTemporal } from '../helpers/temporal.js';
import { cleanEnv, jsonOf, runCli, spawnWorker, type Spawned } from './process.js';

const TOKENS = { default: `tok-default-${randomUUID()}`, sales: `tok-sales-${randomUUID()}` };
let env: TestWorkflowEnvironment;
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let worker: Spawned;
const taskQueue = `refresh-cli-${randomUUID()}`;

const cliEnv = (extra: Record<string, string> = {}) =>
  cleanEnv({ TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default', FABRIC_TASK_QUEUE: taskQueue, FABRIC_CONNECTION_SALES_AUTH: 'token', ...extra });

beforeAll(async () => {
  env = await sharedTemporal();
  emulator = await startEmulator({ identities: TOKENS });
  admin = new EmulatorAdmin(emulator.adminUrl);
  worker = spawnWorker(
    cliEnv({
      FABRIC_AUTH: 'token',
      FABRIC_TOKEN: TOKENS.default,
      FABRIC_API_URL: emulator.apiUrl,
      POWERBI_API_URL: emulator.powerbiUrl,
      FABRIC_CONNECTION_SALES_TOKEN: TOKENS.sales,
      FABRIC_WORKER_SHUTDOWN_GRACE_MS: '2000',
    }),
  );
  const until = Date.now() + 90_000;
  while (!worker.output().stdout.includes('fabric-temporal worker ready')) {
    if (Date.now() > until || worker.child.exitCode !== null) throw new Error(`the worker did not start:\n${worker.output().stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 150_000);

afterAll(async () => {
  worker?.child.kill('SIGTERM');
  await worker?.done;
  await emulator?.close();
  await env?.teardown();
});

/** Every string of a history, payload data (base64 in the fetched history) decoded too. */
function historyText(history: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v, /^[A-Za-z0-9+/]+=*$/.test(v) ? Buffer.from(v, 'base64').toString('latin1') : '');
    else if (v instanceof Uint8Array) out.push(Buffer.from(v).toString('latin1'));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(history);
  return out.join('\n');
}

async function model(scenario = {}) {
  const workspaceId = randomUUID();
  const semanticModelId = randomUUID();
  await admin.setScenario(semanticModelId, { retryAfterSeconds: 1, durationMs: 1_000, ...scenario });
  return { semanticModelId, flags: ['--workspace', workspaceId, '--semantic-model', semanticModelId, '--poll-min', '200ms'] };
}

describe('fabric-temporal refresh', () => {
  it('refreshes with the chosen connection and prints one JSON object; no secret in the history or the logs', async () => {
    const { semanticModelId, flags } = await model();
    const result = await runCli(['refresh', ...flags, '--type', 'full', '--objects', 'Sales,Dates/2024', '--connection', 'sales', '--json'], cliEnv());
    expect(result.code, result.stderr).toBe(0);
    const out = jsonOf(result);
    const [refresh] = await admin.jobs(semanticModelId);
    expect(out).toEqual({
      workflowId: expect.stringMatching(/^powerbi-refresh-/),
      runId: expect.any(String),
      workspaceId: flags[1],
      semanticModelId,
      status: 'Completed',
      refreshId: refresh!.id,
      startTime: expect.any(String),
      endTime: expect.any(String),
      failureReason: null,
    });
    expect(refresh).toMatchObject({ identity: 'sales', executionData: { type: 'Full', objects: [{ table: 'Sales' }, { table: 'Dates', partition: '2024' }] } });
    const history = historyText(await env.client.workflow.getHandle(out.workflowId as string).fetchHistory());
    expect(history).toContain('"connection":"sales"');
    for (const token of Object.values(TOKENS)) {
      expect(history).not.toContain(token);
      expect(worker.output().stdout + worker.output().stderr).not.toContain(token);
    }
  });

  it("reports Power BI's error and exits 1 when the refresh fails", async () => {
    const { flags } = await model({ outcome: 'Failed', failureReason: { errorCode: 'ModelRefresh_ShortMessage_ProcessingError', message: 'bad column' } });
    const result = await runCli(['refresh', ...flags, '--json'], cliEnv());
    expect(result.code, result.stderr).toBe(1);
    expect(jsonOf(result)).toMatchObject({ status: 'Failed', failureReason: { errorCode: 'ModelRefresh_ShortMessage_ProcessingError', message: 'bad column' } });
  });

  it('refuses an unknown connection (refresh, run, pipeline run) with exit 2, naming the configured ones, before anything starts', async () => {
    const { semanticModelId, flags } = await model();
    const result = await runCli(['refresh', ...flags, '--connection', 'finance'], cliEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown connection "finance"; the configured connections are: default, sales');
    expect(result.stdout).toBe('');
    expect(await admin.jobs(semanticModelId)).toEqual([]);

    const item = randomUUID();
    const run = await runCli(['run', '--workspace', randomUUID(), '--item', item, '--job-type', 'RunNotebook', '--connection', 'finance'], cliEnv());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown connection "finance"; the configured connections are: default, sales');
    const file = join(mkdtempSync(join(tmpdir(), 'pipeline-')), 'p.json');
    writeFileSync(file, JSON.stringify({ name: 'p', workspace: randomUUID(), connection: 'finance', steps: [{ id: 'a', item, jobType: 'RunNotebook' }] }));
    const pipeline = await runCli(['pipeline', 'run', file], cliEnv());
    expect(pipeline.code).toBe(2);
    expect(pipeline.stderr).toContain('steps[0] (a).connection: unknown connection "finance"; the configured connections are: default, sales; nothing was started');
    expect(await admin.jobs(item)).toEqual([]);
  });

  it('status, status --wait and cancel show a refresh run with its refresh fields; cancel cancels the refresh in Power BI', async () => {
    const quick = await model({ durationMs: 3_000 });
    const started = jsonOf(await runCli(['refresh', ...quick.flags, '--no-wait', '--json'], cliEnv()));
    const workflowId = started.workflowId as string;
    const status = await runCli(['status', workflowId, '--json'], cliEnv());
    expect(status.code, status.stderr).toBe(0);
    const running = jsonOf(status);
    expect(Object.keys(running)).toEqual(['workflowId', 'runId', 'workspaceId', 'semanticModelId', 'status', 'refreshId', 'startTime', 'endTime', 'failureReason']);
    expect(running).toMatchObject({ workspaceId: started.workspaceId, semanticModelId: quick.semanticModelId });
    expect(['Running', 'Completed']).toContain(running.status);
    const followed = await runCli(['status', '--wait', workflowId, '--json', '--progress-interval', '1s'], cliEnv());
    expect(followed.code, followed.stderr).toBe(0);
    const [refresh] = await admin.jobs(quick.semanticModelId);
    expect(jsonOf(followed)).toMatchObject({ workflowId, status: 'Completed', refreshId: refresh!.id, failureReason: null });
    const ended = await runCli(['status', workflowId], cliEnv());
    expect(ended.code).toBe(0);
    expect(ended.stderr).toContain(`Completed: refresh ${refresh!.id} (workflow ${workflowId})`);

    const slow = await model({ durationMs: 600_000 });
    const long = jsonOf(await runCli(['refresh', ...slow.flags, '--no-wait', '--json'], cliEnv()));
    const until = Date.now() + 60_000;
    while ((await admin.jobs(slow.semanticModelId)).length === 0) {
      if (Date.now() > until) throw new Error('the refresh was not requested');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const cancelled = await runCli(['cancel', long.workflowId as string, '--json'], cliEnv());
    expect(cancelled.code, cancelled.stderr).toBe(0);
    const [slowRefresh] = await admin.jobs(slow.semanticModelId);
    expect(slowRefresh).toMatchObject({ status: 'Cancelled' });
    expect(jsonOf(cancelled)).toMatchObject({ workflowId: long.workflowId, status: 'Cancelled', refreshId: slowRefresh!.id });
    expect(cancelled.stderr).toContain(`to cancel refresh ${slowRefresh!.id} and end`);
  }, 240_000);

  it('returns at once with --no-wait, and reports bad flags together', async () => {
    const { flags } = await model();
    const started = await runCli(['refresh', ...flags, '--no-wait', '--json'], cliEnv());
    expect(started.code, started.stderr).toBe(0);
    expect(Object.keys(jsonOf(started))).toEqual(['workflowId', 'runId', 'workspaceId', 'semanticModelId']);
    const bad = await runCli(['refresh', '--workspace', 'w/x', '--semantic-model', randomUUID(), '--type', 'Everything', '--refresh-timeout', '30m'], cliEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workspace "w\/x": a workspace is a name or an id, not a path/);
    expect(bad.stderr).toMatch(/--type "Everything": must be one of Full, ClearValues/);
    expect(bad.stderr).toMatch(/--refresh-timeout "30m": must be hh:mm:ss/);
  });
});

describe('semantic models by name', () => {
  const BI = randomUUID();
  const OPS = randomUUID();
  const SALES_MODEL = randomUUID();
  const SALES_REPORT = randomUUID();
  const LOAD = randomUUID();
  /** The CLI looks names up itself: it needs the Fabric API and the identities (default, and the sales connection). */
  const namesEnv = () => cliEnv({ FABRIC_API_URL: emulator.apiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: TOKENS.default, FABRIC_CONNECTION_SALES_TOKEN: TOKENS.sales });
  const scheduled = async (workflowId: string, activity: string) => {
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity);
  };

  beforeAll(async () => {
    await admin.setCatalog({
      workspaces: [
        { id: BI, displayName: 'BI Prod', items: [{ id: SALES_MODEL, displayName: 'Sales', type: 'SemanticModel' }, { id: SALES_REPORT, displayName: 'Sales', type: 'Report' }] },
        { id: OPS, displayName: 'Ops', items: [{ id: LOAD, displayName: 'Load', type: 'Notebook' }] },
      ],
    });
    for (const id of [SALES_MODEL, LOAD]) await admin.setScenario(id, { retryAfterSeconds: 1, durationMs: 500 });
  });

  it('refreshes a model given by names: resolved before the start, ids beside names, the look-up once in the history', async () => {
    const before = (await admin.jobs(SALES_MODEL)).length;
    const result = await runCli(['refresh', '--workspace', 'BI Prod', '--semantic-model', 'Sales', '--poll-min', '200ms', '--json'], namesEnv());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Resolved: semantic model "Sales.SemanticModel" (${SALES_MODEL}) in workspace "BI Prod" (${BI})`);
    const out = jsonOf(result);
    expect(out).toMatchObject({ workspaceId: BI, workspaceName: 'BI Prod', semanticModelId: SALES_MODEL, semanticModelName: 'Sales', status: 'Completed' });
    const jobs = await admin.jobs(SALES_MODEL);
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.at(-1)).toMatchObject({ workspaceId: BI, jobType: 'SemanticModelRefresh', identity: 'default' });
    expect(await admin.jobs(SALES_REPORT)).toEqual([]);
    const lookUps = await scheduled(out.workflowId as string, 'resolveFabricNames');
    expect(lookUps).toHaveLength(1);
    const listed = (await admin.requests()).filter((r) => r.op === 'list-items' && r.path.includes(BI));
    expect(listed.length).toBeGreaterThan(0);
    for (const r of listed) expect(r.path).toContain('type=SemanticModel');
  });

  it('a misspelt model exits 2, suggests the right one and starts nothing; another item type is refused', async () => {
    const before = (await admin.stats()).jobsStarted;
    const misspelt = await runCli(['refresh', '--workspace', 'BI Prod', '--semantic-model', 'Slaes', '--json'], namesEnv());
    expect(misspelt.code).toBe(2);
    expect(misspelt.stdout).toBe('');
    expect(misspelt.stderr).toContain(`--semantic-model "Slaes.SemanticModel": no SemanticModel with this name in workspace ${BI}; did you mean "Sales.SemanticModel"?`);
    const workspace = await runCli(['refresh', '--workspace', 'BI Prd', '--semantic-model', 'Sales'], namesEnv());
    expect(workspace.code).toBe(2);
    expect(workspace.stderr).toContain('did you mean "BI Prod"');
    const report = await runCli(['refresh', '--workspace', 'BI Prod', '--semantic-model', 'Sales.Report'], namesEnv());
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('names a Report, not a SemanticModel');
    expect((await admin.stats()).jobsStarted).toBe(before);
  });

  it("runs a pipeline whose refresh step names its model; each connection's targets are looked up with that connection's token", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pipeline-')), 'names.yaml');
    writeFileSync(
      file,
      [
        'name: refresh-by-names',
        'workspace: Ops',
        'pollInterval: { min: 200ms, fallback: 1s }',
        'steps:',
        '  - id: load',
        '    item: Load.Notebook',
        '  - id: refresh',
        '    kind: semanticModelRefresh',
        '    semanticModel: BI Prod.Workspace/Sales',
        '    connection: sales',
        '    needs: [load]',
      ].join('\n'),
    );
    const since = (await admin.requests()).at(-1)?.seq ?? 0;
    const [loads, refreshes] = [(await admin.jobs(LOAD)).length, (await admin.jobs(SALES_MODEL)).length];
    const result = await runCli(['pipeline', 'run', file, '--json'], namesEnv());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Resolved refresh: item "Sales.SemanticModel" (${SALES_MODEL}) in workspace "BI Prod" (${BI})`);
    expect(await admin.jobs(LOAD)).toHaveLength(loads + 1);
    const refresh = (await admin.jobs(SALES_MODEL)).slice(refreshes);
    expect(refresh).toHaveLength(1);
    expect(refresh[0]).toMatchObject({ workspaceId: BI, identity: 'sales', status: 'Completed' });
    // The CLI's check and the workflow's look-up: the BI workspace's items with the sales token only, Ops's with the default one.
    const listings = (await admin.requests(since)).filter((r) => r.op === 'list-items');
    const identities = (workspaceId: string) => new Set(listings.filter((r) => r.path.includes(workspaceId)).map((r) => r.identity));
    expect(identities(BI)).toEqual(new Set(['sales']));
    expect(identities(OPS)).toEqual(new Set(['default']));
    const lookUps = await scheduled((jsonOf(result) as { workflowId: string }).workflowId, 'resolveFabricNames');
    expect(lookUps).toHaveLength(2);
  });
});
