/**
 * What a newcomer tripped on (issue 27, items 4–7 and 10), each through the real CLI process:
 * messages and flags without Temporal, then schedules, pipelines and the worker against a dev
 * server, the emulator and a worker.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, TOKEN, type CliHarness } from './harness.js';
import { cleanEnv, closedAddress, jsonOf, ROOT, runCli, spawnWorker } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'fixes-'));

describe('messages and flags (no Temporal needed)', () => {
  it('the lines of docs/cli.md "Messages" are what the CLI prints', async () => {
    const temporal = await closedAddress();
    const env = cleanEnv({ TEMPORAL_ADDRESS: temporal });
    const data = join(dir, 'data.json');
    writeFileSync(data, '{"a":');
    const ws = '4b9a0000-0000-0000-0000-000000000000';
    const item = '0f8f0000-0000-0000-0000-000000000000';
    const runs = [
      ['run', '--workspace', ws, '--item', item.slice(0, -1), '--job-type', 'RunNotebook'],
      ['run', '--workspace', ws, '--item', item, '--job-type', 'RunNotebook', '--execution-data', `@${data}`],
      ['run', '--workspace', ws, '--item', item, '--job-type', 'RunNotebook', '--on-deduped', 'ignore'],
      ['run', '--workspace', ws, '--itme', item],
      ['status', 'some-id'],
    ];
    const doc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    for (const args of runs) {
      const result = await runCli(args, env);
      expect(result.code, result.stderr).not.toBe(0);
      const first = result.stderr.split('\n')[0]!.replace(data, 'data.json').replace(temporal, '127.0.0.1:9');
      expect(doc, `${args.join(' ')}`).toContain(`\n${first}\n`);
    }
  });

  it('--itme: reported as an unknown flag with the closest one, not as the missing --item (exit 2)', async () => {
    const result = await runCli(['run', '--workspace', 'Sales Prod', '--itme', 'Report.Notebook'], cleanEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("fabric-temporal: unknown option '--itme'\n(Did you mean --item?)");
    expect(result.stderr).not.toContain('required option');
    // Without a typo, the missing flag is still named.
    expect((await runCli(['run', '--workspace', 'Sales Prod'], cleanEnv())).stderr).toContain("required option '--item <ref>' not specified");
  });

  it('a UUID a character short is refused as such (exit 2), not looked up as a name', async () => {
    const short = randomUUID().slice(0, 35);
    const result = await runCli(['run', '--workspace', short, '--item', 'Report.Notebook'], cleanEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--workspace "${short}": not a UUID: 35 characters`);
  });

  it('run --help says each default once', async () => {
    const help = (await runCli(['run', '--help'], cleanEnv())).stdout.replace(/\s+/g, ' ');
    for (const flag of ['--capacity-wait <duration>', '--capacity-wait-max <duration>']) {
      const text = help.slice(help.indexOf(flag), help.indexOf(' --', help.indexOf(flag) + flag.length));
      expect(text.match(/default/g), text).toHaveLength(1);
    }
  });

  it('pipeline graph: a step draws what it runs (its job type, or the one its item type implies, or a refresh) and its when: condition', async () => {
    const file = join(dir, 'graph.yaml');
    writeFileSync(
      file,
      stringify({
        name: 'graphed',
        workspace: 'Sales Prod',
        steps: [
          { id: 'load', item: 'Load orders.Notebook' },
          { id: 'copy', item: 'Copy.DataPipeline', needs: ['load'], when: "steps.load.status == 'Completed'" },
          { id: 'model', kind: 'semanticModelRefresh', semanticModel: 'Sales', needs: ['copy'] },
          { id: 'lake', item: 'Lake.Lakehouse', jobType: 'TableMaintenance', needs: ['load'] },
        ],
      }),
    );
    const result = await runCli(['pipeline', 'graph', file], cleanEnv());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('s0["load<br/><small>RunNotebook</small>"]');
    expect(result.stdout).toContain(`s1["copy<br/><small>Pipeline · when steps.load.status == 'Completed'</small>"]`);
    expect(result.stdout).toContain('s2["model<br/><small>semantic model refresh</small>"]');
    expect(result.stdout).toContain('s3["lake<br/><small>TableMaintenance</small>"]');
  });
});

describe('against a dev server, the emulator and a worker', () => {
  let h: CliHarness;
  const workspaceId = randomUUID();
  const reportId = randomUUID();
  beforeAll(async () => {
    h = await startCliHarness();
    await h.admin.setCatalog({ workspaces: [{ id: workspaceId, displayName: 'Sales Prod', items: [{ id: reportId, displayName: 'Report', type: 'Notebook' }] }] });
  });
  afterAll(async () => {
    await h?.close();
  });
  const fabricEnv = () => h.cliEnv({ FABRIC_API_URL: h.emulator.apiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: TOKEN });

  it('schedule create|list|describe of a job given by names: its job type from the item type, never "undefined"; NEXT RUN in the cron\'s zone', async () => {
    const scheduleId = `one-job-${randomUUID().slice(0, 8)}`;
    const created = await runCli(['schedule', 'create', scheduleId, '--workspace', 'Sales Prod', '--item', 'Report.Notebook', '--cron', '0 2 * * *', '--timezone', 'Europe/Paris'], fabricEnv());
    try {
      expect(created.code, created.stderr).toBe(0);
      expect(created.stderr).toContain(`Created schedule ${scheduleId}: job RunNotebook (from the item type) on item Report.Notebook (workspace Sales Prod)`);
      expect(created.stderr).toMatch(/next run \d{4}-\d{2}-\d{2} 02:00 Europe\/Paris/);
      expect(created.stderr).not.toContain('undefined');
      const list = await runCli(['schedule', 'list'], h.cliEnv());
      expect(list.code, list.stderr).toBe(0);
      const row = list.stdout.split('\n').find((line) => line.startsWith(scheduleId))!;
      expect(row).toContain('job RunNotebook (from the item type)');
      expect(row).toMatch(/\d{4}-\d{2}-\d{2} 02:00 Europe\/Paris/);
      const describe = await runCli(['schedule', 'describe', scheduleId], h.cliEnv());
      expect(describe.stdout + describe.stderr).toContain('runs:          job RunNotebook (from the item type) on item Report.Notebook (workspace Sales Prod)');
      expect(describe.stdout + describe.stderr).not.toContain('undefined');
      const json = jsonOf(await runCli(['schedule', 'describe', scheduleId, '--json'], h.cliEnv()));
      expect(json.target).toMatchObject({ kind: 'job', jobType: null, itemId: 'Report.Notebook' });
      expect((json.nextRuns as { at: string }[])[0]!.at).toMatch(/T01:00:00\.000Z$|T00:00:00\.000Z$/);
    } finally {
      await runCli(['schedule', 'delete', scheduleId], h.cliEnv());
    }
  });

  it('a cancelled pipeline step keeps its Fabric job instance in pipeline cancel and pipeline status', async () => {
    const { itemId } = await h.item({ durationMs: 120_000 });
    const file = join(dir, 'cancelled.yaml');
    writeFileSync(file, stringify({ name: 'cancelled', workspace: randomUUID(), pollInterval: { min: '200ms' }, steps: [{ id: 'slow', item: itemId, jobType: 'RunNotebook' }] }));
    const started = await runCli(['pipeline', 'start', file, '--json'], h.cliEnv());
    expect(started.code, started.stderr).toBe(0);
    const workflowId = String(jsonOf(started).workflowId);
    await expect.poll(async () => (await h.admin.jobs(itemId)).length, { timeout: 60_000, interval: 300 }).toBe(1);
    const [job] = await h.admin.jobs(itemId);
    const cancelled = await runCli(['pipeline', 'cancel', workflowId, '--json'], h.cliEnv());
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect((jsonOf(cancelled).steps as Record<string, unknown>[])[0]).toMatchObject({ id: 'slow', status: 'cancelled', jobInstanceId: job!.id });
    const status = await runCli(['pipeline', 'status', workflowId, '--json'], h.cliEnv());
    expect((jsonOf(status).steps as Record<string, unknown>[])[0]).toMatchObject({ status: 'cancelled', jobInstanceId: job!.id });
    // The pipeline could be run again from there: the hint says how.
    const human = await runCli(['pipeline', 'status', workflowId], h.cliEnv());
    expect(human.stderr).toContain(`Run it again from where it stopped: \`fabric-temporal pipeline repair ${workflowId}\``);
  });

  it('a failed pipeline run suggests pipeline repair, with the steps it keeps', async () => {
    const ok = await h.item({ durationMs: 300 });
    const bad = await h.item({ durationMs: 300, outcome: 'Failed' });
    const file = join(dir, 'failing.yaml');
    writeFileSync(
      file,
      stringify({
        name: 'failing',
        workspace: randomUUID(),
        pollInterval: { min: '200ms' },
        steps: [
          { id: 'ok', item: ok.itemId, jobType: 'RunNotebook' },
          { id: 'bad', item: bad.itemId, jobType: 'RunNotebook', needs: ['ok'] },
        ],
      }),
    );
    const result = await runCli(['pipeline', 'run', file], h.cliEnv());
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/Run it again from where it stopped, keeping its 1 completed step: `fabric-temporal pipeline repair pipeline-failing-[0-9a-f]{8}`/);
    const json = await runCli(['pipeline', 'run', file, '--json'], h.cliEnv());
    expect(json.stderr).not.toContain('pipeline repair'); // --json: the object says it all
  });

  it('the worker log shows the item type a name look-up listed, not items?type=REDACTED', async () => {
    const queue = `names-${randomUUID()}`;
    const worker = spawnWorker(h.workerEnv({ FABRIC_TASK_QUEUE: queue }));
    try {
      await expect.poll(() => worker.output().stdout, { timeout: 60_000, interval: 200 }).toContain('fabric-temporal worker ready');
      await h.admin.setScenario(reportId, { durationMs: 300, retryAfterSeconds: 1 });
      const result = await runCli(['run', '--workspace', 'Sales Prod', '--item', 'Report.Notebook', '--poll-min', '200ms'], { ...fabricEnv(), FABRIC_TASK_QUEUE: queue });
      expect(result.code, result.stderr).toBe(0);
      const log = worker.output().stdout + worker.output().stderr;
      expect(log).toContain(`/workspaces/${workspaceId}/items?type=Notebook`);
      expect(log).not.toContain('type=REDACTED');
    } finally {
      worker.child.kill('SIGTERM');
      await worker.done;
    }
  });
});
