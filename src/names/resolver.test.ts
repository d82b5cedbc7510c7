import { describe, expect, it } from 'vitest';
import { NameResolver, type CatalogClient } from './resolver.js';

const SALES = '11111111-1111-4111-8111-111111111111';
const DEV = '22222222-2222-4222-8222-222222222222';
const NB = 'aaaaaaaa-0000-4000-8000-000000000001';
const PL = 'aaaaaaaa-0000-4000-8000-000000000002';
const LH = 'aaaaaaaa-0000-4000-8000-000000000003';
const DUP1 = 'aaaaaaaa-0000-4000-8000-000000000004';
const DUP2 = 'aaaaaaaa-0000-4000-8000-000000000005';
const SM = 'aaaaaaaa-0000-4000-8000-000000000006';

/** A catalog in memory that counts its calls (the Fabric client is tested against the emulator). */
function catalog(items: { id: string; displayName: string; type: string; workspaceId: string }[]) {
  const calls: string[] = [];
  const client: CatalogClient = {
    async *listWorkspaces() {
      calls.push('workspaces');
      yield { id: SALES, displayName: 'Sales Prod' };
      yield { id: DEV, displayName: 'Sales Dev' };
    },
    async *listItems(workspaceId, options) {
      calls.push(`items ${workspaceId} ${options?.type ?? '*'}`);
      yield* items.filter((i) => i.workspaceId === workspaceId && (options?.type === undefined || i.type === options.type));
    },
  };
  return { client, calls };
}

const ITEMS = [
  { id: NB, displayName: 'Load orders', type: 'Notebook', workspaceId: SALES },
  { id: PL, displayName: 'Load orders', type: 'DataPipeline', workspaceId: SALES },
  { id: LH, displayName: 'Sales lake', type: 'Lakehouse', workspaceId: SALES },
  { id: DUP1, displayName: 'Twin', type: 'Notebook', workspaceId: SALES },
  { id: DUP2, displayName: 'Twin', type: 'Notebook', workspaceId: SALES },
  { id: SM, displayName: 'Sales', type: 'SemanticModel', workspaceId: SALES },
  { id: LH.replace('3', '7'), displayName: 'Sales', type: 'Report', workspaceId: SALES },
];

describe('NameResolver', () => {
  it('resolves names to ids, infers the job type, and lists each thing once per resolver', async () => {
    const { client, calls } = catalog(ITEMS);
    const r = new NameResolver(client);
    expect(await r.target({ workspace: 'Sales Prod', item: 'Load orders.Notebook' })).toEqual({
      workspaceId: SALES, workspaceName: 'Sales Prod', itemId: NB, itemName: 'Load orders', itemType: 'Notebook', jobType: 'RunNotebook',
    });
    expect(await r.target({ item: 'sales prod.Workspace/Load orders.DataPipeline' })).toMatchObject({ itemId: PL, jobType: 'Pipeline' });
    expect(await r.target({ item: 'Load orders.Notebook' }, {}, 'Sales Prod')).toMatchObject({ itemId: NB });
    expect(calls).toEqual(['workspaces', `items ${SALES} Notebook`, `items ${SALES} DataPipeline`]);
  });

  it('keeps ids as given; an explicit job type wins; an id without one looks up the item type', async () => {
    const { client } = catalog(ITEMS);
    const r = new NameResolver(client);
    expect(await r.target({ workspace: SALES, item: LH, jobType: 'TableMaintenance' })).toEqual({ workspaceId: SALES, itemId: LH, jobType: 'TableMaintenance' });
    expect(await r.target({ workspace: SALES, item: NB })).toMatchObject({ itemId: NB, jobType: 'RunNotebook', itemType: 'Notebook' });
    await expect(r.target({ workspace: SALES, item: LH })).rejects.toThrow('is a Lakehouse, which runs several job types: give --job-type (one of TableMaintenance, RefreshMaterializedLakeViews)');
  });

  it('suggests the closest names for a misspelt workspace or item', async () => {
    const { client } = catalog(ITEMS);
    const r = new NameResolver(client);
    await expect(r.target({ workspace: 'Sales Prd', item: 'x.Notebook' })).rejects.toMatchObject({
      name: 'FabricItemNotFound',
      details: { kind: 'workspace', suggestions: ['Sales Prod', 'Sales Dev'] },
    });
    const err = await r.target({ workspace: 'Sales Prod', item: 'Load ordres.Notebook' }).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'FabricItemNotFound', details: { kind: 'item', suggestions: ['Load orders.Notebook'] } });
    expect((err as Error).message).toBe(`--item "Load ordres.Notebook": no Notebook with this name in workspace ${SALES}; did you mean "Load orders.Notebook"?`);
  });

  it('refuses two items with the same name and type', async () => {
    const { client } = catalog(ITEMS);
    await expect(new NameResolver(client).target({ workspace: 'Sales Prod', item: 'Twin.Notebook' })).rejects.toMatchObject({
      name: 'FabricItemAmbiguous',
      message: expect.stringContaining(`2 items of type Notebook have this name in workspace ${SALES} (${DUP1}, ${DUP2})`),
    });
  });

  it('says an item was renamed or deleted since it was last resolved', async () => {
    const renamed = ITEMS.map((i) => (i.id === NB ? { ...i, displayName: 'Load orders v2' } : i));
    const lastKnown = { workspaceId: SALES, itemId: NB };
    await expect(new NameResolver(catalog(renamed).client).target({ workspace: 'Sales Prod', item: 'Load orders.Notebook', lastKnown })).rejects.toMatchObject({
      name: 'FabricItemNotFound',
      message: expect.stringContaining(`the item resolved before (${NB}) is now named "Load orders v2": it was renamed`),
      details: { renamedTo: 'Load orders v2.Notebook' },
    });
    const deleted = ITEMS.filter((i) => i.id !== NB);
    await expect(new NameResolver(catalog(deleted).client).target({ workspace: 'Sales Prod', item: 'Load orders.Notebook', lastKnown })).rejects.toThrow(
      `the item resolved before (${NB}) no longer exists: it was deleted or renamed`,
    );
  });

  it('needs a workspace for an item name that is not a path', async () => {
    await expect(new NameResolver(catalog(ITEMS).client).target({ item: 'Load orders.Notebook' })).rejects.toThrow('which workspace? give --workspace');
  });

  it('resolves an item of a given type (a semantic model) without a job type: plain names, Name.Type, paths, ids as given', async () => {
    const { client, calls } = catalog(ITEMS);
    const r = new NameResolver(client);
    const labels = { workspace: '--workspace', item: '--semantic-model' };
    expect(await r.target({ workspace: 'Sales Prod', item: 'Sales', itemType: 'SemanticModel' }, labels)).toEqual({
      workspaceId: SALES, workspaceName: 'Sales Prod', itemId: SM, itemName: 'Sales', itemType: 'SemanticModel',
    });
    expect(await r.target({ item: 'Sales Prod.Workspace/Sales.SemanticModel', itemType: 'SemanticModel' })).toMatchObject({ itemId: SM });
    expect(await r.target({ workspace: SALES, item: DEV, itemType: 'SemanticModel' })).toEqual({ workspaceId: SALES, itemId: DEV });
    expect(calls).toEqual(['workspaces', `items ${SALES} SemanticModel`]);
    await expect(r.target({ workspace: 'Sales Prod', item: 'Slaes', itemType: 'SemanticModel' }, labels)).rejects.toThrow(
      `--semantic-model "Slaes.SemanticModel": no SemanticModel with this name in workspace ${SALES}; did you mean "Sales.SemanticModel"?`,
    );
    await expect(r.target({ workspace: 'Sales Prod', item: 'Sales.Report', itemType: 'SemanticModel' }, labels)).rejects.toThrow('names a Report, not a SemanticModel');
    await expect(r.target({ item: 'Sales', itemType: 'SemanticModel' }, labels)).rejects.toThrow('which workspace? give --workspace, or write the item as "Workspace.Workspace/Sales.SemanticModel"');
  });
});
