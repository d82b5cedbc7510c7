/** `fabric-schedule ...` as a real process against the real emulator (Fabric's item schedules API). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { cleanEnv, jsonOf, runCli } from '../cli/process.js';

const TOKEN = 'fabric-schedule-token';
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
beforeAll(async () => {
  emulator = await startEmulator({ token: TOKEN });
  admin = new EmulatorAdmin(emulator.adminUrl);
});
afterAll(async () => {
  await emulator?.close();
});

const env = () => cleanEnv({ FABRIC_API_URL: emulator.apiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: TOKEN });
const fs = (args: string[]) => runCli(['fabric-schedule', ...args], env());
const window = ['--start', '2030-01-01', '--end', '2030-12-31T23:59'];

function scope() {
  return ['--workspace', randomUUID(), '--item', randomUUID(), '--job-type', 'RunNotebook'];
}

async function create(where: string[], args: string[]) {
  const result = await fs(['create', ...where, ...window, ...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return jsonOf(result) as { id: string; enabled: boolean; configuration: Record<string, unknown>; executionData?: unknown };
}

describe('fabric-schedule CRUD against the emulator', () => {
  it('creates each schedule type from its flags, lists and gets them', async () => {
    const where = scope();
    const daily = await create(where, ['--times', '2:00,14:30', '--time-zone', 'W. Europe Standard Time', '--execution-data', '{"parameters":{"p":{"value":"1","type":"int"}}}']);
    expect(daily).toMatchObject({
      enabled: true,
      configuration: { type: 'Daily', times: ['02:00', '14:30'], startDateTime: '2030-01-01T00:00:00', endDateTime: '2030-12-31T23:59:00', localTimeZoneId: 'W. Europe Standard Time' },
      executionData: { parameters: { p: { value: '1', type: 'int' } } },
    });
    const cron = await create(where, ['--interval', '90', '--disabled']);
    expect(cron).toMatchObject({ enabled: false, configuration: { type: 'Cron', interval: 90, localTimeZoneId: 'UTC' } });
    const weekly = await create(where, ['--times', '06:00', '--weekdays', 'monday,Fri']);
    expect(weekly.configuration).toMatchObject({ type: 'Weekly', times: ['06:00'], weekdays: ['Monday', 'Friday'] });
    const monthly = await create(where, ['--times', '01:00', '--week-index', 'second', '--weekday', 'Tuesday', '--recurrence', '3']);
    expect(monthly.configuration).toMatchObject({ type: 'Monthly', recurrence: 3, occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'Second', weekday: 'Tuesday' } });
    const onDay = await create(where, ['--times', '01:00', '--day-of-month', '15']);
    expect(onDay.configuration).toMatchObject({ type: 'Monthly', recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 15 } });

    const listed = await fs(['list', ...where, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const ids = (jsonOf(listed).schedules as { id: string }[]).map((s) => s.id).sort();
    expect(ids).toEqual([daily.id, cron.id, weekly.id, monthly.id, onDay.id].sort());
    const table = await fs(['list', ...where]);
    expect(table.stdout).toContain(`${weekly.id}  enabled   weekly on Monday, Friday at 06:00 from 2030-01-01T00:00:00 to 2030-12-31T23:59:00 (UTC)`);
    expect(table.stdout).toContain(`${cron.id}  disabled  every 90 min`);

    const got = await fs(['get', cron.id, ...where, '--json']);
    expect(got.code, got.stderr).toBe(0);
    expect(jsonOf(got)).toEqual(cron);
  });

  it('updates only what is given, switches types, deletes; an unknown schedule exits 2', async () => {
    const where = scope();
    const weekly = await create(where, ['--times', '06:00', '--weekdays', 'Monday']);
    const updated = await fs(['update', weekly.id, ...where, '--times', '07:15', '--disabled', '--json']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(jsonOf(updated)).toMatchObject({ id: weekly.id, enabled: false, configuration: { type: 'Weekly', times: ['07:15'], weekdays: ['Monday'], startDateTime: '2030-01-01T00:00:00' } });
    const switched = await fs(['update', weekly.id, ...where, '--interval', '30', '--enabled', '--json']);
    expect(jsonOf(switched)).toMatchObject({ enabled: true, configuration: { type: 'Cron', interval: 30, endDateTime: '2030-12-31T23:59:00' } });

    const deleted = await fs(['delete', weekly.id, ...where]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toContain(`Deleted Fabric schedule ${weekly.id}.`);
    const gone = await fs(['get', weekly.id, ...where]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`schedule ${weekly.id}: Fabric answered 404 EntityNotFound`);
  });

  it('refuses bad flags with one line per problem, before any request (exit 2)', async () => {
    const before = (await admin.stats()).requests;
    const where = scope();
    const bad = await fs(['create', ...where, '--times', '25:00', '--weekdays', 'Funday', '--time-zone', 'Europe/Paris', '--enabled', '--disabled']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'fabric-temporal: give either --enabled or --disabled, not both',
      'fabric-temporal: --time-zone "Europe/Paris": Fabric wants a Windows time-zone id such as "UTC", "W. Europe Standard Time" or "Pacific Standard Time" (this looks like an IANA name)',
      'fabric-temporal: --times "25:00": "25:00" not a time; use hh:mm (00:00 to 23:59), comma-separated, e.g. 02:00,14:30',
      'fabric-temporal: --start is required: when the schedule begins, e.g. 2024-05-01T00:00 (in --time-zone)',
      'fabric-temporal: --end is required: when the schedule stops, e.g. 2025-05-01T00:00 (in --time-zone)',
      'fabric-temporal: --weekdays "Funday": not a weekday; use Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday (or mon, tue, ...)',
    ]);
    const mixed = await fs(['create', ...where, ...window, '--interval', '5', '--weekdays', 'Monday', '--times', '01:00']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('do not mix: give the flags of one schedule type');
    const badIds = await fs(['get', 'nope', '--workspace', 'x/y', '--item', 'Load.Notbook', '--job-type', 'RunNotebook']);
    expect(badIds.code).toBe(2);
    expect(badIds.stderr).toContain('--workspace "x/y": a workspace is a name or an id, not a path');
    expect(badIds.stderr).toContain('--item "Load.Notbook": unknown item type "Notbook" (did you mean Notebook?)');
    expect(badIds.stderr).toContain('<scheduleId> "nope": not a UUID');
    expect((await admin.stats()).requests).toBe(before);
  });
});

describe('fabric-schedule with names', () => {
  const SALES = '11111111-1111-4111-8111-111111111111';
  const NB = 'aaaaaaaa-0000-4000-8000-000000000011';
  beforeAll(async () => {
    await admin.setCatalog({ workspaces: [{ id: SALES, displayName: 'Sales Prod', items: [{ id: NB, displayName: 'Load orders', type: 'Notebook' }, { displayName: 'Lake', type: 'Lakehouse' }] }] });
  });

  it('creates and lists a schedule of an item given by its path, the job type inferred; the resolved ids are shown', async () => {
    const created = await fs(['create', '--item', 'Sales Prod.Workspace/Load orders.Notebook', ...window, '--interval', '60', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(`Resolved: item "Load orders.Notebook" (${NB}) in workspace "Sales Prod" (${SALES}), job type RunNotebook`);
    const listed = await fs(['list', '--workspace', SALES, '--item', NB, '--job-type', 'RunNotebook', '--json']);
    expect((jsonOf(listed) as { schedules: { id: string }[] }).schedules.map((s) => s.id)).toEqual([(jsonOf(created) as { id: string }).id]);
  });

  it('a misspelt item exits 2 with the closest name and changes nothing; a Lakehouse needs --job-type', async () => {
    const before = (await admin.stats()).byOp['schedule-create'] ?? 0;
    const misspelt = await fs(['create', '--workspace', 'Sales Prod', '--item', 'Load ordrs.Notebook', ...window, '--interval', '60']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('did you mean "Load orders.Notebook"?');
    const lake = await fs(['create', '--workspace', 'Sales Prod', '--item', 'Lake.Lakehouse', ...window, '--interval', '60']);
    expect(lake.code).toBe(2);
    expect(lake.stderr).toContain('is a Lakehouse, which runs several job types: give --job-type (one of TableMaintenance, RefreshMaterializedLakeViews)');
    expect((await admin.stats()).byOp['schedule-create'] ?? 0).toBe(before);
  });
});
