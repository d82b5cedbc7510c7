/**
 * Fabric long-running operations (LRO), as in Microsoft's REST spec (microsoft/fabric-rest-api-specs):
 * a POST answered 202 with `x-ms-operation-id`, `Location` and `Retry-After` (or 200/201 with the
 * result at once), then `GET /v1/operations/{operationId}` (LongRunningOperations_GetOperationState)
 * and `GET /v1/operations/{operationId}/result` (LongRunningOperations_GetOperationResult), both in
 * platform/swagger.json. The three named starts: Items_RefreshSqlEndpointMetadata
 * (sqlEndpoint/swagger.json), Tables_LoadTable (lakehouse/swagger.json) and
 * DeploymentPipelines_DeployStageContent, with DeploymentPipelines_ListDeploymentPipelineStages and
 * DeploymentPipelines_ListDeploymentPipelines (platform/swagger.json).
 *
 * One HTTP request per call, never retried here: a start that failed in transit may still have
 * started the operation (FabricTransportError.requestMayHaveReachedFabric).
 */
import type { OperationOptions } from './client-types.js';
import { FabricValidationError } from './errors/fabric-validation-error.js';
import { header, requestIdFromHeaders } from './headers.js';
import type { JobContext } from './job-operations.js';
import { parseJsonBody, parseJsonObject, protocolError, type SuccessResponse } from './json.js';
import type {
  DeployRequest,
  DeploymentPipelineStage,
  LoadTableRequest,
  OperationState,
  SqlEndpointRefreshMetadataRequest,
} from './operation-models.js';
import { paginate } from './pagination.js';
import { parseRetryAfter } from './retry-after.js';
import { resolveLocation } from './urls.js';
import { assertJsonObject, assertUuid, isUuid } from './validation.js';

/** What a start request got back. */
export type OperationStartResult =
  /** 202: the operation runs in Fabric; follow it with getOperationState. */
  | {
      accepted: true;
      operationId: string;
      /** The `Location` header (absolute), when sent. */
      location?: string;
      /** Wait at least this long before the first poll (parsed Retry-After). */
      retryAfterMs: number | undefined;
      requestId?: string;
      /** Deploy only: the `deployment-id` header (the deployment pipeline operation id). */
      deploymentId?: string;
    }
  /** 200 (or 201): Fabric did the work at once; `result` is the parsed body (undefined when empty). */
  | { accepted: false; result: unknown; requestId?: string };

export interface GetOperationStateResult {
  state: OperationState;
  retryAfterMs: number | undefined;
  requestId?: string;
}

export interface GetOperationResultResult {
  /** The parsed JSON body; undefined when Fabric sent none. */
  result: unknown;
  requestId?: string;
}

export interface SqlEndpointScope {
  workspaceId: string;
  sqlEndpointId: string;
}

export interface LoadTableScope {
  workspaceId: string;
  lakehouseId: string;
  tableName: string;
}

/** The spec's tableName pattern (a path segment of the load table route). */
export const TABLE_NAME_PATTERN = /^(?=[0-9]*[a-zA-Z_])[a-zA-Z0-9_]{1,256}$/;

const OPERATION_PATH = /\/operations\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The operation id of an operation URL (`…/operations/{uuid}`), else undefined. */
export function operationIdFromLocation(location: string): string | undefined {
  try {
    return OPERATION_PATH.exec(new URL(location).pathname)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Sends one LRO start request (POST). 202 → the operation id from `x-ms-operation-id`, else from a
 * `Location` ending `/operations/{id}`; neither → FabricProtocolError. 200/201 → the result.
 */
export async function startOperation(
  ctx: JobContext, operation: string, url: string, body: unknown, options: OperationOptions = {},
): Promise<OperationStartResult> {
  const res = await ctx.http.send({ operation, method: 'POST', url, body, signal: options.signal });
  const requestId = requestIdFromHeaders(res.headers);
  const idPart = requestId !== undefined ? { requestId } : {};
  if (res.statusCode !== 202) return { accepted: false, result: parseJsonBody(res), ...idPart };
  const location = resolveLocation(header(res.headers, 'location'), url);
  const headerId = header(res.headers, 'x-ms-operation-id');
  const operationId = isUuid(headerId) ? headerId : location !== undefined ? operationIdFromLocation(location) : undefined;
  if (operationId === undefined) {
    throw protocolError(res, 'Fabric accepted the request (202) but sent neither an x-ms-operation-id header nor an operation Location');
  }
  const deploymentId = header(res.headers, 'deployment-id');
  return {
    accepted: true,
    operationId,
    ...(location !== undefined && { location }),
    retryAfterMs: parseRetryAfter(header(res.headers, 'retry-after')),
    ...idPart,
    ...(deploymentId !== undefined && { deploymentId }),
  };
}

export async function getOperationState(ctx: JobContext, operationId: string, options: OperationOptions = {}): Promise<GetOperationStateResult> {
  assertUuid('operationId', operationId);
  const url = `${ctx.urls.base}/operations/${operationId}`;
  const res = await ctx.http.send({ operation: 'getOperationState', method: 'GET', url, signal: options.signal });
  const o = parseJsonObject(res, 'an operation state');
  if (typeof o.status !== 'string') throw protocolError(res, 'Fabric sent an operation state without a string status');
  const requestId = requestIdFromHeaders(res.headers);
  return {
    state: o as unknown as OperationState,
    retryAfterMs: parseRetryAfter(header(res.headers, 'retry-after')),
    ...(requestId !== undefined && { requestId }),
  };
}

export async function getOperationResult(ctx: JobContext, operationId: string, options: OperationOptions = {}): Promise<GetOperationResultResult> {
  assertUuid('operationId', operationId);
  const url = `${ctx.urls.base}/operations/${operationId}/result`;
  const res = await ctx.http.send({ operation: 'getOperationResult', method: 'GET', url, signal: options.signal });
  const requestId = requestIdFromHeaders(res.headers);
  return { result: parseJsonBody(res), ...(requestId !== undefined && { requestId }) };
}

export function refreshSqlEndpointMetadata(
  ctx: JobContext, scope: SqlEndpointScope, request: SqlEndpointRefreshMetadataRequest = {}, options: OperationOptions = {},
): Promise<OperationStartResult> {
  assertUuid('workspaceId', scope?.workspaceId);
  assertUuid('sqlEndpointId', scope.sqlEndpointId);
  assertJsonObject('request', request);
  const url = `${ctx.urls.base}/workspaces/${scope.workspaceId}/sqlEndpoints/${scope.sqlEndpointId}/refreshMetadata`;
  return startOperation(ctx, 'refreshSqlEndpointMetadata', url, request, options);
}

export function loadTable(ctx: JobContext, scope: LoadTableScope, request: LoadTableRequest, options: OperationOptions = {}): Promise<OperationStartResult> {
  assertUuid('workspaceId', scope?.workspaceId);
  assertUuid('lakehouseId', scope.lakehouseId);
  if (typeof scope.tableName !== 'string' || !TABLE_NAME_PATTERN.test(scope.tableName)) {
    throw new FabricValidationError('tableName', `tableName must be 1-256 letters, digits and underscores with at least one letter or underscore, got ${JSON.stringify(scope.tableName)}`);
  }
  assertJsonObject('request', request);
  const url = `${ctx.urls.base}/workspaces/${scope.workspaceId}/lakehouses/${scope.lakehouseId}/tables/${encodeURIComponent(scope.tableName)}/load`;
  return startOperation(ctx, 'loadTable', url, request, options);
}

export function deployStageContent(ctx: JobContext, deploymentPipelineId: string, request: DeployRequest, options: OperationOptions = {}): Promise<OperationStartResult> {
  assertUuid('deploymentPipelineId', deploymentPipelineId);
  assertUuid('sourceStageId', request?.sourceStageId);
  assertUuid('targetStageId', request.targetStageId);
  const url = `${ctx.urls.base}/deploymentPipelines/${deploymentPipelineId}/deploy`;
  return startOperation(ctx, 'deployStageContent', url, request, options);
}

/**
 * A generic LRO start: POST `path` (relative to the API root, e.g. `/workspaces/{ws}/…`) with `body`.
 * The path may not leave the API root (no `..`, no scheme or host): the token only goes to Fabric.
 */
export function startGenericOperation(ctx: JobContext, path: string, body: unknown, options: OperationOptions = {}): Promise<OperationStartResult> {
  return startOperation(ctx, 'startOperation', operationUrl(ctx, path), body, options);
}

/** The absolute URL of an API path given to startGenericOperation (checked). */
export function operationUrl(ctx: JobContext, path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || /(^|\/)\.\.?(\/|$|\?)/.test(path) || /\s/.test(path)) {
    throw new FabricValidationError('path', `path must be an API path under the Fabric root such as /workspaces/{id}/…, got ${JSON.stringify(path)}`);
  }
  const url = `${ctx.urls.base}${path}`;
  if (!ctx.urls.isSameOrigin(url)) throw new FabricValidationError('path', `path ${path} does not stay on ${ctx.urls.origin}`);
  return url;
}

/** Every stage of a deployment pipeline (all pages). Validates eagerly. */
export function listDeploymentPipelineStages(
  ctx: JobContext, deploymentPipelineId: string, options: OperationOptions = {},
): AsyncGenerator<DeploymentPipelineStage, void, undefined> {
  assertUuid('deploymentPipelineId', deploymentPipelineId);
  const url = `${ctx.urls.base}/deploymentPipelines/${deploymentPipelineId}/stages`;
  return paginate(ctx.http, ctx.urls, 'listDeploymentPipelineStages', url, options.signal, (v, res) => checkStage(res, v));
}

function checkStage(res: SuccessResponse, value: unknown): DeploymentPipelineStage {
  const o = value as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || typeof o.displayName !== 'string' || typeof o.order !== 'number') {
    throw protocolError(res, 'Fabric sent a deployment pipeline stage without id, displayName, order');
  }
  return o as unknown as DeploymentPipelineStage;
}
