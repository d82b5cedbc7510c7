/**
 * Run details beyond the Job Scheduler: a notebook's job instance (beta endpoint: exit value,
 * Livy id, Spark monitoring URLs), a Data Pipeline run's activity runs, and the Livy sessions of a
 * notebook or Spark job definition. Sources: see run-details-models.ts and docs/fabric-client.md.
 */
import type { JobContext } from './job-operations.js';
import { header, requestIdFromHeaders } from './headers.js';
import { parseJsonBody, parseJsonObject, protocolError, type SuccessResponse } from './json.js';
import { paginate } from './pagination.js';
import { parseRetryAfter } from './retry-after.js';
import type { OperationOptions } from './client-types.js';
import type {
  ActivityRunsQuery,
  LivyItemCollection,
  LivySession,
  NotebookJobInstance,
  PipelineActivityRun,
} from './run-details-models.js';
import { FabricValidationError } from './errors/fabric-validation-error.js';
import { assertUuid } from './validation.js';

export interface NotebookJobInstanceIds {
  workspaceId: string;
  notebookId: string;
  jobInstanceId: string;
}

export interface GetNotebookJobInstanceResult {
  instance: NotebookJobInstance;
  retryAfterMs: number | undefined;
  requestId?: string;
}

export interface PipelineRunIds {
  workspaceId: string;
  /** The Job Scheduler job instance id of the pipeline run ("job id" in Microsoft's documentation). */
  jobInstanceId: string;
}

export interface QueryActivityRunsOptions extends OperationOptions, Partial<ActivityRunsQuery> {}

export interface QueryActivityRunsResult {
  value: PipelineActivityRun[];
  /**
   * Set when Fabric wrapped the runs as `{ value, continuationToken }` with a token: more runs exist
   * than this answer holds. The documented answer is a bare array; the wrapper has been observed.
   */
  continuationToken?: string;
  requestId?: string;
}

export interface LivySessionScope {
  workspaceId: string;
  collection: LivyItemCollection;
  itemId: string;
}

/** How far back and ahead of now the default activity run query window reaches. */
export const ACTIVITY_RUNS_WINDOW_MS = 30 * 24 * 3600_000;

/** `GET /workspaces/{ws}/notebooks/{id}/jobs/execute/instances/{jobId}?beta=true` (a beta API). */
export async function getNotebookJobInstance(
  ctx: JobContext, ids: NotebookJobInstanceIds, options: OperationOptions = {},
): Promise<GetNotebookJobInstanceResult> {
  assertUuid('workspaceId', ids?.workspaceId);
  assertUuid('notebookId', ids.notebookId);
  assertUuid('jobInstanceId', ids.jobInstanceId);
  const url = ctx.urls.notebookJobInstance(ids.workspaceId, ids.notebookId, ids.jobInstanceId);
  const res = await ctx.http.send({ operation: 'getNotebookJobInstance', method: 'GET', url, signal: options.signal });
  const body = parseJsonObject(res, 'a notebook job instance');
  if (typeof body.id !== 'string' || typeof body.status !== 'string') {
    throw protocolError(res, 'Fabric sent a notebook job instance without a string id and status');
  }
  if (body.properties !== undefined && body.properties !== null && (typeof body.properties !== 'object' || Array.isArray(body.properties))) {
    throw protocolError(res, 'Fabric sent notebook job instance properties that are not an object');
  }
  const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'));
  return { instance: body as unknown as NotebookJobInstance, retryAfterMs, ...requestIdOf(res) };
}

/**
 * `POST /workspaces/{ws}/datapipelines/pipelineruns/{jobId}/queryactivityruns` with the documented
 * body. The time window defaults to 30 days either side of now; the order to ActivityRunStart ASC.
 */
export async function queryPipelineActivityRuns(
  ctx: JobContext, ids: PipelineRunIds, options: QueryActivityRunsOptions = {},
): Promise<QueryActivityRunsResult> {
  assertUuid('workspaceId', ids?.workspaceId);
  assertUuid('jobInstanceId', ids.jobInstanceId);
  const now = Date.now();
  const body: ActivityRunsQuery = {
    filters: options.filters ?? [],
    orderBy: options.orderBy ?? [{ orderBy: 'ActivityRunStart', order: 'ASC' }],
    lastUpdatedAfter: options.lastUpdatedAfter ?? new Date(now - ACTIVITY_RUNS_WINDOW_MS).toISOString(),
    lastUpdatedBefore: options.lastUpdatedBefore ?? new Date(now + ACTIVITY_RUNS_WINDOW_MS).toISOString(),
  };
  for (const field of ['lastUpdatedAfter', 'lastUpdatedBefore'] as const) {
    if (Number.isNaN(Date.parse(body[field]))) throw new FabricValidationError(field, `${field} must be an ISO 8601 time, got ${JSON.stringify(body[field])}`);
  }
  const url = ctx.urls.activityRuns(ids.workspaceId, ids.jobInstanceId);
  const res = await ctx.http.send({ operation: 'queryPipelineActivityRuns', method: 'POST', url, body, signal: options.signal });
  const json = parseJsonBody(res);
  const wrapped = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  const list = Array.isArray(json) ? json : wrapped?.value;
  if (!Array.isArray(list)) throw protocolError(res, 'Fabric sent activity runs that are neither an array nor { value: [...] }');
  const value = list.map((run) => toActivityRun(res, run));
  const token = wrapped?.continuationToken;
  return { value, ...(typeof token === 'string' && token !== '' && { continuationToken: token }), ...requestIdOf(res) };
}

/** Every Livy session of a notebook or Spark job definition, all pages (`GET …/{collection}/{id}/livySessions`). */
export function listLivySessions(
  ctx: JobContext, scope: LivySessionScope, options: OperationOptions = {},
): AsyncGenerator<LivySession, void, undefined> {
  assertUuid('workspaceId', scope?.workspaceId);
  assertUuid('itemId', scope.itemId);
  if (scope.collection !== 'notebooks' && scope.collection !== 'sparkJobDefinitions') {
    throw new FabricValidationError('collection', `collection must be 'notebooks' or 'sparkJobDefinitions', got ${String(scope.collection)}`);
  }
  const url = ctx.urls.livySessions(scope.workspaceId, scope.collection, scope.itemId);
  return paginate(ctx.http, ctx.urls, 'listLivySessions', url, options.signal, toLivySession);
}

function toActivityRun(res: SuccessResponse, run: unknown): PipelineActivityRun {
  const o = run as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.activityName !== 'string' || typeof o.status !== 'string') {
    throw protocolError(res, 'Fabric sent an activity run without a string activityName and status');
  }
  return o as unknown as PipelineActivityRun;
}

function toLivySession(item: unknown, res: SuccessResponse): LivySession {
  const o = item as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.livyId !== 'string') {
    throw protocolError(res, 'Fabric sent a Livy session without a string livyId');
  }
  return o as unknown as LivySession;
}

function requestIdOf(res: SuccessResponse): { requestId?: string } {
  const requestId = requestIdFromHeaders(res.headers);
  return requestId === undefined ? {} : { requestId };
}
