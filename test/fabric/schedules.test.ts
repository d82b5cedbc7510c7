/** Item schedule CRUD against the real emulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateScheduleRequest, ItemSchedule, ScheduleScope } from '../../src/fabric/index.js';
import { caught, startFixture, type Fixture } from './emulator-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ pageSize: 2 });
});
afterAll(async () => fx?.close());

const window = { startDateTime: '2024-04-28T00:00:00', endDateTime: '2030-04-30T23:59:00', localTimeZoneId: 'UTC' };

async function scope(): Promise<ScheduleScope> {
  return { ...(await fx.item()), jobType: 'Pipeline' };
}

async function all(it: AsyncIterable<ItemSchedule>): Promise<ItemSchedule[]> {
  const out: ItemSchedule[] = [];
  for await (const s of it) out.push(s);
  return out;
}

describe('item schedules', () => {
  it('creates, gets, lists, updates and deletes a schedule', async () => {
    const s = await scope();
    const client = fx.client();
    const request: CreateScheduleRequest = { enabled: true, configuration: { ...window, type: 'Cron', interval: 10 }, executionData: { parameters: { x: 1 } } };
    const created = await client.createItemSchedule(s, request);
    expect(created).toMatchObject({ enabled: true, configuration: request.configuration, executionData: request.executionData, owner: { type: 'User' } });
    expect(created.createdDateTime).toEqual(expect.any(String));

    expect(await client.getItemSchedule(s, created.id)).toEqual(created);
    expect(await all(client.listItemSchedules(s))).toEqual([created]);

    const weekly = { ...window, type: 'Weekly' as const, times: ['08:00', '17:30'], weekdays: ['Monday' as const, 'Thursday' as const] };
    const updated = await client.updateItemSchedule(s, created.id, { enabled: false, configuration: weekly });
    expect(updated).toMatchObject({ id: created.id, enabled: false, configuration: weekly });

    await client.deleteItemSchedule(s, created.id);
    expect(await caught(() => client.getItemSchedule(s, created.id))).toMatchObject({ name: 'FabricError', statusCode: 404 });
    expect(await all(client.listItemSchedules(s))).toEqual([]);
  });

  it('creates Daily and Monthly schedules and lists them over several pages', async () => {
    const s = await scope();
    const client = fx.client();
    const configs = [
      { ...window, type: 'Daily' as const, times: ['00:00'] },
      { ...window, type: 'Monthly' as const, recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth' as const, dayOfMonth: 15 }, times: ['06:00'] },
      { ...window, type: 'Monthly' as const, recurrence: 3, occurrence: { occurrenceType: 'OrdinalWeekday' as const, weekIndex: 'Second' as const, weekday: 'Tuesday' as const }, times: ['23:59'] },
      { ...window, type: 'Cron' as const, interval: 5_270_400 },
      { ...window, type: 'Cron' as const, interval: 1 },
    ];
    const ids = [];
    for (const configuration of configs) ids.push((await client.createItemSchedule(s, { enabled: true, configuration })).id);
    const listed = await all(client.listItemSchedules(s));
    expect(listed.map((x) => x.id).sort()).toEqual([...ids].sort());
    const pages = (await fx.admin.requests()).filter((r) => r.op === 'schedule-list' && r.itemId === s.itemId);
    expect(pages).toHaveLength(3);
  });

  it('rejects a bad schedule before sending it', async () => {
    const s = await scope();
    const client = fx.client();
    const before = (await fx.admin.stats()).requests;
    const bad = { enabled: true, configuration: { ...window, type: 'Cron' as const, interval: 0 } };
    expect(await caught(() => client.createItemSchedule(s, bad))).toMatchObject({ name: 'FabricValidationError', field: 'configuration' });
    expect(await caught(() => client.getItemSchedule(s, 'not-a-uuid'))).toMatchObject({ name: 'FabricValidationError', field: 'scheduleId' });
    expect(await caught(() => client.deleteItemSchedule({ ...s, jobType: '' }, crypto.randomUUID()))).toMatchObject({ field: 'jobType' });
    expect((await fx.admin.stats()).requests).toBe(before);
  });

  it('surfaces ScheduleExceedsLimit as a FabricError', async () => {
    const s = await scope();
    const client = fx.client();
    const request = { enabled: true, configuration: { ...window, type: 'Cron' as const, interval: 60 } };
    for (let i = 0; i < 20; i++) await client.createItemSchedule(s, request);
    expect(await caught(() => client.createItemSchedule(s, request))).toMatchObject({ name: 'FabricError', statusCode: 400, errorCode: 'ScheduleExceedsLimit' });
  });
});
