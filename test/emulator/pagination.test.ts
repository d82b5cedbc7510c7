/**
 * Paging of the list operations: continuationToken / continuationUri, absent on the last page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WS, harness, jobIdOf, newItem } from './helpers.js';
import type { Harness } from './helpers.js';

interface Page {
  value: { id: string }[];
  continuationToken?: string;
  continuationUri?: string;
}

const DAILY = {
  type: 'Daily',
  startDateTime: '2024-04-28T00:00:00',
  endDateTime: '2024-04-30T23:59:00',
  localTimeZoneId: 'Central Standard Time',
  times: ['17:00'],
};

let h: Harness;
beforeAll(async () => {
  h = await harness({ pageSize: 2 });
});
afterAll(() => h.close());

async function getPage(url: string): Promise<Page> {
  const res = await h.call('GET', url);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

/** Follows continuationUri to the end; returns the pages. */
async function allPages(firstUrl: string): Promise<Page[]> {
  const pages = [await getPage(firstUrl)];
  while (pages.at(-1)?.continuationUri) pages.push(await getPage(pages.at(-1)!.continuationUri!));
  return pages;
}

describe('pagination', () => {
  it('pages job instances by pageSize, following continuationUri to a last page without continuation fields', async () => {
    const item = newItem();
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push(jobIdOf(await h.run(item)));
    const base = `/v1/workspaces/${WS}/items/${item}/jobs/instances`;
    const pages = await allPages(base);
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.value.map((j) => j.id))).toEqual(ids);
    expect(pages[0]?.continuationUri).toBe(`${h.emulator.url}${base}?continuationToken=${encodeURIComponent(pages[0]!.continuationToken!)}`);
    expect('continuationToken' in pages[2]!).toBe(false);
    expect('continuationUri' in pages[2]!).toBe(false);
  });

  it('accepts the token alone as ?continuationToken=', async () => {
    const item = newItem();
    for (let i = 0; i < 3; i += 1) jobIdOf(await h.run(item));
    const base = `/v1/workspaces/${WS}/items/${item}/jobs/instances`;
    const first = await getPage(base);
    const second = await getPage(`${base}?continuationToken=${encodeURIComponent(first.continuationToken!)}`);
    expect(second.value).toHaveLength(1);
    expect(second.continuationToken).toBeUndefined();
  });

  it('answers an exact multiple of pageSize without an empty trailing page, and an empty list as { value: [] }', async () => {
    const item = newItem();
    const base = `/v1/workspaces/${WS}/items/${item}/jobs/instances`;
    expect(await getPage(base)).toEqual({ value: [] });
    for (let i = 0; i < 4; i += 1) jobIdOf(await h.run(item));
    expect((await allPages(base)).map((p) => p.value.length)).toEqual([2, 2]);
  });

  it('rejects a forged continuation token with 400 InvalidContinuationToken', async () => {
    const res = await h.call('GET', `/v1/workspaces/${WS}/items/${newItem()}/jobs/instances?continuationToken=bogus`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: 'InvalidContinuationToken' });
  });

  it('pages schedules the same way', async () => {
    const item = newItem();
    const base = `/v1/workspaces/${WS}/items/${item}/jobs/RunNotebook/schedules`;
    const ids = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await h.call('POST', base, { body: JSON.stringify({ enabled: true, configuration: DAILY }) });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const pages = await allPages(base);
    expect(pages.map((p) => p.value.length)).toEqual([2, 1]);
    expect(pages.flatMap((p) => p.value.map((s) => s.id))).toEqual(ids);
  });
});
