/**
 * The emulator's catalog: definition through the admin API and the startup option, List
 * Workspaces / List Items over HTTP (pages, type filter, errors), the request log, reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorAdminError } from '../../src/emulator/index.js';
import { harness, newItem, WS, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness({ pageSize: 1, catalog: { workspaces: [{ id: WS, displayName: 'Startup', items: [{ displayName: 'Boot', type: 'Notebook' }] }] } });
});
afterAll(() => h.close());

describe('emulator catalog', () => {
  it('serves the startup catalog, pages and all, and the type filter', async () => {
    const page = (await (await h.call('GET', `/v1/workspaces/${WS}/items?type=notebook`)).json()) as { value: { displayName: string; workspaceId: string }[]; continuationToken?: string };
    expect(page.value).toEqual([expect.objectContaining({ displayName: 'Boot', type: 'Notebook', workspaceId: WS })]);
    expect(page.continuationToken).toBeUndefined();
    expect((await h.call('GET', `/v1/workspaces/${newItem()}/items`).then((r) => r.json()))).toEqual({ value: [] });
  });

  it('replaces the catalog; ids are filled in; a reset restores the startup catalog', async () => {
    const snapshot = await h.admin.setCatalog({ workspaces: [{ displayName: 'A' }, { displayName: 'B', items: [{ displayName: 'x', type: 'Lakehouse' }] }] });
    expect(snapshot.workspaces[1]!.items[0]).toMatchObject({ displayName: 'x', type: 'Lakehouse', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const first = (await (await h.call('GET', '/v1/workspaces')).json()) as { value: { displayName: string }[]; continuationUri: string };
    expect(first.value.map((w) => w.displayName)).toEqual(['A']);
    const second = (await (await h.call('GET', first.continuationUri)).json()) as { value: { displayName: string }[]; continuationUri?: string };
    expect(second.value.map((w) => w.displayName)).toEqual(['B']);
    expect(second.continuationUri).toBeUndefined();
    await h.admin.reset();
    expect((await h.admin.catalog()).workspaces.map((w) => w.displayName)).toEqual(['Startup']);
  });

  it('lists the semantic models the Power BI endpoints serve, as items of type SemanticModel under the dataset id', async () => {
    const model = newItem();
    await h.admin.setCatalog({ workspaces: [{ id: WS, displayName: 'BI', items: [{ id: model, displayName: 'Sales', type: 'SemanticModel' }, { displayName: 'Sales', type: 'Report' }] }] });
    const listed = (await (await h.call('GET', `/v1/workspaces/${WS}/items?type=SemanticModel`)).json()) as { value: { id: string; displayName: string; type: string }[] };
    expect(listed.value).toEqual([expect.objectContaining({ id: model, displayName: 'Sales', type: 'SemanticModel', workspaceId: WS })]);
    const started = await h.call('POST', `/v1.0/myorg/groups/${WS}/datasets/${model}/refreshes`, { body: JSON.stringify({ type: 'Full' }), headers: { 'Content-Type': 'application/json' } });
    expect(started.status).toBe(202);
    expect((await h.admin.jobs(model)).map((j) => j.jobType)).toEqual(['SemanticModelRefresh']);
    await h.admin.reset();
  });

  it('refuses a bad definition with a message naming the field', async () => {
    const bad = (def: unknown) => h.admin.setCatalog(def as never).catch((e: EmulatorAdminError) => e.message);
    expect(await bad({ workspaces: [{ displayName: 'A', items: [{ displayName: 'x', type: 'Notbook' }] }] })).toContain('catalog.workspaces[0].items[0].type: unknown item type "Notbook"');
    expect(await bad({ workspaces: [{ displayName: ' ' }] })).toContain('catalog.workspaces[0].displayName: must not be empty');
    expect(await bad({ workspaces: [{ id: WS, displayName: 'A' }, { id: WS, displayName: 'B' }] })).toContain(`the id ${WS} is used twice`);
    expect(await bad({ workspaces: [], faults: [{ op: 'run', kind: '429' }] })).toContain("catalog faults apply to op 'list-workspaces', 'list-items' or 'any'");
  });

  it('answers Fabric errors: bad workspace id, unknown type, wrong method, no token; logs the ops', async () => {
    const body = async (res: Response) => ({ status: res.status, ...((await res.json()) as object) });
    expect(await body(await h.call('GET', '/v1/workspaces/nope/items'))).toMatchObject({ status: 400, errorCode: 'InvalidParameter' });
    expect(await body(await h.call('GET', `/v1/workspaces/${WS}/items?type=Nope`))).toMatchObject({ status: 400, errorCode: 'InvalidItemType' });
    expect(await body(await h.call('POST', '/v1/workspaces'))).toMatchObject({ status: 405, errorCode: 'MethodNotAllowed' });
    expect(await body(await h.call('GET', '/v1/workspaces', { headers: { Authorization: '' } }))).toMatchObject({ status: 401 });
    const ops = (await h.admin.requests()).map((r) => r.op);
    expect(ops).toContain('list-workspaces');
    expect(ops).toContain('list-items');
  });
});
