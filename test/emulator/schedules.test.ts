/**
 * Item schedules: CRUD, shapes, validation of the configuration, the 20-per-item limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FABRIC_TIME, WS, harness, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const window = { startDateTime: '2024-04-28T00:00:00', endDateTime: '2024-04-30T23:59:00', localTimeZoneId: 'Central Standard Time' };
const CONFIGS = {
  Cron: { type: 'Cron', ...window, interval: 10 },
  Daily: { type: 'Daily', ...window, times: ['17:00', '06:30'] },
  Weekly: { type: 'Weekly', ...window, times: ['09:00'], weekdays: ['Monday', 'Friday'] },
  Monthly: { type: 'Monthly', ...window, times: ['09:00'], recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 15 } },
  MonthlyOrdinal: {
    type: 'Monthly',
    ...window,
    times: ['09:00'],
    recurrence: 2,
    occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'First', weekday: 'Monday' },
  },
};

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

const schedulesPath = (item: string, jobType = 'RunNotebook'): string => `/v1/workspaces/${WS}/items/${item}/jobs/${jobType}/schedules`;
const create = (item: string, body: unknown, jobType?: string): Promise<Response> =>
  h.call('POST', schedulesPath(item, jobType), { body: JSON.stringify(body) });

describe('schedules CRUD', () => {
  it.each(Object.entries(CONFIGS))('creates a %s schedule: 201, Location and an ItemSchedule', async (_name, configuration) => {
    const item = newItem();
    const res = await create(item, { enabled: true, configuration, executionData: { tableName: 't' } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.id).toMatch(UUID);
    expect(res.headers.get('location')).toBe(`${h.emulator.url}${schedulesPath(item)}/${String(body.id)}`);
    expect(body).toMatchObject({ enabled: true, configuration, executionData: { tableName: 't' }, owner: { type: 'User' } });
    expect(body.createdDateTime).toMatch(FABRIC_TIME);
    expect((body.owner as { id: string }).id).toMatch(UUID);
  });

  it('gets, lists, updates and deletes a schedule', async () => {
    const item = newItem();
    const created = (await (await create(item, { enabled: true, configuration: CONFIGS.Cron })).json()) as { id: string };
    const url = `${schedulesPath(item)}/${created.id}`;

    const got = await h.call('GET', url);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(created);

    const listed = (await (await h.call('GET', schedulesPath(item))).json()) as { value: unknown[] };
    expect(listed).toEqual({ value: [created] });

    const patched = await h.call('PATCH', url, { body: JSON.stringify({ enabled: false, configuration: CONFIGS.Weekly }) });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: created.id, enabled: false, configuration: CONFIGS.Weekly });

    const deleted = await h.call('DELETE', url);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toBe('');
    const gone = await h.call('GET', url);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ errorCode: 'EntityNotFound' });
  });

  it('scopes schedules by job type', async () => {
    const item = newItem();
    const created = (await (await create(item, { enabled: true, configuration: CONFIGS.Cron }, 'Pipeline')).json()) as { id: string };
    expect((await h.call('GET', `${schedulesPath(item, 'RunNotebook')}/${created.id}`)).status).toBe(404);
    expect(((await (await h.call('GET', schedulesPath(item, 'RunNotebook'))).json()) as { value: unknown[] }).value).toEqual([]);
  });
});

describe('schedule validation', () => {
  it.each([
    ['an unknown type', { enabled: true, configuration: { ...CONFIGS.Cron, type: 'Hourly' } }],
    ['a Cron interval of 0', { enabled: true, configuration: { ...CONFIGS.Cron, interval: 0 } }],
    ['a Cron interval above 5,270,400', { enabled: true, configuration: { ...CONFIGS.Cron, interval: 5_270_401 } }],
    ['a Daily time that is not hh:mm', { enabled: true, configuration: { ...CONFIGS.Daily, times: ['25:00'] } }],
    ['a Weekly schedule without weekdays', { enabled: true, configuration: { ...CONFIGS.Weekly, weekdays: [] } }],
    ['a Monthly occurrence without dayOfMonth', { enabled: true, configuration: { ...CONFIGS.Monthly, occurrence: { occurrenceType: 'DayOfMonth' } } }],
    ['an end before the start', { enabled: true, configuration: { ...CONFIGS.Cron, endDateTime: '2024-01-01T00:00:00' } }],
    ['no localTimeZoneId', { enabled: true, configuration: { ...CONFIGS.Cron, localTimeZoneId: undefined } }],
    ['no enabled', { configuration: CONFIGS.Cron }],
  ])('rejects %s with 400 InvalidParameter and details', async (_what, body) => {
    const item = newItem();
    const res = await create(item, body);
    expect(res.status).toBe(400);
    const error = (await res.json()) as { errorCode: string; moreDetails: { message: string }[] };
    expect(error.errorCode).toBe('InvalidParameter');
    expect(error.moreDetails.length).toBeGreaterThan(0);
    expect(((await (await h.call('GET', schedulesPath(item))).json()) as { value: unknown[] }).value).toEqual([]);
  });

  it('validates updates too', async () => {
    const item = newItem();
    const created = (await (await create(item, { enabled: true, configuration: CONFIGS.Cron })).json()) as { id: string };
    const res = await h.call('PATCH', `${schedulesPath(item)}/${created.id}`, { body: JSON.stringify({ enabled: true, configuration: { type: 'Cron' } }) });
    expect(res.status).toBe(400);
    expect((await (await h.call('GET', `${schedulesPath(item)}/${created.id}`)).json()) as unknown).toEqual(created);
  });

  it('allows 20 schedules per item (all job types together), then answers ScheduleExceedsLimit', async () => {
    const item = newItem();
    for (let i = 0; i < 20; i += 1) {
      expect((await create(item, { enabled: true, configuration: CONFIGS.Cron }, i % 2 ? 'Pipeline' : 'RunNotebook')).status).toBe(201);
    }
    const res = await create(item, { enabled: true, configuration: CONFIGS.Cron });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-ms-public-api-error-code')).toBe('ScheduleExceedsLimit');
    expect((await create(newItem(), { enabled: true, configuration: CONFIGS.Cron })).status).toBe(201);
  });
});
