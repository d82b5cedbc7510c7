/** `schedule` pause / unpause / update / list / delete, pause-on-failure, and refused input (exit 2), as real processes. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, uniqueId, type CliHarness } from '../cli/harness.js';
import { jsonOf } from '../cli/process.js';
import { pipelineFile, waitForActions } from './fixtures.js';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness();
});
afterAll(async () => {
  await h?.close();
});

const WS = randomUUID();
const ITEM = randomUUID();
const job = ['--workspace', WS, '--item', ITEM, '--job-type', 'RunNotebook'];

describe('schedule state', () => {
  it('pause, unpause (with notes), list, delete', async () => {
    const scheduleId = uniqueId('state');
    expect((await h.cli(['schedule', 'create', scheduleId, ...job, '--every', '1d', '--note', 'nightly notebook'])).code).toBe(0);
    const paused = await h.cli(['schedule', 'pause', scheduleId, '--note', 'maintenance window']);
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stderr).toBe(`Schedule ${scheduleId} paused.\n`);
    expect(jsonOf(await h.cli(['schedule', 'describe', scheduleId, '--json']))).toMatchObject({ paused: true, note: 'maintenance window' });
    expect((await h.cli(['schedule', 'unpause', scheduleId])).code).toBe(0);
    expect(jsonOf(await h.cli(['schedule', 'describe', scheduleId, '--json']))).toMatchObject({ paused: false, note: 'unpaused via fabric-temporal' });

    await expect
      .poll(async () => ((jsonOf(await h.cli(['schedule', 'list', '--json'])).schedules as { scheduleId: string }[]).map((s) => s.scheduleId)), { timeout: 30_000, interval: 500 })
      .toContain(scheduleId);
    const table = await h.cli(['schedule', 'list']);
    expect(table.stdout).toMatch(new RegExp(`^${scheduleId}\\s+active\\s+every 1d\\s+job RunNotebook\\s+\\d{4}-`, 'm'));

    const deleted = await h.cli(['schedule', 'delete', scheduleId]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await h.cli(['schedule', 'describe', scheduleId]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`no schedule with id "${scheduleId}" in namespace "${h.namespace}"`);
  });

  it('update changes only what is given and keeps the pause state; describe shows it for humans', async () => {
    const { workspaceId, itemId } = await h.item({});
    const name = uniqueId('upd');
    const scheduleId = uniqueId('update');
    const file = pipelineFile(name, workspaceId, itemId);
    expect((await h.cli(['schedule', 'create', scheduleId, '--pipeline', file, '--cron', '0 2 * * *', '--timezone', 'Europe/Paris'])).code).toBe(0);
    expect((await h.cli(['schedule', 'pause', scheduleId])).code).toBe(0);
    const updated = await h.cli(['schedule', 'update', scheduleId, '--cron', '15 3 * * MON-FRI', '--overlap', 'buffer-one', '--param', 'region=us', '--pause-on-failure', '--json']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(jsonOf(updated)).toMatchObject({
      paused: true,
      cron: '15 3 * * MON-FRI',
      timeZone: 'Europe/Paris',
      overlap: 'buffer-one',
      pauseOnFailure: true,
      identity: `pipeline/${name}@region=us`,
      target: { kind: 'pipeline', name, source: file, params: { region: 'us' } },
    });
    const off = await h.cli(['schedule', 'update', scheduleId, '--no-pause-on-failure', '--logical-date-format', 'datetime', '--json']);
    expect(jsonOf(off)).toMatchObject({ pauseOnFailure: false, logicalDateFormat: 'datetime', cron: '15 3 * * MON-FRI', overlap: 'buffer-one' });
    const human = await h.cli(['schedule', 'describe', scheduleId]);
    expect(human.stdout).toContain(`Schedule ${scheduleId} (paused)`);
    expect(human.stdout).toContain(`runs:          pipeline ${name} (${file}), params region=us`);
    expect(human.stdout).toContain('when:          cron "15 3 * * MON-FRI" in Europe/Paris');
    expect(human.stdout).toContain(`logical date:  datetime (yyyy-mm-ddTHH:MM:SSZ (UTC)); each date runs once as pipeline/${name}@region=us/<logical date>`);
  });

  it('pause-on-failure pauses the schedule when a run fails', async () => {
    const { workspaceId, itemId } = await h.item({ durationMs: 200, outcome: 'Failed' });
    const scheduleId = uniqueId('pof');
    expect((await h.cli(['schedule', 'create', scheduleId, '--workspace', workspaceId, '--item', itemId, '--job-type', 'RunNotebook', '--cron', '@daily', '--pause-on-failure'])).code).toBe(0);
    expect((await h.cli(['schedule', 'trigger', scheduleId])).code).toBe(0);
    await waitForActions(h.env.client, scheduleId, 1);
    await expect.poll(async () => jsonOf(await h.cli(['schedule', 'describe', scheduleId, '--json'])).paused, { timeout: 60_000, interval: 500 }).toBe(true);
    const view = jsonOf(await h.cli(['schedule', 'describe', scheduleId, '--json']));
    expect(view.recentRuns).toEqual([expect.objectContaining({ status: 'Failed', runWorkflowId: expect.stringMatching(new RegExp(`^schedule/${scheduleId}/\\d{4}-\\d{2}-\\d{2}$`)) })]);
  });
});

describe('refused input (exit 2)', () => {
  it('bad cron, bad time zone, bad flags: one line each, nothing created', async () => {
    const scheduleId = uniqueId('bad');
    const bad = await h.cli(['schedule', 'create', scheduleId, ...job, '--cron', '0 25 * * *', '--timezone', 'Europe/Pariss', '--catchup-window', '1s']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'fabric-temporal: --cron "0 25 * * *": hour field "25": 25 is out of range 0-23',
      'fabric-temporal: --timezone "Europe/Pariss": unknown time zone (did you mean "Europe/Paris"?); use an IANA name such as UTC, Europe/Paris or America/New_York',
      'fabric-temporal: --catchup-window "1s": must be at least 10s',
    ]);
    const hourly = await h.cli(['schedule', 'create', scheduleId, ...job, '--cron', '@hourly']);
    expect(hourly.code).toBe(2);
    expect(hourly.stderr).toContain('fires 24 times a day, but the logical date (yyyy-mm-dd) allows one run per day');
    const noTarget = await h.cli(['schedule', 'create', 'bad id!', '--every', '1d']);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('schedule id "bad id!": use 1 to 200 letters');
    const badPipeline = await h.cli(['schedule', 'create', scheduleId, '--pipeline', 'no/such/file.yaml', '--every', '1d']);
    expect(badPipeline.code).toBe(2);
    expect(badPipeline.stderr).toContain('no/such/file.yaml: invalid pipeline (1 problem):');
    expect((await h.cli(['schedule', 'describe', scheduleId])).code).toBe(2);
  });

  it('input over Temporal\'s payload size limit: create and update exit 2 naming the field, and the schedule is left as it was', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'schedule-payload-')), 'data.json');
    writeFileSync(file, JSON.stringify({ parameters: { blob: { value: 'x'.repeat(2_200_000), type: 'string' } } }));
    const big = `@${file}`;
    const refused = uniqueId('big');
    const created = await h.cli(['schedule', 'create', refused, ...job, '--every', '1d', '--execution-data', big, '--json']);
    expect(created.code, created.stderr).toBe(2);
    expect(created.stdout).toBe('');
    expect(created.stderr).toMatch(/^fabric-temporal: --execution-data: 2\.\d\d MiB makes the workflow input 2\.\d\d MiB, over Temporal's payload size limit of 2\.00 MiB/);
    expect((await h.cli(['schedule', 'describe', refused])).code).toBe(2);

    const scheduleId = uniqueId('grow');
    expect((await h.cli(['schedule', 'create', scheduleId, ...job, '--every', '1d', '--execution-data', '{"parameters":{}}'])).code).toBe(0);
    const updated = await h.cli(['schedule', 'update', scheduleId, '--execution-data', big]);
    expect(updated.code, updated.stderr).toBe(2);
    expect(updated.stderr).toContain("--execution-data: 2.");
    expect(updated.stderr).toContain("over Temporal's payload size limit of 2.00 MiB");
    const view = jsonOf(await h.cli(['schedule', 'describe', scheduleId, '--json'])) as { target: { executionData: unknown } };
    expect(view.target.executionData).toEqual({ parameters: {} });
  }, 180_000);

  it('unknown schedule: every command says so; an id already in use is refused', async () => {
    const unknown = uniqueId('ghost');
    for (const args of [['describe', unknown], ['pause', unknown], ['unpause', unknown], ['trigger', unknown], ['delete', unknown], ['update', unknown, '--note', 'x'], ['backfill', unknown, '--from', '2024-01-01', '--to', '2024-01-02']]) {
      const result = await h.cli(['schedule', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(`fabric-temporal: no schedule with id "${unknown}" in namespace "${h.namespace}" (see \`fabric-temporal schedule list\`)\n`);
    }
    const scheduleId = uniqueId('twice');
    expect((await h.cli(['schedule', 'create', scheduleId, ...job, '--every', '1d'])).code).toBe(0);
    const again = await h.cli(['schedule', 'create', scheduleId, ...job, '--every', '1d']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`schedule "${scheduleId}" already exists`);
    const badRange = await h.cli(['schedule', 'backfill', scheduleId, '--from', '2024-05-02', '--to', '2024-05-01']);
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toContain('--from (2024-05-02T00:00:00.000Z) is after --to (2024-05-01T23:59:59.999Z)');
  });
});
