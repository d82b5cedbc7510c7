/**
 * `fabric-temporal pipeline ...` as a real process against a real dev server, emulator and worker:
 * the `--json` shape, exit codes 0 / 1 / 2 / 3, and operating a paused run from the command line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Scenario } from '../../src/emulator/index.js';
import { startCliHarness, TEMPORAL_UI_URL, type CliHarness } from '../cli/harness.js';
import { cleanEnv, closedAddress, jsonOf, runCli } from '../cli/process.js';

let h: CliHarness;
const dir = mkdtempSync(join(tmpdir(), 'pipeline-cli-'));
const WORKSPACE = '45b96281-1511-4568-9ec5-e02bc036cd64';
const KEYS = ['workflowId', 'runId', 'status', 'steps', 'temporalUrl'];
const STEP_KEYS = ['id', 'status', 'jobInstanceId', 'startTimeUtc', 'endTimeUtc', 'failureReason', 'details', 'fabricUrl', 'temporalUrl'];

beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Writes a pipeline file whose steps run on fresh emulator items with the given scenarios. */
async function pipelineFile(name: string, steps: { id: string; scenario?: Scenario; extra?: Record<string, unknown> }[], top: Record<string, unknown> = {}) {
  const items: Record<string, string> = {};
  const fileSteps = [];
  for (const step of steps) {
    const { itemId } = await h.item({ durationMs: 500, ...step.scenario });
    items[step.id] = itemId;
    fileSteps.push({ id: step.id, item: itemId, jobType: 'RunNotebook', ...step.extra });
  }
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, stringify({ name, workspace: WORKSPACE, pollInterval: { min: '200ms', fallback: '300ms' }, ...top, steps: fileSteps }));
  return { path, items };
}

describe('pipeline run', () => {
  it('Completed: exit 0, one JSON object with every step, templates rendered, plain progress lines', async () => {
    const { path, items } = await pipelineFile(
      'cli-ok',
      [
        { id: 'load' },
        { id: 'use', extra: { needs: ['load'], executionData: { region: '{{ params.region }}', day: '{{ logicalDate }}', from: '{{ steps.load.jobInstanceId }}' } } },
      ],
      { params: { region: 'emea' } },
    );
    const result = await runCli(['pipeline', 'run', path, '--param', 'region=apac', '--logical-date', '2024-05-01', '--json'], h.cliEnv());
    expect(result.code, result.stderr).toBe(0);
    const out = jsonOf(result) as { steps: Record<string, unknown>[] } & Record<string, unknown>;
    expect(Object.keys(out)).toEqual(KEYS);
    // A logical date's run has the identity pipeline/<name>[@<changed params>]/<date> (docs/schedules.md).
    expect(out).toMatchObject({ workflowId: 'pipeline/cli-ok@region=apac/2024-05-01', runId: expect.any(String), status: 'Completed' });
    const [load] = await h.admin.jobs(items.load);
    const [use] = await h.admin.jobs(items.use);
    expect(out.steps.map((step) => Object.keys(step))).toEqual([STEP_KEYS, STEP_KEYS]);
    const links = (id: string, itemId: string) => ({
      details: expect.objectContaining({ livyId: expect.any(String) }),
      fabricUrl: expect.stringMatching(new RegExp(`^https://app\\.fabric\\.microsoft\\.com/workloads/de-ds/sparkmonitor/${itemId}/`)),
      temporalUrl: `${TEMPORAL_UI_URL}/namespaces/${h.namespace}/workflows/${encodeURIComponent(`pipeline/cli-ok@region=apac/2024-05-01/${id}`)}`,
    });
    expect(out.steps).toEqual([
      { id: 'load', status: 'completed', jobInstanceId: load!.id, startTimeUtc: expect.any(String), endTimeUtc: expect.any(String), failureReason: null, ...links('load', items.load!) },
      { id: 'use', status: 'completed', jobInstanceId: use!.id, startTimeUtc: expect.any(String), endTimeUtc: expect.any(String), failureReason: null, ...links('use', items.use!) },
    ]);
    expect(out.temporalUrl).toBe(`${TEMPORAL_UI_URL}/namespaces/${h.namespace}/workflows/${encodeURIComponent('pipeline/cli-ok@region=apac/2024-05-01')}/${String(out.runId)}/history`);
    expect(use!.executionData).toEqual({ region: 'apac', day: '2024-05-01', from: load!.id });
    expect(result.stderr).toContain('Started pipeline cli-ok as workflow pipeline/cli-ok@region=apac/2024-05-01');
    expect(result.stderr).toMatch(/\] use: completed \(job [0-9a-f-]{36}\)/);
    expect(result.stderr).not.toContain('\x1b[');
  });

  it('Failed: exit 1 with each step’s outcome and Fabric’s failure reason', async () => {
    const failureReason = { errorCode: 'NotebookExecutionFailed', message: 'cell 3 raised ZeroDivisionError' };
    const { path } = await pipelineFile('cli-fail', [{ id: 'bad', scenario: { outcome: 'Failed', failureReason } }, { id: 'after', extra: { needs: ['bad'] } }]);
    const result = await runCli(['pipeline', 'run', path, '--json'], h.cliEnv());
    expect(result.code, result.stderr).toBe(1);
    expect(jsonOf(result)).toMatchObject({
      status: 'Failed',
      steps: [
        { id: 'bad', status: 'failed', failureReason },
        { id: 'after', status: 'skipped', jobInstanceId: null },
      ],
    });
    const human = await runCli(['pipeline', 'run', path], h.cliEnv());
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^Failed: pipeline cli-fail \(workflow pipeline-cli-fail-[0-9a-f]{8}\); steps: 1 failed, 1 skipped — pipeline "cli-fail": step "bad" failed: cell 3 raised ZeroDivisionError$/m);
  });

  it('invalid input: exit 2, every problem listed, nothing started', async () => {
    const { path, items } = await pipelineFile('cli-invalid', [{ id: 'a', extra: { executionData: { x: '{{ params.nope }}' }, needs: ['ghost'] } }]);
    const result = await runCli(['pipeline', 'run', path, '--param', 'x', '--json'], h.cliEnv());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('invalid pipeline (2 problems):');
    expect(result.stderr).toContain('steps[0].needs[0]: unknown step "ghost"');
    expect(result.stderr).toContain('steps[0].executionData.x: unknown param "nope"');
    const badParam = await runCli(['pipeline', 'run', join('examples', 'pipelines', 'demo.yaml'), '--param', 'regoin=x', '--logical-date', 'tomorrow'], h.cliEnv());
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toContain('--param regoin: unknown param (did you mean "region"?)');
    expect(badParam.stderr).toContain('--logical-date "tomorrow": expected a date as yyyy-mm-dd');
    expect(await h.admin.jobs(items.a)).toHaveLength(0);
  });

  it('run --workflow-id X again: follows the run X holds with the same pipeline; other params are refused (exit 2)', { timeout: 300_000 }, async () => {
    const { path, items } = await pipelineFile('cli-attach', [{ id: 'slow', scenario: { durationMs: 15_000 } }], { params: { region: 'emea' } });
    const workflowId = `pipeline-attach-${items.slow}`;
    const started = await runCli(['pipeline', 'start', path, '--workflow-id', workflowId], h.cliEnv());
    expect(started.code, started.stderr).toBe(0);
    expect(started.stderr).toContain(`fabric-temporal pipeline status --wait ${workflowId}`);
    const other = await runCli(['pipeline', 'run', path, '--param', 'region=apac', '--workflow-id', workflowId], h.cliEnv());
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('already exists and holds another pipeline');
    const attached = await runCli(['pipeline', 'run', path, '--workflow-id', workflowId, '--json'], h.cliEnv());
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.stderr).toMatch(/is already running pipeline cli-attach|already ran pipeline cli-attach/);
    expect(jsonOf(attached)).toMatchObject({ workflowId, status: 'Completed' });
    const waited = await runCli(['pipeline', 'status', workflowId, '--wait', '--json'], h.cliEnv());
    expect(waited.code, waited.stderr).toBe(0);
    expect(jsonOf(waited)).toEqual(jsonOf(attached));
    expect(await h.admin.jobs(items.slow)).toHaveLength(1);
  });

  it('Temporal unreachable: exit 3', async () => {
    const result = await runCli(['pipeline', 'run', join('examples', 'pipelines', 'demo.yaml')], cleanEnv({ TEMPORAL_ADDRESS: await closedAddress() }));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot reach Temporal/);
  });
});

describe('pipeline validate and graph (no Temporal needed)', () => {
  it('validate: a summary and exit 0, or every problem and exit 2', async () => {
    const ok = await runCli(['pipeline', 'validate', join('examples', 'pipelines', 'demo.yaml')], cleanEnv());
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('order: load-orders, load-customers → join → optimize → report');
    const bad = await runCli(['pipeline', 'validate', join('test', 'pipeline', 'invalid', 'unknown-needs.yaml'), '--json'], cleanEnv());
    expect(bad.code).toBe(2);
    const problems = [
      'steps[1].needs[0]: unknown step "ingestt" (did you mean "ingest"?) (line 8)',
      'steps[1].needs[1]: unknown step "publish" (line 8)',
      'steps[1].needs[3]: "ingest" is listed twice (line 8)',
    ];
    const badFile = join('test', 'pipeline', 'invalid', 'unknown-needs.yaml');
    expect(jsonOf(bad)).toEqual({ valid: false, problems, files: [{ file: badFile, valid: false, problems }] });
  });

  it('validate several files: a summary for each good one, the problems of each bad one, exit 2 when any is bad', { timeout: 240_000 }, async () => {
    const good = join('examples', 'pipelines', 'demo.yaml');
    const badFile = join('test', 'pipeline', 'invalid', 'unknown-needs.yaml');
    const both = await runCli(['pipeline', 'validate', good, good], cleanEnv());
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout.match(/: OK — pipeline demo/g)).toHaveLength(2);
    const mixed = await runCli(['pipeline', 'validate', good, badFile], cleanEnv());
    expect(mixed.code).toBe(2);
    expect(mixed.stdout).toContain(`${good}: OK — pipeline demo`);
    expect(mixed.stderr).toContain(`fabric-temporal: ${badFile}: invalid pipeline (3 problems):`);
    const json = jsonOf(await runCli(['pipeline', 'validate', good, badFile, '--json'], cleanEnv()));
    expect(json).toMatchObject({ valid: false, files: [{ file: good, valid: true, problems: [] }, { file: badFile, valid: false }] });
    expect((json.problems as string[])[0]).toBe(`${badFile}: steps[1].needs[0]: unknown step "ingestt" (did you mean "ingest"?) (line 8)`);
  });

  it('graph: Mermaid on stdout', async () => {
    const result = await runCli(['pipeline', 'graph', join('examples', 'pipelines', 'demo.yaml')], cleanEnv());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^---\ntitle: "demo"\n---\nflowchart TD\n/);
    expect(result.stdout).toContain('  s0 --> s2\n');
  });
});

describe('operating a paused pipeline', () => {
  it('start, status while paused, refused and accepted decisions, cancel', async () => {
    const { path, items } = await pipelineFile(
      'cli-pause',
      [
        { id: 'flaky', scenario: { outcome: 'Failed' } },
        { id: 'next', scenario: { durationMs: 60_000, cancelDelayMs: 300 }, extra: { needs: ['flaky'] } },
      ],
      { onFailure: 'pause' },
    );
    const started = await runCli(['pipeline', 'start', path, '--workflow-id', 'cli-pause-1', '--json'], h.cliEnv());
    expect(started.code, started.stderr).toBe(0);
    expect(jsonOf(started)).toEqual({ workflowId: 'cli-pause-1', runId: expect.any(String) });

    await expect
      .poll(async () => jsonOf(await runCli(['pipeline', 'status', 'cli-pause-1', '--json'], h.cliEnv())).status, { timeout: 30_000, interval: 500 })
      .toBe('Paused');
    const table = await runCli(['pipeline', 'status', 'cli-pause-1'], h.cliEnv());
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/flaky\s+failed\s+1\s+[0-9a-f-]{36}\s+\S+\s+waiting for retry \/ skip \/ abort/);
    expect(table.stdout).toContain('fabric-temporal pipeline retry|skip cli-pause-1 flaky');

    const refused = await runCli(['pipeline', 'skip', 'cli-pause-1', 'next'], h.cliEnv());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('skip next refused: step "next" is pending, not failed and waiting for a decision');

    await h.admin.setScenario(items.flaky!, { retryAfterSeconds: 1, durationMs: 300 });
    const retried = await runCli(['pipeline', 'retry', 'cli-pause-1'], h.cliEnv());
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stderr).toContain('Retrying step flaky of cli-pause-1.');

    // flaky now completes and next starts a long Fabric job; cancelling the pipeline cancels it.
    await expect.poll(async () => (await h.admin.jobs(items.next)).length, { timeout: 30_000, interval: 300 }).toBe(1);
    const cancel = await runCli(['pipeline', 'cancel', 'cli-pause-1', '--json'], h.cliEnv());
    expect(cancel.code, cancel.stderr).toBe(0);
    const [nextJob] = await h.admin.jobs(items.next);
    expect(nextJob!.cancelRequestedAtMs).toBeGreaterThan(0);
    expect(jsonOf(cancel)).toMatchObject({
      workflowId: 'cli-pause-1',
      status: 'Cancelled',
      steps: [
        { id: 'flaky', status: 'completed' },
        { id: 'next', status: 'cancelled' },
      ],
    });
    const done = await runCli(['pipeline', 'status', 'cli-pause-1', '--json'], h.cliEnv());
    expect(done.code).toBe(1);
    expect(jsonOf(done).status).toBe('Cancelled');
    expect((await runCli(['pipeline', 'status', 'no-such-pipeline'], h.cliEnv())).code).toBe(2);
    // The job commands point a pipeline run at the pipeline's own commands.
    const asJob = await runCli(['status', 'cli-pause-1', '--json'], h.cliEnv());
    expect(asJob.code).toBe(2);
    expect(asJob.stdout).toBe('');
    expect(asJob.stderr).toContain('workflow "cli-pause-1" is a pipeline run; use `fabric-temporal pipeline status cli-pause-1`');
  }, 240_000); // a dozen CLI processes: generous under load
});
