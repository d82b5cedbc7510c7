/**
 * Re-attaching and waiting, as a retried CI step does: `run --workflow-id X` again follows the run X
 * holds (or reports how it ended) without starting a second Fabric job, `status --wait` follows a
 * run to its end with `run`'s exit codes, and off a terminal a progress line comes at least every
 * `--progress-interval` even when nothing changes.
 */
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

/** The status of each plain progress line, `[12s] InProgress (job …, 3 polls)` → `InProgress`. */
function progressStatuses(stderr: string): string[] {
  return [...stderr.matchAll(/^\[\d+(?:m\d+)?s\] (.+) \((?:job [0-9a-f-]{36}|no job instance yet), \d+ polls?\)$/gm)].map((match) => match[1]!);
}

describe('re-attach and wait', () => {
  it('run --workflow-id X again while X runs: follows it (same outcome, one Fabric job); after it ended: reports it', { timeout: 360_000 }, async () => {
    // Long enough that the job surely still runs when the second `run` (a process start, slow under load) comes.
    const { itemId, flags } = await h.item({ durationMs: 45_000 });
    const workflowId = `cli-attach-${itemId}`;
    const first = spawnCli(['run', ...flags, '--workflow-id', workflowId, '--json'], h.cliEnv());
    await expect.poll(async () => (await h.admin.jobs(itemId)).length, { timeout: 120_000, interval: 200 }).toBe(1);

    const second = await runCli(['run', ...flags, '--workflow-id', workflowId, '--json'], h.cliEnv());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Workflow ${workflowId} is already running this job`);
    const firstResult = await first.done;
    expect(firstResult.code, firstResult.stderr).toBe(0);
    const [job] = await h.admin.jobs(itemId);
    expect(jsonOf(second)).toMatchObject({ workflowId, status: 'Completed', jobInstanceId: job!.id });
    expect(jsonOf(firstResult)).toEqual(jsonOf(second));

    const third = await runCli(['run', ...flags, '--workflow-id', workflowId, '--json'], h.cliEnv());
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toContain(`Workflow ${workflowId} already ran this job; nothing new was started`);
    expect(jsonOf(third)).toEqual(jsonOf(second));
    const started = await runCli(['start', ...flags, '--workflow-id', workflowId], h.cliEnv());
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toBe(`${workflowId}\n`);
    expect(await h.admin.jobs(itemId)).toHaveLength(1);
  });

  it('status --wait follows a run to its end (exit 1 for a failed job), with a progress line at least every --progress-interval off a terminal', { timeout: 300_000 }, async () => {
    // Long enough that it surely still runs when `status --wait` (a process start) asks.
    const { itemId, flags } = await h.item({ durationMs: 60_000, outcome: 'Failed' });
    const workflowId = `cli-wait-${itemId}`;
    expect((await runCli(['start', ...flags, '--workflow-id', workflowId], h.cliEnv())).code).toBe(0);
    const waited = await runCli(['status', workflowId, '--wait', '--progress-interval', '1s', '--json'], h.cliEnv());
    expect(waited.code, waited.stderr).toBe(1);
    expect(jsonOf(waited)).toMatchObject({ workflowId, status: 'Failed', failureReason: { errorCode: 'JobInstanceStatusFailed' } });
    expect(waited.stderr).toContain(`Following workflow ${workflowId}`);
    // The status stays the same for seconds: the heartbeat repeats it (a line per change alone prints each status once).
    const statuses = progressStatuses(waited.stderr);
    expect(statuses.length, waited.stderr).toBeGreaterThan(new Set(statuses).size);

    const again = await runCli(['status', workflowId, '--wait', '--json'], h.cliEnv());
    expect(again.code).toBe(1);
    expect(jsonOf(again)).toEqual(jsonOf(waited));
    const unknown = await runCli(['status', 'no-such-workflow', '--wait'], h.cliEnv());
    expect(unknown.code).toBe(2);
    const bad = await runCli(['status', workflowId, '--wait', '--progress-interval', '10'], h.cliEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--progress-interval "10": not a duration');
  });

  it("a payload over the SDK's warning size: the SDK's warning goes to stderr, stdout stays one JSON object", { timeout: 120_000 }, async () => {
    const { flags } = await h.item({});
    const file = join(mkdtempSync(join(tmpdir(), 'payload-warn-')), 'data.json');
    writeFileSync(file, JSON.stringify({ blob: 'x'.repeat(600_000) }));
    const result = await runCli(['run', ...flags, '--execution-data', `@${file}`, '--json'], h.cliEnv());
    expect(result.code, result.stderr).toBe(0);
    expect(jsonOf(result)).toMatchObject({ status: 'Completed' });
    expect(result.stderr).toMatch(/Temporal SDK warn: .*payload/i);
  });
});
