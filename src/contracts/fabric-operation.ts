/**
 * The `fabricOperation` workflow: Fabric long-running operations (LRO) as durable runs — a SQL
 * analytics endpoint metadata refresh, a lakehouse table load, a deployment pipeline deploy, and any
 * other Fabric POST that answers 202 with `x-ms-operation-id` (docs/operations-kinds.md). Its input,
 * result, state and failure types, and each kind's rule for a retried start. Another Temporal app can
 * start the workflow by name with this input. Sandbox-safe: type imports only.
 */
import type { FabricErrorDetails } from '../fabric/models.js';
import type {
  DeployRequest,
  LoadTableRequest,
  OperationState,
  OperationStatus,
  SqlEndpointRefreshMetadataRequest,
  TableSyncStatus,
} from '../fabric/operation-models.js';
import type { PollInterval } from './job.js';

export type { DeployRequest, LoadTableRequest, OperationState, OperationStatus, SqlEndpointRefreshMetadataRequest, TableSyncStatus };

/** Name of the workflow type, for clients and child workflows that start it by name. */
export const FABRIC_OPERATION_WORKFLOW = 'fabricOperation';
/** Name of its state query. */
export const OPERATION_STATE_QUERY = 'operationState';

/** The kinds, as `kind` of the input and of pipeline steps. */
export const OPERATION_KINDS = ['sqlEndpointRefreshMetadata', 'lakehouseLoadTable', 'deploymentPipelineDeploy', 'fabricOperation'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export function isOperationKind(value: unknown): value is OperationKind {
  return (OPERATION_KINDS as readonly unknown[]).includes(value);
}

/** What every kind's input has besides its own fields. */
export interface OperationCommonInput {
  /** The named connection whose identity the worker uses. @default 'default' */
  connection?: string;
  /**
   * Overall limit in milliseconds. Fabric cannot cancel these operations: when it passes, the run
   * stops waiting and fails with FabricOperationTimedOut, and the operation goes on in Fabric. @default none
   */
  timeoutMs?: number;
  /** Bounds on the wait between polls (Fabric's Retry-After, else `fallbackMs`). @default { minMs: 1_000, maxMs: 300_000, fallbackMs: 10_000 } */
  pollInterval?: PollInterval;
  /** Set by the workflow itself when it continues as new; callers leave it unset. */
  resume?: FabricOperationResume;
}

/** `POST /v1/workspaces/{workspaceId}/sqlEndpoints/{sqlEndpointId}/refreshMetadata` (sqlEndpoint/swagger.json). */
export interface SqlEndpointRefreshMetadataInput extends OperationCommonInput {
  kind: 'sqlEndpointRefreshMetadata';
  workspaceId: string;
  sqlEndpointId: string;
  /** Fabric's request body (`timeout`, `recreateTables`). @default {} */
  request?: SqlEndpointRefreshMetadataRequest;
}

/** `POST /v1/workspaces/{workspaceId}/lakehouses/{lakehouseId}/tables/{tableName}/load` (lakehouse/swagger.json). */
export interface LakehouseLoadTableInput extends OperationCommonInput {
  kind: 'lakehouseLoadTable';
  workspaceId: string;
  lakehouseId: string;
  tableName: string;
  /** Fabric's LoadTableRequest (relativePath, pathType, mode, fileExtension, recursive, formatOptions). */
  request: LoadTableRequest;
}

/** `POST /v1/deploymentPipelines/{deploymentPipelineId}/deploy` (platform/swagger.json). */
export interface DeploymentPipelineDeployInput extends OperationCommonInput {
  kind: 'deploymentPipelineDeploy';
  deploymentPipelineId: string;
  /** The source stage: its id, or its display name (resolved once with List Deployment Pipeline Stages). */
  sourceStage: string;
  /** The target stage: its id or its display name. */
  targetStage: string;
  /** The rest of Fabric's DeployRequest (note, items, options, createdWorkspaceDetails). @default {} */
  request?: Omit<DeployRequest, 'sourceStageId' | 'targetStageId'>;
}

/** Any Fabric POST answered as a long-running operation, followed through `GET /v1/operations/{id}`. */
export interface GenericOperationInput extends OperationCommonInput {
  kind: 'fabricOperation';
  /** The API path under the Fabric root (`/workspaces/{id}/items/{id}/getDefinition`, ...). */
  path: string;
  /** The JSON body to POST. @default none */
  body?: Record<string, unknown>;
  /**
   * The caller vouches that sending the request twice does no harm: a start whose answer was lost
   * is sent again. Otherwise it is never re-sent and the run fails with FabricOperationStartUncertain. @default false
   */
  idempotent?: boolean;
}

export type FabricOperationInput = SqlEndpointRefreshMetadataInput | LakehouseLoadTableInput | DeploymentPipelineDeployInput | GenericOperationInput;

/** A kind's own fields (no workflow-only ones): what a pipeline step or a schedule holds, `kind` included. */
export type OperationSpec = FabricOperationInput extends infer I ? (I extends FabricOperationInput ? Omit<I, 'resume'> : never) : never;

export interface FabricOperationResume {
  operationId: string;
  polls: number;
  startedAtMs: number;
  nextPollDelayMs: number;
  seen: boolean;
  /** Deploy: the stage ids the names resolved to. */
  resolved?: Record<string, string>;
}

/**
 * What a retried start does (docs/operations-kinds.md):
 * - `resend`: the request is safe to send twice (a metadata refresh, an Overwrite load, a generic
 *   operation the caller marked idempotent): an attempt whose answer was lost sends it again;
 * - `never`: not safe (an Append load or a load without mode, a deploy, a generic operation): a
 *   request that may have reached Fabric is never sent again; the run fails with
 *   FabricOperationStartUncertain naming what to check in Fabric.
 */
export type StartRetryRule = 'resend' | 'never';

/** The retry rule of an input (see {@link StartRetryRule}). */
export function startRetryRule(input: OperationSpec): StartRetryRule {
  switch (input.kind) {
    case 'sqlEndpointRefreshMetadata':
      return 'resend';
    case 'lakehouseLoadTable':
      // The spec does not say which mode Fabric uses when `mode` is left out: treat it like Append.
      return input.request?.mode === 'Overwrite' ? 'resend' : 'never';
    case 'deploymentPipelineDeploy':
      return 'never';
    case 'fabricOperation':
      return input.idempotent === true ? 'resend' : 'never';
  }
}

/** What to look at in Fabric when a start that is not safe to repeat may have reached it. */
export function whatToCheck(input: OperationSpec): string {
  switch (input.kind) {
    case 'lakehouseLoadTable':
      return `check table ${input.tableName} of lakehouse ${input.lakehouseId} (workspace ${input.workspaceId}) for the rows of ${input.request?.relativePath ?? 'the load'} before running it again`;
    case 'deploymentPipelineDeploy':
      return `check the deployments of deployment pipeline ${input.deploymentPipelineId} (Fabric portal, or GET /v1/deploymentPipelines/${input.deploymentPipelineId}/operations) before deploying again`;
    case 'fabricOperation':
      return `check in Fabric whether POST ${input.path} took effect before running it again (or mark it idempotent)`;
    case 'sqlEndpointRefreshMetadata':
      return `check SQL analytics endpoint ${input.sqlEndpointId}`;
  }
}

/** The workflow's outcome statuses: Fabric's terminal ones, and the run's own. */
export type FabricOperationStatus = 'Succeeded' | 'Failed' | 'TimedOut' | 'Cancelled';

/** The workflow's result (also `details[0]` of its FabricOperation* failures). */
export interface FabricOperationResult {
  kind: OperationKind;
  /** Fabric's operation id; null when Fabric answered the start with the result at once (200). */
  operationId: string | null;
  status: FabricOperationStatus;
  /** Fabric's last status (Running, NotStarted, ... for a run that stopped waiting). */
  fabricStatus: OperationStatus | null;
  createdTimeUtc: string | null;
  lastUpdatedTimeUtc: string | null;
  /** Fabric's error of a Failed operation. */
  error: FabricErrorDetails | null;
  /** The operation's result (`GET /operations/{id}/result`, or the 200's body); null when it has none. */
  result: unknown;
  /** A metadata refresh: Fabric's per-table statuses (the result's `value`). */
  tables?: TableSyncStatus[];
  /** A deploy: the stages deployed from and to (ids). */
  sourceStageId?: string;
  targetStageId?: string;
  polls: number;
  /** For TimedOut and Cancelled: the operation goes on in Fabric (it cannot be cancelled). */
  note?: string;
}

/** What the `operationState` query returns. */
export interface FabricOperationState {
  kind: OperationKind;
  phase: 'waitingForPool' | 'waitingForCapacity' | 'starting' | 'polling' | 'cancelling' | 'done';
  operationId?: string;
  status?: OperationStatus;
  percentComplete?: number;
  polls: number;
  nextPollAt?: string;
  startedAt: string;
}

/** ApplicationFailure types of the operation workflow and activities (besides the Fabric* ones of the HTTP layer). */
export const OperationFailureTypes = {
  /** The operation ended Failed. Details: [result]. */
  Failed: 'FabricOperationFailed',
  /** The run's timeout passed; the operation goes on in Fabric. Details: [result]. */
  TimedOut: 'FabricOperationTimedOut',
  /** The run was cancelled; the operation goes on in Fabric. Details: [result]. */
  Cancelled: 'FabricOperationCancelled',
  /** A start not safe to repeat may have reached Fabric without an answer: it was not sent again. */
  StartUncertain: 'FabricOperationStartUncertain',
  /** The operation vanished (404 after it had been seen). */
  NotFound: 'FabricOperationNotFound',
} as const;
