/** resolveFabricNames against the real emulator (its catalog), run in Temporal's activity test environment. */
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { makeResolveFabricNames, type ResolveFabricNamesOutput } from '../../src/activities/resolve-fabric-names.js';

const SALES = '11111111-1111-4111-8111-111111111111';
const NB = 'aaaaaaaa-0000-4000-8000-000000000001';

let emulator: RunningEmulator;
let resolve: ReturnType<typeof makeResolveFabricNames>;
beforeAll(async () => {
  emulator = await startEmulator({ pageSize: 1 });
  await new EmulatorAdmin(emulator.adminUrl).setCatalog({
    workspaces: [{ id: SALES, displayName: 'Sales Prod', items: [{ id: NB, displayName: 'Load orders', type: 'Notebook' }, { displayName: 'Lake', type: 'Lakehouse' }] }],
  });
  resolve = makeResolveFabricNames(new FabricClient({ credential: new StaticTokenCredential('t'), baseUrl: emulator.apiUrl }));
});
afterAll(() => emulator.close());

const run = (input: Parameters<typeof resolve>[0]) => new MockActivityEnvironment().run(resolve, input) as Promise<ResolveFabricNamesOutput>;

describe('resolveFabricNames', () => {
  it('resolves every target of a run in one call', async () => {
    const out = await run({ defaultWorkspace: 'Sales Prod', targets: { load: { item: 'Load orders.Notebook' }, byId: { workspace: SALES, item: NB, jobType: 'RunNotebook' } } });
    expect(out.targets).toEqual({
      load: { workspaceId: SALES, workspaceName: 'Sales Prod', itemId: NB, itemName: 'Load orders', itemType: 'Notebook', jobType: 'RunNotebook' },
      byId: { workspaceId: SALES, itemId: NB, jobType: 'RunNotebook' },
    });
  });

  it('fails non-retryably with typed failures', async () => {
    await expect(run({ targets: { a: { workspace: 'Sales Prod', item: 'Load ordres.Notebook' } } })).rejects.toMatchObject({
      type: 'FabricItemNotFound',
      nonRetryable: true,
      message: expect.stringContaining('did you mean "Load orders.Notebook"?'),
    });
    await expect(run({ targets: { a: { workspace: 'Sales Prod', item: 'Lake.Lakehouse' } } })).rejects.toMatchObject({
      type: 'FabricJobTypeRequired',
      nonRetryable: true,
      details: [{ itemType: 'Lakehouse', choices: ['TableMaintenance', 'RefreshMaterializedLakeViews'] }],
    });
    await expect(run({ targets: { a: { workspace: 'Sales Prod', item: 'x/y/z.Notebook' } } })).rejects.toMatchObject({ type: 'FabricInvalidInput', nonRetryable: true });
  });
});
