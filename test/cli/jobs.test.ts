/**
 * `jobs list|get|cancel` as real processes against the real emulator: Fabric's own job instances of
 * an item, including ones this tool did not start (here: started straight through the Fabric client).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorAdmin, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { cleanEnv, jsonOf, runCli } from './process.js';

const TOKEN = 'jobs-cli-token';
let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let fabric: FabricClient;
beforeAll(async () => {
  emulator = await startEmulator({ token: TOKEN });
  admin = new EmulatorAdmin(emulator.adminUrl);
  fabric = new FabricClient({ baseUrl: emulator.apiUrl, credential: new StaticTokenCredential(TOKEN) });
});
afterAll(async () => {
  await emulator?.close();
});

const env = () => cleanEnv({ FABRIC_API_URL: emulator.apiUrl, FABRIC_AUTH: 'token', FABRIC_TOKEN: TOKEN });
const jobs = (args: string[]) => runCli(['jobs', ...args], env());

describe('jobs', () => {
  it('list (newest first, --limit), get and cancel any job instance of an item', { timeout: 240_000 }, async () => {
    const workspaceId = randomUUID();
    const itemId = randomUUID();
    const where = ['--workspace', workspaceId, '--item', itemId];
    await admin.setScenario(itemId, { durationMs: 600_000, retryAfterSeconds: 1 });
    const first = await fabric.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const second = await fabric.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    await expect.poll(async () => (await admin.jobs(itemId)).every((job) => job.status === 'InProgress'), { timeout: 30_000, interval: 200 }).toBe(true);

    const listed = await jobs(['list', ...where, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const instances = (jsonOf(listed) as { jobInstances: { id: string; status: string }[] }).jobInstances;
    expect(instances.map((job) => job.id).sort()).toEqual([first.jobInstanceId, second.jobInstanceId].sort());
    expect(instances.every((job) => job.status === 'InProgress')).toBe(true);
    const one = await jobs(['list', ...where, '--limit', '1', '--json']);
    expect((jsonOf(one) as { jobInstances: unknown[] }).jobInstances).toHaveLength(1);
    const table = await jobs(['list', ...where]);
    expect(table.stdout).toMatch(/^STATUS\s+JOB INSTANCE\s+JOB TYPE\s+INVOKED BY\s+STARTED \(UTC\)\s+ENDED \(UTC\)\s+FAILURE$/m);
    expect(table.stdout).toContain(first.jobInstanceId);

    const got = await jobs(['get', first.jobInstanceId, ...where, '--json']);
    expect(got.code, got.stderr).toBe(0);
    expect(jsonOf(got)).toMatchObject({ id: first.jobInstanceId, itemId, jobType: 'RunNotebook', status: 'InProgress' });

    const cancelled = await jobs(['cancel', first.jobInstanceId, ...where, '--json']);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(jsonOf(cancelled)).toMatchObject({ cancelRequested: true, jobInstance: { id: first.jobInstanceId } });
    await expect.poll(async () => (await admin.jobs(itemId)).find((job) => job.id === first.jobInstanceId)?.status, { timeout: 30_000, interval: 200 }).toBe('Cancelled');
    const again = await jobs(['cancel', first.jobInstanceId, ...where]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('had already ended: Cancelled; nothing to cancel');
    await fabric.cancelItemJobInstance({ workspaceId, itemId, jobInstanceId: second.jobInstanceId });
  });

  it('bad ids exit 2 (each named), an unknown instance exits 2, no Fabric configuration exits 3', { timeout: 180_000 }, async () => {
    const short = randomUUID().slice(1);
    const bad = await jobs(['get', 'nope', '--workspace', short, '--item', randomUUID()]);
    expect(bad.code).toBe(2);
    // A UUID a character short is refused as such, not looked up as a name.
    expect(bad.stderr).toContain(`--workspace "${short}": not a UUID: 35 characters in groups of 7-4-4-4-12`);
    expect(bad.stderr).toContain('<instanceId> "nope": not a UUID');
    const unknown = await jobs(['get', randomUUID(), '--workspace', randomUUID(), '--item', randomUUID()]);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stdout).toBe('');
    const missing = await runCli(['jobs', 'list', '--item', randomUUID()], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--workspace: required unless --item is a path');
    const noConfig = await runCli(['jobs', 'list', '--workspace', randomUUID(), '--item', randomUUID()], cleanEnv({ FABRIC_AUTH: 'token' }));
    expect(noConfig.code).toBe(3);
    expect(noConfig.stderr).toContain('FABRIC_TOKEN');
  });

  it('take names as run does: --workspace and --item by name, or the item as a path; unknown names exit 2 with the closest', { timeout: 180_000 }, async () => {
    const workspaceId = randomUUID();
    const itemId = randomUUID();
    await admin.setCatalog({ workspaces: [{ id: workspaceId, displayName: 'Jobs Prod', items: [{ id: itemId, displayName: 'Load orders', type: 'Notebook' }] }] });
    await admin.setScenario(itemId, { durationMs: 120_000 });
    const started = await fabric.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' });
    const byName = await jobs(['list', '--workspace', 'Jobs Prod', '--item', 'Load orders.Notebook', '--json']);
    expect(byName.code, byName.stderr).toBe(0);
    expect((jsonOf(byName).jobInstances as { id: string }[]).map((j) => j.id)).toEqual([started.jobInstanceId]);
    expect(byName.stderr).toContain(`Resolved: item "Load orders" (${itemId}) in workspace "Jobs Prod" (${workspaceId})`);
    const byPath = await jobs(['get', started.jobInstanceId, '--item', 'Jobs Prod.Workspace/Load orders.Notebook', '--json']);
    expect(byPath.code, byPath.stderr).toBe(0);
    expect(jsonOf(byPath)).toMatchObject({ id: started.jobInstanceId, itemId });
    const cancel = await jobs(['cancel', started.jobInstanceId, '--workspace', 'Jobs Prod', '--item', itemId, '--json']);
    expect(cancel.code, cancel.stderr).toBe(0);
    const unknown = await jobs(['list', '--workspace', 'Jobs Prod', '--item', 'Load order.Notebook']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Load orders');
    expect(unknown.stderr).not.toContain('nothing was started');
  });
});
