/**
 * Job Scheduler operations: run on demand (both generic routes and the released notebook route), get, cancel, list.
 */
import type { JobInstance, JobParameter } from '../fabric/models.js';
import { instancesUrl } from './context.js';
import type { RequestContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { isPlainObject, parseJson } from './http-io.js';
import type { Reply } from './http-io.js';
import { jobStateAt } from './job-state.js';
import type { JobRecord } from './job-state.js';
import { paginate } from './pagination.js';
import { formatFabricTime } from './time.js';

export const jobNotFound = (id: string) => notFound('EntityNotFound', `The job instance '${id}' was not found.`);

/** JSON cut short so that no parser accepts it (the `malformed-json` fault). */
export function brokenJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.slice(0, Math.min(40, text.length - 1));
}

/** The ItemJobInstance Fabric returns for a job at `nowMs`. */
export function toJobInstance(job: JobRecord, nowMs: number): JobInstance {
  const state = jobStateAt(job, nowMs);
  return {
    id: job.id,
    itemId: job.itemId,
    jobType: job.jobType,
    invokeType: 'Manual',
    status: state.status,
    failureReason: state.status === 'Failed' ? job.scenario.failureReason : null,
    rootActivityId: job.rootActivityId,
    startTimeUtc: state.startedAtMs === undefined ? null : formatFabricTime(state.startedAtMs),
    endTimeUtc: state.endedAtMs === undefined ? null : formatFabricTime(state.endedAtMs),
  };
}

function parseRunBody(text: string): { executionData?: Record<string, unknown>; parameters?: JobParameter[] } {
  const body = parseJson(text);
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) throw badRequest('InvalidRequest', 'The request body must be a JSON object.');
  const { executionData, parameters } = body;
  if (executionData !== undefined && executionData !== null && !isPlainObject(executionData)) {
    throw badRequest('InvalidRequest', "'executionData' must be a JSON object.");
  }
  if (parameters !== undefined && parameters !== null) {
    const valid = Array.isArray(parameters) && parameters.every((p) => isPlainObject(p) && typeof p.name === 'string' && typeof p.type === 'string');
    if (!valid) throw badRequest('InvalidRequest', "'parameters' must be an array of { name, type, value }.");
  }
  return {
    ...(isPlainObject(executionData) ? { executionData } : {}),
    ...(Array.isArray(parameters) ? { parameters: parameters as JobParameter[] } : {}),
  };
}

/** The notebook compute types (notebook/definitions.json `ComputeType`). */
const NOTEBOOK_COMPUTES = ['Spark', 'Jupyter', 'DataWarehouse'];

/**
 * The released notebook route's own rules (notebook/swagger.json): `beta=false` is required, and an
 * executionData names its compute; a DataWarehouse notebook takes no compute configuration.
 */
function checkNotebookRun(ctx: RequestContext, executionData: Record<string, unknown> | undefined): void {
  if (ctx.url.searchParams.get('beta')?.toLowerCase() !== 'false') {
    throw badRequest('InvalidParameter', 'The query parameter beta=false is required on this route (the release version).');
  }
  if (executionData === undefined) return;
  if (typeof executionData.compute !== 'string' || !NOTEBOOK_COMPUTES.includes(executionData.compute)) {
    throw badRequest('InvalidRequest', `'executionData.compute' must be one of ${NOTEBOOK_COMPUTES.join(', ')}.`);
  }
  if (executionData.computeConfiguration !== undefined && (!isPlainObject(executionData.computeConfiguration) || executionData.compute === 'DataWarehouse')) {
    throw badRequest('InvalidRequest', "'executionData.computeConfiguration' must be a JSON object, and is not supported for DataWarehouse notebooks.");
  }
}

export function runJob(ctx: RequestContext): Reply {
  const jobType = ctx.route.jobType ?? ctx.url.searchParams.get('jobType') ?? '';
  if (jobType.trim() === '') throw badRequest('InvalidJobType', 'The jobType is missing: use ?jobType={jobType} or /jobs/{jobType}/instances.');
  const body = parseRunBody(ctx.bodyText);
  if (ctx.route.collection === 'notebooks') checkNotebookRun(ctx, body.executionData);
  const { workspaceId, itemId } = ctx.route;
  const scenario = ctx.state.scenarios.for(itemId).scenario;
  ctx.state.capacity.admit(ctx.state.jobs, workspaceId, jobType, ctx.state.now());
  const job = ctx.state.jobs.create({ workspaceId, itemId, jobType, ...body, scenario });
  ctx.job = job;
  if (ctx.fault?.kind === 'reset-after-create') return { status: 0, destroySocket: true };
  const headers: Record<string, string> = {
    'Retry-After': String(scenario.retryAfterSeconds),
    'x-ms-job-id': job.id,
  };
  if (ctx.fault?.kind !== 'no-location') headers.Location = `${instancesUrl(ctx)}/${job.id}`;
  return { status: 202, headers };
}

function findJob(ctx: RequestContext): JobRecord {
  const { workspaceId, itemId, jobInstanceId } = ctx.route;
  const job = ctx.state.jobs.get(workspaceId, itemId, jobInstanceId!);
  if (!job) throw jobNotFound(jobInstanceId!);
  ctx.job = job;
  return job;
}

export function getJob(ctx: RequestContext): Reply {
  const job = findJob(ctx);
  if (ctx.fault?.kind === 'not-found') throw jobNotFound(job.id);
  const headers = { 'Retry-After': String(job.scenario.retryAfterSeconds) };
  const instance = toJobInstance(job, ctx.state.now());
  if (ctx.fault?.kind === 'unknown-status') instance.status = ctx.fault.status ?? 'Throttling';
  if (ctx.fault?.kind === 'malformed-json') return { status: 200, headers, rawBody: brokenJson(instance) };
  return { status: 200, headers, body: instance };
}

export function cancelJob(ctx: RequestContext): Reply {
  const job = findJob(ctx);
  const now = ctx.state.now();
  if (jobStateAt(job, now).endedAtMs !== undefined) {
    throw badRequest('JobAlreadyCompleted', `The job instance '${job.id}' has already completed.`);
  }
  job.cancelRequestedAtMs ??= now;
  return {
    status: 202,
    headers: { Location: `${instancesUrl(ctx)}/${job.id}`, 'Retry-After': String(job.scenario.retryAfterSeconds) },
  };
}

export function listJobs(ctx: RequestContext): Reply {
  const { workspaceId, itemId } = ctx.route;
  const now = ctx.state.now();
  const jobs = ctx.state.jobs.listForItem(workspaceId, itemId);
  const token = ctx.url.searchParams.get('continuationToken');
  const page = paginate(jobs, token, ctx.state.pageSize, (t) => `${instancesUrl(ctx)}?continuationToken=${encodeURIComponent(t)}`, (job) =>
    toJobInstance(job, now),
  );
  if (ctx.fault?.kind === 'malformed-json') return { status: 200, rawBody: brokenJson(page) };
  return { status: 200, body: page };
}
