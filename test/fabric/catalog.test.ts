/**
 * List Workspaces and List Items against the real emulator: every page, the type filter, the
 * catalog's faults, and a 403 naming the identity that was refused.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caught, startFixture, type Fixture } from './emulator-fixture.js';

const SALES = '11111111-1111-4111-8111-111111111111';
const NB = 'aaaaaaaa-0000-4000-8000-000000000001';

const CATALOG = {
  workspaces: [
    {
      id: SALES,
      displayName: 'Sales Prod',
      items: [
        { id: NB, displayName: 'Load orders', type: 'Notebook' as const },
        { displayName: 'Load orders', type: 'DataPipeline' as const },
        { displayName: 'Sales lake', type: 'Lakehouse' as const },
        { displayName: 'Report A', type: 'Notebook' as const },
        { displayName: 'Report B', type: 'Notebook' as const },
      ],
    },
    { displayName: 'Sales Dev' },
    { displayName: 'Sales Test' },
  ],
};

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ pageSize: 2 });
});
afterAll(() => f.close());
beforeEach(async () => {
  await f.admin.setCatalog(CATALOG);
  f.events.length = 0;
});

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('FabricClient catalog', () => {
  it('lists every workspace across pages', async () => {
    const workspaces = await all(f.client().listWorkspaces());
    expect(workspaces.map((w) => w.displayName)).toEqual(['Sales Prod', 'Sales Dev', 'Sales Test']);
    expect(workspaces[0]).toMatchObject({ id: SALES, type: 'Workspace', description: '' });
    expect(f.events.filter((e) => e.operation === 'listWorkspaces')).toHaveLength(2);
  });

  it('lists the items of a workspace, all pages, optionally of one type', async () => {
    const items = await all(f.client().listItems(SALES));
    expect(items).toHaveLength(5);
    expect(items[0]).toEqual({ id: NB, displayName: 'Load orders', type: 'Notebook', workspaceId: SALES, description: '' });
    const notebooks = await all(f.client().listItems(SALES, { type: 'Notebook' }));
    expect(notebooks.map((i) => i.displayName)).toEqual(['Load orders', 'Report A', 'Report B']);
    const urls = f.events.filter((e) => e.operation === 'listItems').map((e) => e.url);
    expect(urls.at(-1)).toContain('type=Notebook');
    expect(urls.at(-1)).toContain('continuationToken=');
  });

  it('refuses a bad workspace id or type before any request, and Fabric refuses an unknown type', async () => {
    expect(() => f.client().listItems('nope')).toThrow('workspaceId must be a UUID');
    expect(() => f.client().listItems(SALES, { type: 'Note book' })).toThrow('type must be an item type');
    const err = await caught(() => all(f.client().listItems(SALES, { type: 'Notbook' })));
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 400, errorCode: 'InvalidItemType' });
  });

  it('gets the catalog faults: throttling on a later page, malformed JSON', async () => {
    await f.admin.setCatalog({ ...CATALOG, faults: [{ op: 'list-items', kind: '429', afterCount: 1, retryAfter: '3' }, { op: 'list-workspaces', kind: 'malformed-json' }] });
    const throttled = await caught(() => all(f.client().listItems(SALES)));
    expect(throttled).toMatchObject({ name: 'FabricError', statusCode: 429, retryAfterMs: 3000 });
    const malformed = await caught(() => all(f.client().listWorkspaces()));
    expect(malformed).toMatchObject({ name: 'FabricProtocolError' });
    expect(await all(f.client().listWorkspaces())).toHaveLength(3);
  });

  it('a 403 names the identity that was refused', async () => {
    await f.admin.setCatalog({ ...CATALOG, faults: [{ op: 'any', kind: 'forbidden' }] });
    const err = await caught(() => all(f.client({ identity: 'FABRIC_AUTH=client-secret (service principal 1234)' }).listWorkspaces()));
    expect(err).toMatchObject({ name: 'FabricError', statusCode: 403, errorCode: 'InsufficientPrivileges', identity: 'FABRIC_AUTH=client-secret (service principal 1234)' });
    expect(err.message).toMatch(/refused identity: FABRIC_AUTH=client-secret \(service principal 1234\)$/);
  });
});
