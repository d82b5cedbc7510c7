/**
 * The Fabric long-running operation activities (the `fabricOperation` workflow), one Fabric client
 * per named connection. What a retried start does depends on the kind (startRetryRule in
 * src/contracts/fabric-operation.ts, docs/operations-kinds.md):
 *
 * - `resend` (a metadata refresh, an Overwrite load, an idempotent generic operation): failures map
 *   as for every Fabric call (failures.ts) and Temporal's retries send the request again;
 * - `never` (an Append load, a deploy, a generic operation): a request that may have reached Fabric
 *   (a lost answer, a 5xx, a 202 without an operation id) is never sent again: the activity fails,
 *   non-retryable, with FabricOperationStartUncertain naming what to check. Only failures that prove
 *   Fabric refused the request (429, a transport error before any connection) are retried; such an
 *   attempt records `{ refused: attempt }` as its heartbeat details, and a later attempt that does
 *   not find that mark (its predecessor crashed or timed out, answer unknown) sends nothing and fails
 *   the same way.
 *
 * Fabric cannot cancel these operations: there is no cancel activity.
 */
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { OperationFailureTypes, startRetryRule, whatToCheck, type OperationSpec } from '../contracts/fabric-operation.js';
import { isFabricError, isUuid, type DeploymentPipelineStage, type FabricClient, type OperationStartResult } from '../fabric/index.js';
import { clientFor, type ConnectionClients } from './connections.js';
import { mayHaveReachedFabric, toActivityFailure } from './failures.js';
import type {
  GetOperationResultOutput,
  GetOperationStatusInput,
  GetOperationStatusOutput,
  OperationActivities,
  OperationRefInput,
  ResolveDeploymentStagesInput,
  ResolveDeploymentStagesOutput,
  StartOperationInput,
  StartOperationOutput,
} from './operation-types.js';
import { FailureTypes } from '../shared.js';

export type OperationClient = Pick<
  FabricClient,
  'refreshSqlEndpointMetadata' | 'loadTable' | 'deployStageContent' | 'startOperation' | 'getOperationState' | 'getOperationResult' | 'listDeploymentPipelineStages'
>;

function signal(): AbortSignal {
  return Context.current().cancellationSignal;
}

/** What a start does, for messages: `load table sales of lakehouse …`. */
export function describeOperation(spec: OperationSpec): string {
  switch (spec.kind) {
    case 'sqlEndpointRefreshMetadata':
      return `refresh the metadata of SQL analytics endpoint ${spec.sqlEndpointId}`;
    case 'lakehouseLoadTable':
      return `load table ${spec.tableName} of lakehouse ${spec.lakehouseId} (${spec.request?.mode ?? 'mode not set'})`;
    case 'deploymentPipelineDeploy':
      return `deploy stage ${spec.sourceStage} to stage ${spec.targetStage} of deployment pipeline ${spec.deploymentPipelineId}`;
    case 'fabricOperation':
      return `POST ${spec.path}`;
  }
}

/** One start request (no abort signal: once sent, the POST may finish so that its answer is not lost). */
function send(fabric: OperationClient, spec: StartOperationInput): Promise<OperationStartResult> {
  switch (spec.kind) {
    case 'sqlEndpointRefreshMetadata':
      return fabric.refreshSqlEndpointMetadata({ workspaceId: spec.workspaceId, sqlEndpointId: spec.sqlEndpointId }, spec.request ?? {});
    case 'lakehouseLoadTable':
      return fabric.loadTable({ workspaceId: spec.workspaceId, lakehouseId: spec.lakehouseId, tableName: spec.tableName }, spec.request);
    case 'deploymentPipelineDeploy':
      return fabric.deployStageContent(spec.deploymentPipelineId, { ...(spec.request ?? {}), sourceStageId: spec.sourceStage, targetStageId: spec.targetStage });
    case 'fabricOperation':
      return fabric.startOperation(spec.path, spec.body);
  }
}

function uncertain(spec: OperationSpec, why: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `${describeOperation(spec)}: ${why}. This request is not safe to send twice, so it was not sent again: ${whatToCheck(spec)}`,
    OperationFailureTypes.StartUncertain,
    ...(details !== undefined ? [details] : []),
  );
}

export function createOperationActivities(clients: ConnectionClients<OperationClient>): OperationActivities {
  async function startFabricOperation(input: StartOperationInput): Promise<StartOperationOutput> {
    const fabric = clientFor(clients, input.connection);
    const { info } = Context.current();
    const rule = startRetryRule(input);
    const action = describeOperation(input);
    if (rule === 'never' && info.attempt > 1) {
      const mark = info.heartbeatDetails as { refused?: number } | undefined;
      if (mark?.refused !== info.attempt - 1) throw uncertain(input, `attempt ${info.attempt - 1} of the start ended without an answer (the worker stopped or the attempt timed out)`);
    }
    let started: OperationStartResult;
    try {
      started = await send(fabric, input);
    } catch (err) {
      if (rule === 'never' && mayHaveReachedFabric(err)) {
        const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw uncertain(input, `the request may have reached Fabric without an answer (${reason})`, isFabricError(err) ? { statusCode: err.statusCode, requestId: err.requestId } : undefined);
      }
      const mapped = toActivityFailure(err, action, { runRequest: true });
      // Proven refused and retried: the next attempt may send it (see the module comment).
      if (rule === 'never' && mapped instanceof ApplicationFailure && !mapped.nonRetryable) Context.current().heartbeat({ refused: info.attempt });
      throw mapped;
    }
    if (!started.accepted) {
      log.info(`Fabric did it at once: ${action}`, { kind: input.kind });
      return { accepted: false, result: started.result ?? null };
    }
    log.info(`Started operation ${started.operationId}: ${action}`, { operationId: started.operationId, kind: input.kind, requestId: started.requestId });
    return { accepted: true, operationId: started.operationId, ...(started.retryAfterMs !== undefined ? { retryAfterMs: started.retryAfterMs } : {}) };
  }

  async function getFabricOperationStatus(input: GetOperationStatusInput): Promise<GetOperationStatusOutput> {
    const fabric = clientFor(clients, input.connection);
    const action = `get operation ${input.operationId}`;
    try {
      const { state, retryAfterMs } = await fabric.getOperationState(input.operationId, { signal: signal() });
      return { found: true, state, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch (err) {
      if (isFabricError(err) && err.statusCode === 404) {
        if (!input.seen) return { found: false, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
        throw ApplicationFailure.nonRetryable(`${action}: Fabric answered 404 after it had been seen`, OperationFailureTypes.NotFound, { statusCode: 404 });
      }
      throw toActivityFailure(err, action);
    }
  }

  async function getFabricOperationResult(input: OperationRefInput): Promise<GetOperationResultOutput> {
    const fabric = clientFor(clients, input.connection);
    try {
      const { result } = await fabric.getOperationResult(input.operationId, { signal: signal() });
      return { result: result ?? null };
    } catch (err) {
      throw toActivityFailure(err, `get the result of operation ${input.operationId}`);
    }
  }

  async function resolveDeploymentStages(input: ResolveDeploymentStagesInput): Promise<ResolveDeploymentStagesOutput> {
    const ids: Record<string, string> = {};
    const names: string[] = [];
    for (const s of input.stages) {
      if (isUuid(s)) ids[s] = s;
      else names.push(s);
    }
    if (names.length === 0) return { ids };
    const fabric = clientFor(clients, input.connection);
    const stages: DeploymentPipelineStage[] = [];
    try {
      for await (const stage of fabric.listDeploymentPipelineStages(input.deploymentPipelineId, { signal: signal() })) stages.push(stage);
    } catch (err) {
      throw toActivityFailure(err, `list the stages of deployment pipeline ${input.deploymentPipelineId}`);
    }
    for (const name of names) {
      const matches = stages.filter((s) => s.displayName.toLowerCase() === name.toLowerCase());
      if (matches.length !== 1) {
        const known = stages.map((s) => `"${s.displayName}"`).join(', ') || 'none';
        const problem = matches.length === 0 ? 'has no stage' : 'has several stages';
        throw ApplicationFailure.nonRetryable(
          `deployment pipeline ${input.deploymentPipelineId} ${problem} named "${name}" (its stages: ${known})`,
          FailureTypes.InvalidInput,
          { field: 'stage' },
        );
      }
      ids[name] = matches[0]!.id;
    }
    return { ids };
  }

  return { startFabricOperation, getFabricOperationStatus, getFabricOperationResult, resolveDeploymentStages };
}
