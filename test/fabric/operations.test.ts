/** FabricClient long-running operations (start, state, result, the three named starts, stages) against the real emulator. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminalOperationStatus, operationIdFromLocation, type DeploymentPipelineStage } from '../../src/fabric/index.js';
import { caught, eventually, startFixture, type Fixture } from './emulator-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ pageSize: 2 });
});
afterAll(async () => fx?.close());

const LOAD = { relativePath: 'Files/sales/2024.csv', pathType: 'File', mode: 'Overwrite', formatOptions: { format: 'Csv', header: true, delimiter: ',' } } as const;

describe('long-running operation starts', () => {
  it('loads a table: 202 with x-ms-operation-id, Location and Retry-After, then Running → Succeeded', async () => {
    const { workspaceId, itemId: lakehouseId } = await fx.item({ durationMs: 300, retryAfterSeconds: 2 });
    const client = fx.client();
    const start = await client.loadTable({ workspaceId, lakehouseId, tableName: 'sales' }, LOAD);
    expect(start).toMatchObject({ accepted: true, retryAfterMs: 2_000 });
    if (!start.accepted) throw new Error('unreachable');
    expect(start.location).toBe(`${fx.emulator.apiUrl}/operations/${start.operationId}`);
    expect(operationIdFromLocation(start.location!)).toBe(start.operationId);
    const [job] = await fx.admin.jobs(lakehouseId);
    expect(job).toMatchObject({ id: start.operationId, jobType: 'LoadTable', executionData: { ...LOAD, tableName: 'sales' } });
    const state = await eventually(async () => {
      const { state } = await client.getOperationState(start.operationId);
      return isTerminalOperationStatus(state.status) ? state : undefined;
    });
    expect(state).toMatchObject({ status: 'Succeeded', percentComplete: 100 });
    expect(typeof state.createdTimeUtc).toBe('string');
    // The spec defines no result body for a load: the result call answers 200 without one.
    expect(await client.getOperationResult(start.operationId)).toMatchObject({ result: undefined });
  });

  it('refreshes SQL endpoint metadata: 200 with TableSyncStatuses at once, or 202 and the result of the operation', async () => {
    const { workspaceId, itemId: lakehouseId } = await fx.item({ durationMs: 0, retryAfterSeconds: 0 });
    const client = fx.client();
    const load = await client.loadTable({ workspaceId, lakehouseId, tableName: 'orders' }, LOAD);
    expect(load.accepted).toBe(true);
    const sqlEndpointId = randomUUID();
    await fx.admin.setScenario(sqlEndpointId, { durationMs: 0 });
    const instant = await client.refreshSqlEndpointMetadata({ workspaceId, sqlEndpointId }, { recreateTables: false, timeout: { value: 5, timeUnit: 'Minutes' } });
    expect(instant).toMatchObject({ accepted: false, result: { value: [{ tableName: 'orders', status: 'Success' }] } });

    await fx.admin.setScenario(sqlEndpointId, { durationMs: 100, retryAfterSeconds: 0 });
    const start = await client.refreshSqlEndpointMetadata({ workspaceId, sqlEndpointId });
    if (!start.accepted) throw new Error('expected a 202');
    await eventually(async () => ((await client.getOperationState(start.operationId)).state.status === 'Succeeded' ? true : undefined));
    expect((await client.getOperationResult(start.operationId)).result).toMatchObject({ value: [{ tableName: 'orders', status: 'Success' }] });
  });

  it('deploys between stages of a catalog pipeline and lists its stages, all pages', async () => {
    const pipelineId = randomUUID();
    await fx.admin.setCatalog({
      workspaces: [],
      deploymentPipelines: [{ id: pipelineId, displayName: 'Sales', stages: [{ displayName: 'Development' }, { displayName: 'Test' }, { displayName: 'Production' }] }],
    });
    await fx.admin.setScenario(pipelineId, { durationMs: 100, retryAfterSeconds: 0 });
    const client = fx.client();
    const stages: DeploymentPipelineStage[] = [];
    for await (const stage of client.listDeploymentPipelineStages(pipelineId)) stages.push(stage);
    expect(stages.map((s) => [s.order, s.displayName])).toEqual([[0, 'Development'], [1, 'Test'], [2, 'Production']]);
    const start = await client.deployStageContent(pipelineId, { sourceStageId: stages[0]!.id, targetStageId: stages[1]!.id, note: 'nightly' });
    if (!start.accepted) throw new Error('expected a 202');
    expect(start.deploymentId).toBe(start.operationId);
    await eventually(async () => ((await client.getOperationState(start.operationId)).state.status === 'Succeeded' ? true : undefined));
    expect((await client.getOperationResult(start.operationId)).result).toMatchObject({ type: 'Deploy', status: 'Succeeded', sourceStageId: stages[0]!.id });
    const wrong = await caught(() => client.deployStageContent(pipelineId, { sourceStageId: stages[0]!.id, targetStageId: randomUUID() }));
    expect(wrong).toMatchObject({ name: 'FabricError', statusCode: 400, errorCode: 'InvalidStage' });
    await fx.admin.setCatalog({ workspaces: [] });
  });

  it('starts a generic operation by path and reads its result', async () => {
    const { workspaceId, itemId } = await fx.item({ durationMs: 50, retryAfterSeconds: 0 });
    const client = fx.client();
    const start = await client.startOperation(`/workspaces/${workspaceId}/items/${itemId}/getDefinition`);
    if (!start.accepted) throw new Error('expected a 202');
    await eventually(async () => ((await client.getOperationState(start.operationId)).state.status === 'Succeeded' ? true : undefined));
    expect((await client.getOperationResult(start.operationId)).result).toEqual({ definition: { parts: [] } });
    for (const path of ['workspaces/x', '//evil.example/x', '/workspaces/../../x', 'https://evil.example/v1/x']) {
      expect(await caught(() => client.startOperation(path))).toMatchObject({ name: 'FabricValidationError', field: 'path' });
    }
  });
});

describe('operation state and failures', () => {
  it('reports Failed with Fabric error, and passes an unknown status through', async () => {
    const failureReason = { errorCode: 'FileNotFound', message: 'Files/sales/2024.csv does not exist' };
    const { workspaceId, itemId: lakehouseId } = await fx.item({
      durationMs: 0,
      outcome: 'Failed',
      failureReason,
      faults: [{ op: 'get', kind: 'unknown-status', status: 'Undefined' }],
    });
    const client = fx.client();
    const start = await client.loadTable({ workspaceId, lakehouseId, tableName: 'sales' }, LOAD);
    if (!start.accepted) throw new Error('expected a 202');
    expect((await client.getOperationState(start.operationId)).state.status).toBe('Undefined');
    const { state } = await client.getOperationState(start.operationId);
    expect(state).toMatchObject({ status: 'Failed', error: failureReason });
    expect(await caught(() => client.getOperationResult(start.operationId))).toMatchObject({ statusCode: 400, errorCode: 'OperationNotSucceeded' });
  });

  it('throttles a start with 429 + Retry-After and refuses a load with 430 when the capacity is full', async () => {
    const { workspaceId, itemId: lakehouseId } = await fx.item({ faults: [{ op: 'run', kind: '429', retryAfter: 7 }, { op: 'run', kind: '430' }] });
    const client = fx.client();
    expect(await caught(() => client.loadTable({ workspaceId, lakehouseId, tableName: 't1' }, LOAD))).toMatchObject({ statusCode: 429, retryAfterMs: 7_000 });
    expect(await caught(() => client.loadTable({ workspaceId, lakehouseId, tableName: 't1' }, LOAD))).toMatchObject({ statusCode: 430, errorCode: 'TooManyRequestsForCapacity' });
    expect(await fx.admin.jobs(lakehouseId)).toEqual([]);
  });

  it('a lost start response (reset after create) is a transport error that may have reached Fabric, and the operation exists', async () => {
    const { workspaceId, itemId: lakehouseId } = await fx.item({ faults: [{ op: 'run', kind: 'reset-after-create' }] });
    const err = await caught(() => fx.client().loadTable({ workspaceId, lakehouseId, tableName: 't1' }, LOAD));
    expect(err).toMatchObject({ name: 'FabricTransportError', requestMayHaveReachedFabric: true });
    expect(await fx.admin.jobs(lakehouseId)).toHaveLength(1);
  });

  it('rejects bad input before sending anything, and the emulator checks bodies as the spec does', async () => {
    const { workspaceId, itemId } = await fx.item();
    const client = fx.client();
    const before = (await fx.admin.stats()).requests;
    expect(await caught(() => client.loadTable({ workspaceId, lakehouseId: itemId, tableName: 'no-dash' }, LOAD))).toMatchObject({ field: 'tableName' });
    expect(await caught(() => client.getOperationState('op'))).toMatchObject({ field: 'operationId' });
    expect(await caught(() => client.deployStageContent(itemId, { sourceStageId: 'dev', targetStageId: itemId }))).toMatchObject({ field: 'sourceStageId' });
    expect((await fx.admin.stats()).requests).toBe(before);
    const badPath = await caught(() => client.loadTable({ workspaceId, lakehouseId: itemId, tableName: 't' }, { ...LOAD, relativePath: 'Tables/x' }));
    expect(badPath).toMatchObject({ statusCode: 400, errorCode: 'InvalidRequest' });
    expect(await caught(() => client.getOperationState(randomUUID()))).toMatchObject({ statusCode: 404 });
  });
});
