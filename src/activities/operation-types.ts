/**
 * Inputs and outputs of the Fabric long-running operation activities. Plain data (JSON): they cross
 * Temporal's payload converter and are imported by the workflow as types only. Every input carries
 * the connection's name only, never a credential.
 */
import type { OperationSpec } from '../contracts/fabric-operation.js';
import type { OperationState } from '../fabric/operation-models.js';

export interface OperationConnectionRef {
  /** The named connection (docs/configuration.md). @default 'default' */
  connection?: string;
}

/**
 * A kind's input as the start sends it: a deploy's stages are ids by now (`sourceStage` and
 * `targetStage` hold the resolved ids).
 */
export type StartOperationInput = OperationSpec & OperationConnectionRef;

export type StartOperationOutput =
  /** 202: the operation runs in Fabric. */
  | { accepted: true; operationId: string; retryAfterMs?: number }
  /** 200: Fabric did the work at once; `result` is its answer (null when empty). */
  | { accepted: false; result: unknown };

export interface OperationRefInput extends OperationConnectionRef {
  operationId: string;
}

export interface GetOperationStatusInput extends OperationRefInput {
  /** Whether Fabric has already shown this operation; a 404 before that is not fatal. */
  seen: boolean;
}

export type GetOperationStatusOutput =
  | { found: true; state: OperationState; retryAfterMs?: number }
  | { found: false; retryAfterMs?: number };

export interface GetOperationResultOutput {
  /** The parsed result; null when Fabric sent no body. */
  result: unknown;
}

export interface ResolveDeploymentStagesInput extends OperationConnectionRef {
  deploymentPipelineId: string;
  /** Stage ids or display names. */
  stages: string[];
}

export interface ResolveDeploymentStagesOutput {
  /** Each given stage (id or name) → its id. */
  ids: Record<string, string>;
}

export interface OperationActivities {
  startFabricOperation(input: StartOperationInput): Promise<StartOperationOutput>;
  getFabricOperationStatus(input: GetOperationStatusInput): Promise<GetOperationStatusOutput>;
  getFabricOperationResult(input: OperationRefInput): Promise<GetOperationResultOutput>;
  resolveDeploymentStages(input: ResolveDeploymentStagesInput): Promise<ResolveDeploymentStagesOutput>;
}
