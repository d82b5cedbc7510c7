/**
 * `schedule ...` as a real process against a real Temporal dev server, the real emulator and a real
 * worker: logical dates reach Fabric's executionData, backfills, overlap policies, pause / delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, uniqueId, type CliHarness } from '../cli/harness.js';
import { jsonOf } from '../cli/process.js';
import { daysOf, endedJobs, pipelineFile, resultOf, scheduledRuns, waitForActions, waitUntilIdle } from './fixtures.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});


describe('logical dates', () => {
  it('a triggered single-job run passes its logical date (the schedule time zone) into executionData, and every job option into runFabricJob', async () => {
    const { workspaceId, itemId } = await h.item({ durationMs: 300 });
    const scheduleId = uniqueId('job');
    const executionData = JSON.stringify({ parameters: { day: { value: '{{ logicalDate }}', type: 'string' }, fixed: { value: 'x', type: 'string' } } });
    const parameters = JSON.stringify([{ name: 'day', type: 'Text', value: '{{ logicalDate }}' }]);
    const options = ['--parameters', parameters, '--timeout', '10m', '--route', 'path', '--on-deduped', 'succeed', '--poll-min', '1s', '--poll-max', '2m'];
    const created = await h.cli([
      'schedule', 'create', scheduleId, '--workspace', workspaceId, '--item', itemId, '--job-type', 'RunNotebook',
      '--execution-data', executionData, ...options, '--cron', '30 1 * * *', '--timezone', 'Asia/Tokyo', '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const view = jsonOf(created);
    expect(view).toMatchObject({ scheduleId, cron: '30 1 * * *', timeZone: 'Asia/Tokyo', logicalDateFormat: 'date', identity: `schedule/${scheduleId}`, overlap: 'skip', paused: false });
    const next = (view.nextRuns as { at: string; logicalDate: string }[])[0]!;
    expect(new Date(next.at).toISOString().slice(11, 19)).toBe('16:30:00'); // 01:30 in Tokyo is 16:30 UTC the day before
    expect(next.logicalDate).toBe(new Date(Date.parse(next.at) + 9 * 3_600_000).toISOString().slice(0, 10));

    const triggered = await h.cli(['schedule', 'trigger', scheduleId, '--json']);
    expect(triggered.code, triggered.stderr).toBe(0);
    const { logicalDate, runWorkflowId } = jsonOf(triggered) as { logicalDate: string; runWorkflowId: string };
    expect(logicalDate).toBe(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
    expect(runWorkflowId).toBe(`schedule/${scheduleId}/${logicalDate}`);

    await waitForActions(h.env.client, scheduleId, 1);
    await resultOf(h.env.client, runWorkflowId);
    const jobs = await h.admin.jobs(itemId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.executionData).toEqual({ parameters: { day: { value: logicalDate, type: 'string' }, fixed: { value: 'x', type: 'string' } } });
    expect(jobs[0]!.parameters).toEqual([{ name: 'day', type: 'Text', value: logicalDate }]);
    const posts = (await h.admin.requests()).filter((r) => r.method === 'POST' && r.itemId === itemId);
    expect(posts.map((r) => r.path)).toEqual([expect.stringMatching(/\/jobs\/RunNotebook\/instances$/)]);
    const { events } = await h.env.client.workflow.getHandle(runWorkflowId).fetchHistory();
    const [payload] = events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    expect(JSON.parse(Buffer.from(payload!.data!).toString('utf8'))).toMatchObject({
      workspaceId, itemId, jobType: 'RunNotebook', timeoutMs: 600_000, runRoute: 'path', onDeduped: 'succeed', pollInterval: { minMs: 1_000, maxMs: 120_000 },
    });

    await waitUntilIdle(h.env.client, scheduleId);
    const described = jsonOf(await h.cli(['schedule', 'describe', scheduleId, '--json']));
    expect(described.recentRuns).toEqual([expect.objectContaining({ logicalDate, status: 'Completed', runWorkflowId })]);
  });

  it('a backfill over N periods starts exactly N runs with N distinct logical dates, each as pipeline/<name>/<date>', async () => {
    const { workspaceId, itemId } = await h.item({ durationMs: 200 });
    const name = uniqueId('bf');
    const scheduleId = uniqueId('backfill');
    const created = await h.cli(['schedule', 'create', scheduleId, '--pipeline', pipelineFile(name, workspaceId, itemId), '--cron', '0 2 * * *', '--param', 'region=apac']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(`Created schedule ${scheduleId}: pipeline ${name}`);

    const backfill = await h.cli(['schedule', 'backfill', scheduleId, '--from', '2024-05-01', '--to', '2024-05-04', '--json']);
    expect(backfill.code, backfill.stderr).toBe(0);
    expect(jsonOf(backfill)).toEqual({ scheduleId, from: '2024-05-01T00:00:00.000Z', to: '2024-05-04T23:59:59.999Z', overlap: 'buffer-all' });

    await waitForActions(h.env.client, scheduleId, 4);
    const idle = await waitUntilIdle(h.env.client, scheduleId);
    expect(idle.info.numActionsTaken).toBe(4);
    const dates = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04'];
    expect(daysOf(await h.admin.jobs(itemId))).toEqual(dates);
    const runs = await scheduledRuns(h.env.client, scheduleId);
    expect(runs.map((r) => r.memo.logicalDate).sort()).toEqual(dates);
    expect(runs.every((r) => r.status === 'COMPLETED')).toBe(true);
    for (const date of dates) {
      const run = await h.env.client.workflow.getHandle(`pipeline/${name}@region=apac/${date}`).describe();
      expect(run.status.name).toBe('COMPLETED');
    }
  });
});

describe('overlap policies (backfill of 3 periods while each run takes seconds)', () => {
  async function backfillWith(overlap: string) {
    const { workspaceId, itemId } = await h.item({ durationMs: 4_000 });
    const scheduleId = uniqueId(`overlap-${overlap}`);
    const created = await h.cli(['schedule', 'create', scheduleId, '--workspace', workspaceId, '--item', itemId, '--job-type', 'RunNotebook', '--execution-data', '{"parameters":{"day":{"value":"{{ logicalDate }}","type":"string"}}}', '--every', '1d']);
    expect(created.code, created.stderr).toBe(0);
    const backfill = await h.cli(['schedule', 'backfill', scheduleId, '--from', '2024-05-01', '--to', '2024-05-03', '--overlap', overlap]);
    expect(backfill.code, backfill.stderr).toBe(0);
    return { scheduleId, itemId };
  }

  it('skip runs the first and drops the others; buffer-one runs one more afterwards; allow-all runs all three at once', async () => {
    const [skip, bufferOne, allowAll] = await Promise.all(['skip', 'buffer-one', 'allow-all'].map(backfillWith));

    const skipJobs = await endedJobs(h.admin, skip!.itemId, 1);
    const bufferJobs = await endedJobs(h.admin, bufferOne!.itemId, 2);
    const allJobs = await endedJobs(h.admin, allowAll!.itemId, 3);

    const info = async (scheduleId: string) => (await h.env.client.schedule.getHandle(scheduleId).describe()).info;
    expect(await info(skip!.scheduleId)).toMatchObject({ numActionsTaken: 1, numActionsSkippedOverlap: 2 });
    expect(daysOf(skipJobs)).toEqual(['2024-05-01']);

    expect(await info(bufferOne!.scheduleId)).toMatchObject({ numActionsTaken: 2, numActionsSkippedOverlap: 1 });
    expect(daysOf(bufferJobs)).toEqual(['2024-05-01', '2024-05-02']);
    expect(bufferJobs[1]!.startedAtMs!).toBeGreaterThanOrEqual(bufferJobs[0]!.endedAtMs!); // one after the other

    expect(await info(allowAll!.scheduleId)).toMatchObject({ numActionsTaken: 3, numActionsSkippedOverlap: 0 });
    expect(daysOf(allJobs)).toEqual(['2024-05-01', '2024-05-02', '2024-05-03']);
    const lastStart = Math.max(...allJobs.map((j) => j.startedAtMs!));
    const firstEnd = Math.min(...allJobs.map((j) => j.endedAtMs!));
    expect(lastStart).toBeLessThan(firstEnd); // all three ran at the same time
  });
});
