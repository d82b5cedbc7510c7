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
import { isItemPath, typedItemRefProblem, workspaceRefProblem } from '../names/reference.js';

export type { DeployRequest, LoadTableRequest, OperationState, OperationStatus, SqlEndpointRefreshMetadataRequest, TableSyncStatus };

/** Name of the workflow type, for clients and child workflows that start it by name. */
export const FABRIC_OPERATION_WORKFLOW = 'fabricOperation';
/** Name of its state query. */
export const OPERATION_STATE_QUERY = 'operationState';

/** The kinds, as `kind` of the input and of pipeline steps. */
export const OPERATION_KINDS = ['sqlEndpointRefreshMetadata', 'lakehouseLoadTable', 'deploymentPipelineDeploy', 'fabricOperation'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The terminal statuses (Succeeded, Failed): every other one keeps polling. */
export { isTerminalOperationStatus, KNOWN_OPERATION_STATUSES } from '../fabric/operation-models.js';

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
  /** Take a slot of this pool (FABRIC_POOLS) before the start; given back when the operation ends. @default none */
  pool?: string;
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
  /** The source stage: its id, or its display name (resolved once with List Deployment Pipeline Stages; a continue-as-new carries the id). */
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
  /** The pool slot held across continue-as-new. */
  poolLease?: { pool: string; requestId: string };
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
  /** A start not safe to repeat may have reached Fabric without an answer: it was not sent again. */
  StartUncertain: 'FabricOperationStartUncertain',
  /** The operation vanished (404 after it had been seen). */
  NotFound: 'FabricOperationNotFound',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The spec's tableName pattern (lakehouse/swagger.json Tables_LoadTable). */
const TABLE_NAME = /^(?=[0-9]*[a-zA-Z_])[a-zA-Z0-9_]{1,256}$/;
const RELATIVE_PATH = /^Files(\/[\p{L}\w]{1}([ \p{L}\w.-]*[\p{L}\w.-]{1})*)*$/u;
const TIME_UNITS = ['Seconds', 'Minutes', 'Hours', 'Days'];

/** One problem of an operation input: where (`tableName`, `request.mode`) and what. */
export interface OperationProblem {
  field: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields each kind takes besides the shared ones (connection, timeoutMs, pollInterval, resume). */
export const OPERATION_KIND_FIELDS: Readonly<Record<OperationKind, readonly string[]>> = {
  sqlEndpointRefreshMetadata: ['workspaceId', 'sqlEndpointId', 'request'],
  lakehouseLoadTable: ['workspaceId', 'lakehouseId', 'tableName', 'request'],
  deploymentPipelineDeploy: ['deploymentPipelineId', 'sourceStage', 'targetStage', 'request'],
  fabricOperation: ['path', 'body', 'idempotent'],
};

/**
 * The kind's own rules (the shared fields follow the job table: src/contracts/job.ts). Every
 * surface (CLI flags, pipeline steps, schedules, the workflow) words a bad value the same way.
 */
export function operationKindProblems(input: Record<string, unknown>): OperationProblem[] {
  const problems: OperationProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  /** A workspace (id or name), required unless `item` is a path that names it; an item of `type` (id, name or path). */
  const target = (item: string, type: 'SQLEndpoint' | 'Lakehouse') => {
    if (input[item] === undefined) add(item, 'required');
    else {
      const problem = typedItemRefProblem(input[item], type);
      if (problem !== undefined) add(item, problem);
    }
    if (input.workspaceId === undefined) {
      if (!isItemPath(input[item])) add('workspaceId', `required (a workspace id or name), unless ${item} is a path "Workspace.Workspace/Name"`);
    } else {
      const problem = workspaceRefProblem(input.workspaceId);
      if (problem !== undefined) add('workspaceId', problem);
    }
  };
  const uuid = (field: string) => {
    if (input[field] === undefined) add(field, 'required');
    else if (typeof input[field] !== 'string' || !UUID.test(input[field])) add(field, `must be a UUID, got ${JSON.stringify(input[field])}`);
  };
  const kind = input.kind;
  if (!isOperationKind(kind)) return [{ field: 'kind', message: `must be one of ${OPERATION_KINDS.join(', ')}, got ${JSON.stringify(kind)}` }];
  const request = input.request;
  if (request !== undefined && !isObject(request)) add('request', 'must be a JSON object');
  const req = isObject(request) ? request : {};
  switch (kind) {
    case 'sqlEndpointRefreshMetadata': {
      target('sqlEndpointId', 'SQLEndpoint');
      const t = req.timeout;
      if (t !== undefined && (!isObject(t) || typeof t.value !== 'number' || !(t.value > 0) || !TIME_UNITS.includes(t.timeUnit as string))) {
        add('request.timeout', `must be { value: a positive number, timeUnit: ${TIME_UNITS.join(' | ')} }`);
      }
      if (req.recreateTables !== undefined && typeof req.recreateTables !== 'boolean') add('request.recreateTables', 'must be true or false');
      break;
    }
    case 'lakehouseLoadTable': {
      target('lakehouseId', 'Lakehouse');
      if (input.tableName === undefined) add('tableName', 'required');
      else if (typeof input.tableName !== 'string' || !TABLE_NAME.test(input.tableName)) add('tableName', `must be 1-256 letters, digits and underscores with a letter or underscore, got ${JSON.stringify(input.tableName)}`);
      if (request === undefined) add('request', 'required (relativePath and pathType at least)');
      else if (isObject(request)) {
        if (typeof req.relativePath !== 'string' || !RELATIVE_PATH.test(req.relativePath)) add('request.relativePath', `must be a path under Files, e.g. Files/sales/2024.csv, got ${JSON.stringify(req.relativePath)}`);
        if (req.pathType !== 'File' && req.pathType !== 'Folder') add('request.pathType', `must be File or Folder, got ${JSON.stringify(req.pathType)}`);
        if (req.mode !== undefined && req.mode !== 'Overwrite' && req.mode !== 'Append') add('request.mode', `must be Overwrite or Append, got ${JSON.stringify(req.mode)}`);
        if (req.fileExtension !== undefined && (typeof req.fileExtension !== 'string' || !/^[a-zA-Z0-9_-]{1,16}$/.test(req.fileExtension))) add('request.fileExtension', 'must be 1-16 letters, digits, _ or -');
        if (req.recursive !== undefined && typeof req.recursive !== 'boolean') add('request.recursive', 'must be true or false');
        const f = req.formatOptions;
        if (f !== undefined && (!isObject(f) || (f.format !== 'Csv' && f.format !== 'Parquet'))) add('request.formatOptions', 'must be { format: Csv, header?, delimiter? } or { format: Parquet }');
      }
      break;
    }
    case 'deploymentPipelineDeploy': {
      uuid('deploymentPipelineId');
      for (const field of ['sourceStage', 'targetStage']) {
        const v = input[field];
        if (v === undefined) add(field, 'required (a stage id or display name)');
        else if (typeof v !== 'string' || v.trim() === '') add(field, `must be a stage id or display name, got ${JSON.stringify(v)}`);
      }
      if (typeof input.sourceStage === 'string' && input.sourceStage.trim().toLowerCase() === String(input.targetStage).trim().toLowerCase()) add('targetStage', 'must differ from sourceStage');
      if (req.note !== undefined && (typeof req.note !== 'string' || req.note.length > 1024)) add('request.note', 'must be text of at most 1024 characters');
      if (req.sourceStageId !== undefined || req.targetStageId !== undefined) add('request', 'give the stages as sourceStage and targetStage, not in request');
      if (req.items !== undefined && (!Array.isArray(req.items) || req.items.length > 300 || !req.items.every((i) => isObject(i) && typeof i.sourceItemId === 'string' && UUID.test(i.sourceItemId) && typeof i.itemType === 'string'))) {
        add('request.items', 'must be at most 300 { sourceItemId: UUID, itemType }');
      }
      break;
    }
    case 'fabricOperation': {
      const path = input.path;
      if (path === undefined) add('path', 'required (an API path such as /workspaces/{id}/items/{id}/getDefinition)');
      else if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || /(^|\/)\.\.?(\/|$|\?)/.test(path) || /\s/.test(path)) {
        add('path', `must be an API path under the Fabric root starting with /, got ${JSON.stringify(path)}`);
      }
      if (input.body !== undefined && !isObject(input.body)) add('body', 'must be a JSON object');
      if (input.idempotent !== undefined && typeof input.idempotent !== 'boolean') add('idempotent', 'must be true or false');
      break;
    }
  }
  const allowed = new Set(['kind', 'connection', 'timeoutMs', 'pollInterval', 'pool', 'resume', ...OPERATION_KIND_FIELDS[kind]]);
  for (const key of Object.keys(input)) if (!allowed.has(key) && input[key] !== undefined) add(key, `is not a field of ${kind} (its fields: ${OPERATION_KIND_FIELDS[kind].join(', ')})`);
  return problems;
}

/** The item type of each kind's target (the kinds that name a workspace item). */
const TARGET_ITEM: Partial<Record<OperationKind, { field: 'sqlEndpointId' | 'lakehouseId'; itemType: 'SQLEndpoint' | 'Lakehouse'; file: string }>> = {
  sqlEndpointRefreshMetadata: { field: 'sqlEndpointId', itemType: 'SQLEndpoint', file: 'sqlEndpoint' },
  lakehouseLoadTable: { field: 'lakehouseId', itemType: 'Lakehouse', file: 'lakehouse' },
};

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The workspace item an operation acts on, when it is named (not ids): what the name resolver takes
 * (the item among items of its type, no job type). Undefined when the kind names no item or gives ids.
 */
export function operationNamedTarget(spec: OperationSpec): { workspace?: string; item: string; itemType: 'SQLEndpoint' | 'Lakehouse'; fileKey: string } | undefined {
  const target = TARGET_ITEM[spec.kind];
  if (!target) return undefined;
  const record = spec as unknown as Record<string, string | undefined>;
  const item = record[target.field]!;
  const workspace = record.workspaceId;
  if (workspace !== undefined && UUID_TEXT.test(workspace) && UUID_TEXT.test(item)) return undefined;
  return { ...(workspace !== undefined && { workspace }), item, itemType: target.itemType, fileKey: target.file };
}

/** The operation with its workspace and item ids put in place of the names. */
export function operationWithIds<T extends OperationSpec>(spec: T, ids: { workspaceId: string; itemId: string }): T {
  const target = TARGET_ITEM[spec.kind];
  return target ? { ...spec, workspaceId: ids.workspaceId, [target.field]: ids.itemId } : spec;
}
