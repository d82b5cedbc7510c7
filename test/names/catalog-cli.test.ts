/** `fabric-temporal workspaces` and `items` as real processes against the real emulator's catalog. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { cleanEnv, jsonOf, runCli } from '../cli/process.js';

const TOKEN = 'names-token';
const SALES = '11111111-1111-4111-8111-111111111111';
const DEV = '22222222-2222-4222-8222-222222222222';
const NB = 'aaaaaaaa-0000-4000-8000-000000000001';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ token: TOKEN, pageSize: 2 });
  await new EmulatorAdmin(emulator.adminUrl).setCatalog({
    workspaces: [
      { id: SALES, displayName: 'Sales Prod', items: [{ id: NB, displayName: 'Load orders', type: 'Notebook' }, { displayName: 'Nightly', type: 'DataPipeline' }, { displayName: 'Lake', type: 'Lakehouse' }] },
      { id: DEV, displayName: 'Sales Dev', items: [{ displayName: 'Load orders', type: 'Notebook' }] },
    ],
  });
});
afterAll(async () => {
  await emulator?.close();
});

const cli = (args: string[], extra: Record<string, string> = {}) =>
  runCli(args, cleanEnv({ FABRIC_API_URL: emulator.apiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: TOKEN, ...extra }));

describe('workspaces and items commands', () => {
  it('lists workspaces as a table and as one JSON object', async () => {
    const human = await cli(['workspaces']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+ID$/);
    expect(human.stdout).toMatch(new RegExp(`Sales Prod\\s+Workspace\\s+${SALES}`));
    const json = await cli(['workspaces', '--json']);
    expect(jsonOf(json)).toEqual({ workspaces: [{ id: SALES, name: 'Sales Prod', type: 'Workspace' }, { id: DEV, name: 'Sales Dev', type: 'Workspace' }] });
  });

  it('lists items of every workspace, of one workspace by name, of one type', async () => {
    const all = jsonOf(await cli(['items', '--json'])) as { items: { name: string; workspaceName: string }[] };
    expect(all.items.map((i) => `${i.workspaceName}/${i.name}`)).toEqual(['Sales Prod/Load orders', 'Sales Prod/Nightly', 'Sales Prod/Lake', 'Sales Dev/Load orders']);
    const notebooks = jsonOf(await cli(['items', '--workspace', 'Sales Prod', '--type', 'notebook', '--json']));
    expect(notebooks).toEqual({ items: [{ id: NB, name: 'Load orders', type: 'Notebook', workspaceId: SALES, workspaceName: 'Sales Prod' }] });
    const human = await cli(['items', '--workspace', SALES]);
    expect(human.stdout).toMatch(/^NAME\s+TYPE\s+ID\s+WORKSPACE\n/);
    expect(human.stdout).toMatch(new RegExp(`Load orders\\s+Notebook\\s+${NB}\\s+${SALES}`));
  });

  it('exits 2 on a misspelt workspace (with the closest names) and on an unknown type', async () => {
    const misspelt = await cli(['items', '--workspace', 'Sales Prd', '--json']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stdout).toBe('');
    expect(misspelt.stderr).toContain('--workspace "Sales Prd": no workspace with this name is visible to this identity; did you mean "Sales Prod", "Sales Dev"?');
    const type = await cli(['items', '--type', 'Notbook']);
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('--type "Notbook": unknown item type (did you mean Notebook?)');
  });

  it('a 403 exits 3 and names the refused identity', async () => {
    const admin = new EmulatorAdmin(emulator.adminUrl);
    const catalog = await admin.catalog();
    await admin.setCatalog({ workspaces: catalog.workspaces, faults: [{ op: 'list-workspaces', kind: 'forbidden' }] });
    const result = await cli(['workspaces']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('refused identity: FABRIC_AUTH=token (a static bearer token)');
  });
});
