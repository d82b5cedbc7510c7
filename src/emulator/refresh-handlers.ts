/**
 * Power BI enhanced refresh operations (Datasets - Refresh Dataset In Group, Get Refresh Execution
 * Details In Group, Cancel Refresh In Group, Get Refresh History In Group). A refresh is kept as a
 * job of jobType `SemanticModelRefresh` whose item is the semantic model and whose executionData is
 * the request body, so it follows its model's scenario, state machine, faults and poll checks.
 */
import type { RequestContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { isPlainObject, parseJson } from './http-io.js';
import type { Reply } from './http-io.js';
import { jobStateAt } from './job-state.js';
import type { JobRecord } from './job-state.js';
import { POWERBI_PREFIX } from './routes.js';

export const REFRESH_JOB_TYPE = 'SemanticModelRefresh';

const TYPES = ['Full', 'ClearValues', 'Calculate', 'DataOnly', 'Automatic', 'Defragment'];
const COMMIT_MODES = ['Transactional', 'PartialBatch'];
const NOTIFY_OPTIONS = ['NoNotification', 'MailOnFailure', 'MailOnCompletion'];
const ENHANCED_FIELDS = ['type', 'commitMode', 'maxParallelism', 'retryCount', 'objects', 'applyRefreshPolicy', 'effectiveDate', 'timeout'];
const TIMEOUT = /^([0-1]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;

const refreshNotFound = (id: string) => notFound('EntityNotFound', `The refresh '${id}' was not found.`);

function refreshesUrl(ctx: RequestContext): string {
  const { workspaceId, itemId } = ctx.route;
  return `${ctx.baseUrl}${POWERBI_PREFIX}/groups/${workspaceId}/datasets/${itemId}/refreshes`;
}

function brokenJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.slice(0, Math.min(40, text.length - 1));
}

/** Checks a DatasetRefreshRequest; returns it and whether it asks for an enhanced refresh. */
function parseRefreshBody(text: string): { body: Record<string, unknown>; enhanced: boolean } {
  const body = parseJson(text) ?? {};
  if (!isPlainObject(body)) throw badRequest('InvalidRequest', 'The request body must be a JSON object.');
  const unknown = Object.keys(body).find((k) => k !== 'notifyOption' && !ENHANCED_FIELDS.includes(k));
  if (unknown !== undefined) throw badRequest('InvalidRequest', `'${unknown}' is not a refresh request property.`);
  const enhanced = ENHANCED_FIELDS.some((k) => body[k] !== undefined);
  const bad = (message: string) => badRequest('InvalidRequest', message);
  if (body.notifyOption !== undefined && !NOTIFY_OPTIONS.includes(body.notifyOption as string)) throw bad(`'notifyOption' must be one of ${NOTIFY_OPTIONS.join(', ')}.`);
  if (enhanced && body.notifyOption !== undefined) throw bad("'notifyOption' must be excluded from an enhanced refresh request.");
  if (body.type !== undefined && !TYPES.includes(body.type as string)) throw bad(`'type' must be one of ${TYPES.join(', ')}.`);
  if (body.commitMode !== undefined && !COMMIT_MODES.includes(body.commitMode as string)) throw bad(`'commitMode' must be one of ${COMMIT_MODES.join(', ')}.`);
  for (const key of ['maxParallelism', 'retryCount']) {
    if (body[key] !== undefined && !Number.isSafeInteger(body[key])) throw bad(`'${key}' must be an integer.`);
  }
  if (body.applyRefreshPolicy !== undefined && typeof body.applyRefreshPolicy !== 'boolean') throw bad("'applyRefreshPolicy' must be a boolean.");
  if (body.timeout !== undefined && (typeof body.timeout !== 'string' || !TIMEOUT.test(body.timeout))) throw bad("'timeout' must match hh:mm:ss.");
  if (body.objects !== undefined) {
    const ok = Array.isArray(body.objects) && body.objects.every((o) => isPlainObject(o) && typeof o.table === 'string' && (o.partition === undefined || typeof o.partition === 'string'));
    if (!ok) throw bad("'objects' must be an array of { table, partition? }.");
  }
  return { body, enhanced };
}

export function startRefresh(ctx: RequestContext): Reply {
  const { body, enhanced } = parseRefreshBody(ctx.bodyText);
  const { workspaceId, itemId } = ctx.route;
  const scenario = ctx.state.scenarios.for(itemId).scenario;
  const job = ctx.state.jobs.create({ workspaceId, itemId, jobType: REFRESH_JOB_TYPE, executionData: { ...body, enhanced }, scenario });
  ctx.job = job;
  if (ctx.fault?.kind === 'reset-after-create') return { status: 0, destroySocket: true };
  const headers: Record<string, string> = { 'Retry-After': String(scenario.retryAfterSeconds) };
  // The spec: the refresh id headers come back only for an enhanced refresh (a payload beyond notifyOption).
  if (enhanced) {
    headers['x-ms-request-id'] = job.id;
    if (ctx.fault?.kind !== 'no-location') headers.Location = `${refreshesUrl(ctx)}/${job.id}`;
  }
  return { status: 202, headers };
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Status, extendedStatus and error details of a refresh at `nowMs`. */
function refreshState(job: JobRecord, nowMs: number) {
  const state = jobStateAt(job, nowMs);
  const extendedStatus = state.status === 'Deduped' ? 'Completed' : state.status;
  const status = ['Completed', 'Failed'].includes(extendedStatus) ? extendedStatus : 'Unknown';
  const failed = extendedStatus === 'Failed';
  const reason = job.scenario.failureReason;
  return { state, status, extendedStatus, failed, reason, endTime: iso(state.endedAtMs) };
}

/** The DatasetRefreshDetail of a refresh at `nowMs`. */
export function toRefreshDetail(job: JobRecord, nowMs: number): Record<string, unknown> {
  const { state, status, extendedStatus, failed, reason, endTime } = refreshState(job, nowMs);
  const request = job.executionData ?? {};
  const objects = Array.isArray(request.objects) ? (request.objects as Record<string, unknown>[]) : [];
  return {
    startTime: iso(job.createdAtMs),
    ...(endTime !== undefined ? { endTime } : {}),
    type: request.type ?? 'Full',
    commitMode: request.commitMode ?? 'Transactional',
    status,
    extendedStatus,
    currentRefreshType: request.type ?? 'Full',
    numberOfAttempts: state.startedAtMs === undefined ? 0 : 1,
    objects: objects.map((o) => ({ ...o, status: extendedStatus })),
    ...(failed ? { messages: [{ code: reason.errorCode, message: reason.message, type: 'Error' }] } : {}),
  };
}

/** The history entry (Refresh) of a refresh at `nowMs`. */
function toHistoryEntry(job: JobRecord, nowMs: number): Record<string, unknown> {
  const { status, failed, reason, endTime } = refreshState(job, nowMs);
  return {
    requestId: job.id,
    refreshType: job.executionData?.enhanced === false ? 'ViaApi' : 'ViaEnhancedApi',
    startTime: iso(job.createdAtMs),
    ...(endTime !== undefined ? { endTime } : {}),
    status,
    ...(failed ? { serviceExceptionJson: JSON.stringify({ errorCode: reason.errorCode, errorDescription: reason.message }) } : {}),
  };
}

function findRefresh(ctx: RequestContext): JobRecord {
  const { workspaceId, itemId, jobInstanceId } = ctx.route;
  const job = ctx.state.jobs.get(workspaceId, itemId, jobInstanceId!);
  if (!job || job.jobType !== REFRESH_JOB_TYPE) throw refreshNotFound(jobInstanceId!);
  ctx.job = job;
  return job;
}

export function getRefresh(ctx: RequestContext): Reply {
  const job = findRefresh(ctx);
  if (ctx.fault?.kind === 'not-found') throw refreshNotFound(job.id);
  const now = ctx.state.now();
  const detail = toRefreshDetail(job, now);
  if (ctx.fault?.kind === 'unknown-status') Object.assign(detail, { status: ctx.fault.status ?? 'Throttling', extendedStatus: ctx.fault.status ?? 'Throttling' });
  const ended = jobStateAt(job, now).endedAtMs !== undefined;
  // 202 while in progress (with Retry-After, the emulator's choice), 200 once it has ended.
  const reply: Reply = ended ? { status: 200 } : { status: 202, headers: { 'Retry-After': String(job.scenario.retryAfterSeconds) } };
  if (ctx.fault?.kind === 'malformed-json') return { ...reply, rawBody: brokenJson(detail) };
  return { ...reply, body: detail };
}

/** DELETE: the refresh turns Cancelled `cancelDelayMs` later; a refresh that has ended is left as it is (200 either way). */
export function cancelRefresh(ctx: RequestContext): Reply {
  const job = findRefresh(ctx);
  const now = ctx.state.now();
  if (jobStateAt(job, now).endedAtMs === undefined) job.cancelRequestedAtMs ??= now;
  return { status: 200 };
}

export function refreshHistory(ctx: RequestContext): Reply {
  const { workspaceId, itemId } = ctx.route;
  const topText = ctx.url.searchParams.get('$top');
  const top = topText === null ? 60 : Number(topText);
  if (!Number.isSafeInteger(top) || top < 1) throw badRequest('InvalidRequest', "'$top' must be an integer of at least 1.");
  const now = ctx.state.now();
  const refreshes = ctx.state.jobs.listForItem(workspaceId, itemId).filter((j) => j.jobType === REFRESH_JOB_TYPE);
  const value = [...refreshes].reverse().slice(0, top).map((j) => toHistoryEntry(j, now));
  if (ctx.fault?.kind === 'malformed-json') return { status: 200, rawBody: brokenJson({ value }) };
  return { status: 200, body: { value } };
}
