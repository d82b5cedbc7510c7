/** Job instance operations: run on demand, get, cancel, list. */
import type {
  CancelJobResult,
  GetJobInstanceResult,
  JobInstanceIds,
  JobInstanceRef,
  JobRunScope,
  OperationOptions,
  RunJobOptions,
  RunJobResult,
} from './client-types.js';
import { FabricValidationError } from './errors/fabric-validation-error.js';
import { header, requestIdFromHeaders } from './headers.js';
import type { FabricHttp } from './http.js';
import { parseJsonObject, protocolError, type SuccessResponse } from './json.js';
import type { JobInstance } from './models.js';
import { paginate } from './pagination.js';
import { parseRetryAfter } from './retry-after.js';
import { isJobInstanceUrl, jobInstanceIdFromLocation, resolveLocation, type FabricUrls } from './urls.js';
import { assertJobType, assertJsonObject, assertParameters, assertUuid, isUuid } from './validation.js';

export interface JobContext {
  http: FabricHttp;
  urls: FabricUrls;
}

export async function runOnDemandItemJob(
  ctx: JobContext, scope: JobRunScope, options: RunJobOptions = {},
): Promise<RunJobResult> {
  const { workspaceId, itemId, jobType } = scope ?? ({} as Partial<JobRunScope>);
  assertUuid('workspaceId', workspaceId);
  assertUuid('itemId', itemId);
  assertJobType(jobType);
  const { parameters, signal } = options;
  const route = options.route ?? (hasNotebookOptions(options) ? 'notebook' : 'query');
  if (route !== 'query' && route !== 'path' && route !== 'notebook') {
    throw new FabricValidationError('route', `route must be 'query', 'path' or 'notebook', got ${String(route)}`);
  }
  if (route !== 'notebook' && hasNotebookOptions(options)) {
    throw new FabricValidationError('route', `compute, computeConfiguration and sessionTag go to the notebook route, not the ${route} route`);
  }
  if (options.executionData !== undefined) assertJsonObject('executionData', options.executionData);
  if (options.computeConfiguration !== undefined) assertJsonObject('computeConfiguration', options.computeConfiguration);
  if (parameters !== undefined) assertParameters(parameters);
  const executionData = route === 'notebook' ? notebookExecutionData(options) : options.executionData;
  const body = executionData === undefined && parameters === undefined
    ? undefined
    : { ...(executionData !== undefined && { executionData }), ...(parameters !== undefined && { parameters }) };

  const url = route === 'notebook' ? ctx.urls.runNotebook(workspaceId, itemId) : ctx.urls.run(workspaceId, itemId, jobType, route);
  const res = await ctx.http.send({ operation: 'runOnDemandItemJob', method: 'POST', url, body, signal });
  const location = resolveLocation(header(res.headers, 'location'), url);
  const headerId = header(res.headers, 'x-ms-job-id');
  const jobInstanceId = (location && jobInstanceIdFromLocation(location)) ?? (isUuid(headerId) ? headerId : undefined);
  if (jobInstanceId === undefined) {
    throw protocolError(res, 'Fabric accepted the job but sent neither a job instance Location nor an x-ms-job-id header');
  }
  return {
    jobInstanceId,
    location: location ?? ctx.urls.instance(workspaceId, itemId, jobInstanceId),
    ...timing(res),
  };
}

const hasNotebookOptions = (options: RunJobOptions): boolean =>
  options.compute !== undefined || options.computeConfiguration !== undefined || options.sessionTag !== undefined;

/**
 * The notebook route's `executionData` (notebook/definitions.json `RunNotebookExecutionData`): the
 * caller's own when it gives one, else built from compute, computeConfiguration and the session tag
 * (`highConcurrencyModeOptions`); none when nothing is set (the body then holds only parameters).
 */
function notebookExecutionData(options: RunJobOptions): Record<string, unknown> | undefined {
  if (!hasNotebookOptions(options)) return options.executionData;
  const configuration = {
    ...options.computeConfiguration,
    ...(options.sessionTag !== undefined && { highConcurrencyModeOptions: { enabled: true, sessionTag: options.sessionTag } }),
  };
  return { compute: options.compute ?? 'Spark', ...(Object.keys(configuration).length > 0 && { computeConfiguration: configuration }) };
}

export async function getItemJobInstance(
  ctx: JobContext, ref: JobInstanceRef, options: OperationOptions = {},
): Promise<GetJobInstanceResult> {
  const url = instanceUrl(ctx.urls, ref);
  const res = await ctx.http.send({ operation: 'getItemJobInstance', method: 'GET', url, signal: options.signal });
  return { instance: toJobInstance(res, parseJsonObject(res, 'a job instance')), ...timing(res) };
}

export async function cancelItemJobInstance(
  ctx: JobContext, ids: JobInstanceIds, options: OperationOptions = {},
): Promise<CancelJobResult> {
  const url = `${idsUrl(ctx.urls, ids)}/cancel`;
  const res = await ctx.http.send({ operation: 'cancelItemJobInstance', method: 'POST', url, signal: options.signal });
  const location = resolveLocation(header(res.headers, 'location'), url);
  return { ...(location !== undefined && { location }), ...timing(res) };
}

/** Validates eagerly (throws before iterating), then walks every page lazily. */
export function listItemJobInstances(
  ctx: JobContext, workspaceId: string, itemId: string, options: OperationOptions = {},
): AsyncGenerator<JobInstance, void, undefined> {
  assertUuid('workspaceId', workspaceId);
  assertUuid('itemId', itemId);
  const url = ctx.urls.instances(workspaceId, itemId);
  return paginate(ctx.http, ctx.urls, 'listItemJobInstances', url, options.signal, (item, res) => toJobInstance(res, item));
}

/** The job instance URL for ids, or a usable absolute Location on the client's origin. */
function instanceUrl(urls: FabricUrls, ref: JobInstanceRef): string {
  if (typeof ref === 'object' && ref !== null && 'location' in ref) {
    const { location } = ref;
    if (typeof location !== 'string' || !isJobInstanceUrl(location)) {
      throw new FabricValidationError('location',
        `location must be an absolute job instance URL (.../jobs/instances/{id}); got ${JSON.stringify(location)}. Pass workspaceId, itemId and jobInstanceId instead.`);
    }
    if (!urls.isSameOrigin(location)) {
      throw new FabricValidationError('location', `location ${location} is not on ${urls.origin}: the Fabric token is never sent elsewhere`);
    }
    return location;
  }
  return idsUrl(urls, ref);
}

function idsUrl(urls: FabricUrls, ref: JobInstanceIds): string {
  const ids = (ref ?? {}) as unknown as Partial<Record<string, unknown>>;
  assertUuid('workspaceId', ids.workspaceId);
  assertUuid('itemId', ids.itemId);
  assertUuid('jobInstanceId', ids.jobInstanceId);
  return urls.instance(ids.workspaceId, ids.itemId, ids.jobInstanceId);
}

function toJobInstance(res: SuccessResponse, json: unknown): JobInstance {
  const o = json as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || typeof o.status !== 'string') {
    throw protocolError(res, 'Fabric sent a job instance without a string id and status');
  }
  return {
    ...(o as unknown as JobInstance),
    failureReason: (o.failureReason ?? null) as JobInstance['failureReason'],
    startTimeUtc: typeof o.startTimeUtc === 'string' ? o.startTimeUtc : null,
    endTimeUtc: typeof o.endTimeUtc === 'string' ? o.endTimeUtc : null,
  };
}

function timing(res: SuccessResponse): { retryAfterMs: number | undefined; requestId?: string } {
  const requestId = requestIdFromHeaders(res.headers);
  return { retryAfterMs: parseRetryAfter(header(res.headers, 'retry-after')), ...(requestId !== undefined && { requestId }) };
}
