/**
 * `fabricOperation`: one Fabric long-running operation run durably — a SQL analytics endpoint
 * metadata refresh, a lakehouse table load, a deployment pipeline deploy, or any Fabric POST
 * answered 202 with `x-ms-operation-id` (docs/operations-kinds.md). The kinds are one adapter
 * (operation-adapter.ts) over the durable-operation core (src/workflows/core): polls paced by
 * Fabric's Retry-After on durable timers, 429 and 430 waits, the timeout, the pool slot,
 * continue-as-new. Fabric cannot cancel these operations: cancelling or timing out the run stops
 * waiting, and the operation goes on in Fabric.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { OperationActivities } from '../../activities/operation-types.js';
import { operationNamedTarget, operationWithIds, type FabricOperationInput, type FabricOperationResult } from '../../contracts/fabric-operation.js';
import { operationReference } from '../../names/job-targets.js';
import { resolveTargets } from '../names/fabric-names.js';
import { CALL_ACTIVITY_OPTIONS } from '../core/activity-options.js';
import { unwrapActivityFailure } from '../core/poll-retry.js';
import { runOperation } from '../core/run-operation.js';
import { operationAdapter } from './operation-adapter.js';
import { FabricOperationRun } from './operation-state.js';
import { validateOperationInput } from './validate-input.js';

export { operationStateQuery } from './operation-state.js';

const { resolveDeploymentStages } = proxyActivities<OperationActivities>(CALL_ACTIVITY_OPTIONS);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A deploy's stages as ids: names are resolved once, before the start, with one activity recorded
 * in the history (a continue-as-new carries the ids). Inputs with ids issue no command here.
 */
async function withStageIds(input: FabricOperationInput): Promise<FabricOperationInput> {
  if (input.kind !== 'deploymentPipelineDeploy' || (UUID.test(input.sourceStage) && UUID.test(input.targetStage))) return input;
  const { ids } = await resolveDeploymentStages({
    ...(input.connection !== undefined && { connection: input.connection }),
    deploymentPipelineId: input.deploymentPipelineId,
    stages: [input.sourceStage, input.targetStage],
  }).catch((err: unknown) => {
    throw unwrapActivityFailure(err);
  });
  const resolved = { ...input, sourceStage: ids[input.sourceStage]!, targetStage: ids[input.targetStage]! };
  log.info(`Resolved the stages ${input.sourceStage} → ${input.targetStage} to ${resolved.sourceStage} → ${resolved.targetStage}`);
  return resolved;
}

/**
 * A lakehouse or SQL endpoint (and its workspace) given by name, as ids: resolved once, before the
 * start, by one `resolveFabricNames` activity (with the run's connection) recorded in the history;
 * a continue-as-new carries the ids. Inputs with ids issue no command here.
 */
async function withItemIds(input: FabricOperationInput): Promise<FabricOperationInput> {
  const named = operationNamedTarget(input);
  if (!named) return input;
  const { connection, ...rest } = operationReference(named, '', input.connection);
  const target = { ...rest, labels: { workspace: 'workspaceId', item: named.fileKey === 'lakehouse' ? 'lakehouseId' : 'sqlEndpointId' } };
  const resolved = (await resolveTargets({ operation: target }, undefined, connection).catch((err: unknown) => {
    throw unwrapActivityFailure(err);
  })).operation;
  if (!resolved) return input;
  log.info(`Resolved ${named.item} to ${named.itemType} ${resolved.itemId} in workspace ${resolved.workspaceId}`, { workspaceId: resolved.workspaceId, itemId: resolved.itemId });
  return operationWithIds(input, resolved);
}

export async function fabricOperation(original: FabricOperationInput): Promise<FabricOperationResult> {
  const interval = validateOperationInput(original);
  const startedAtMs = original.resume?.startedAtMs ?? Date.now();
  const input = await withItemIds(await withStageIds(original));
  const run = new FabricOperationRun(input, startedAtMs);
  const deadlineMs = input.timeoutMs !== undefined ? startedAtMs + input.timeoutMs : undefined;
  const resume = input.resume && { nextPollDelayMs: input.resume.nextPollDelayMs, poolLease: input.resume.poolLease };
  return runOperation(operationAdapter(run, input, interval), run, { deadlineMs, timeoutMs: input.timeoutMs, resume, pool: input.pool });
}
