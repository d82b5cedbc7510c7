/**
 * Handling of one /v1 (Fabric) or /v1.0/myorg (Power BI) request: logging, auth, id checks, poll
 * bookkeeping, faults, then the operation's handler; errors become Fabric ErrorResponses, or Power
 * BI's `{ error: { code, message } }` on Power BI routes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, callerId, identityOf } from './auth.js';
import type { EmulatorState, RequestContext } from './context.js';
import { FabricApiError, badRequest, notFound } from './errors.js';
import { handleCatalog, matchCatalogRoute, type CatalogRoute } from './catalog-handlers.js';
import { applyGenericFault } from './fault-replies.js';
import type { RequestOp } from './faults.js';
import { readBody, writeReply } from './http-io.js';
import type { Reply } from './http-io.js';
import { getNotebookJob, listLivySessions, queryActivityRuns } from './details-handlers.js';
import { cancelJob, getJob, listJobs, runJob } from './job-handlers.js';
import type { JobRecord } from './job-state.js';
import { getOperation, getOperationResult, listStages, startOperation } from './operation-handlers.js';
import { isTerminalStatus } from '../fabric/models.js';
import { cancelRefresh, getRefresh, refreshHistory, startRefresh } from './refresh-handlers.js';
import { matchPowerBIRoute, matchRoute, POWERBI_PREFIX } from './routes.js';
import type { Route, RouteMatch } from './routes.js';
import type { RequestLogEntry } from './types.js';
import { createSchedule, deleteSchedule, getSchedule, listSchedules, updateSchedule } from './schedule-handlers.js';

/** Tolerance for timer granularity when deciding whether a poll came too early. */
export const EARLY_POLL_TOLERANCE_MS = 25;

const HANDLERS: Record<Route['op'], (ctx: RequestContext, owner: string) => Reply> = {
  run: runJob,
  get: getJob,
  cancel: cancelJob,
  list: listJobs,
  'schedule-create': createSchedule,
  'schedule-list': listSchedules,
  'schedule-get': getSchedule,
  'schedule-update': updateSchedule,
  'schedule-delete': deleteSchedule,
  refresh: startRefresh,
  'refresh-get': getRefresh,
  'refresh-cancel': cancelRefresh,
  'refresh-history': refreshHistory,
  'notebook-get': getNotebookJob,
  'activity-runs': queryActivityRuns,
  'livy-list': listLivySessions,
  'sql-refresh-metadata': startOperation,
  'load-table': startOperation,
  deploy: startOperation,
  'get-definition': startOperation,
  'operation-get': getOperation,
  'operation-result': getOperationResult,
  'deploy-stages': listStages,
};

/** The Power BI operations use the fault ops of their Fabric counterparts. */
const REFRESH_FAULT_OPS: Partial<Record<Route['op'], RequestOp>> = { refresh: 'run', 'refresh-get': 'get', 'refresh-cancel': 'cancel', 'refresh-history': 'list' };

/** The long-running operations too: a start is a `run`, a state read a `get`, the result `details`, the stages a `list`. */
const OPERATION_FAULT_OPS: Partial<Record<Route['op'], RequestOp>> = {
  'sql-refresh-metadata': 'run',
  'load-table': 'run',
  deploy: 'run',
  'get-definition': 'run',
  'operation-get': 'get',
  'operation-result': 'details',
  'deploy-stages': 'list',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DETAILS_OPS: ReadonlySet<Route['op']> = new Set(['notebook-get', 'activity-runs', 'livy-list']);

const faultOp = (op: Route['op']): RequestOp =>
  REFRESH_FAULT_OPS[op] ?? OPERATION_FAULT_OPS[op] ?? (op.startsWith('schedule-') ? 'schedule' : DETAILS_OPS.has(op) ? 'details' : (op as RequestOp));

/** Reads of a job's status: counted as polls, checked against the last Retry-After (a notebook is polled on its notebook route). */
const STATUS_OPS: ReadonlySet<Route['op']> = new Set(['get', 'notebook-get', 'refresh-get', 'operation-get']);

/** A status read that polls: not a read of a notebook job instance whose end was already reported (that reads its details). */
function isPoll(job: JobRecord, op: Route['op']): boolean {
  return STATUS_OPS.has(op) && !(op === 'notebook-get' && job.endReportedAtMs !== undefined);
}

/**
 * The fault of a request: a notebook's route (a status read too, src/activities/job-status.ts) takes
 * its own (details) faults first, then its job's status faults.
 */
function takeFault(state: EmulatorState, r: Route) {
  const faults = state.scenarios.for(r.itemId).faults;
  if (r.op !== 'notebook-get') return faults.take(faultOp(r.op));
  return faults.take('details') ?? faults.take('get');
}

/**
 * The activity runs and operation paths name no item: the item (for its scenario and the log) is the
 * job's (the operation's, with its workspace), when it exists.
 */
function withJobItem(state: EmulatorState, match: RouteMatch): RouteMatch {
  if (match.kind !== 'route') return match;
  if (match.route.op === 'operation-get' || match.route.op === 'operation-result') {
    const operation = UUID.test(match.route.jobInstanceId!) ? state.jobs.byId(match.route.jobInstanceId!) : undefined;
    return operation ? { kind: 'route', route: { ...match.route, workspaceId: operation.workspaceId, itemId: operation.itemId } } : match;
  }
  if (match.route.op !== 'activity-runs') return match;
  const { workspaceId, jobInstanceId } = match.route;
  const job = UUID.test(workspaceId) && UUID.test(jobInstanceId!) ? state.jobs.getInWorkspace(workspaceId, jobInstanceId!) : undefined;
  return job ? { kind: 'route', route: { ...match.route, itemId: job.itemId } } : match;
}

function checkIds(route: Route): void {
  const ids: [string, string | undefined][] = [
    ['workspace', route.workspaceId],
    ['item', route.itemId === '' ? undefined : route.itemId],
    ['job instance', route.jobInstanceId],
    ['schedule', route.scheduleId],
  ];
  for (const [what, id] of ids) {
    if (id !== undefined && !UUID.test(id)) throw badRequest('InvalidParameter', `The ${what} id '${id}' is not a valid UUID.`);
  }
}

/** Seconds or an HTTP date → the absolute time it points to. */
function retryAfterUntil(value: string, nowMs: number): number | undefined {
  if (/^\d+$/.test(value)) return nowMs + Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

export async function handleApi(state: EmulatorState, req: IncomingMessage, res: ServerResponse, url: URL, baseUrl: string): Promise<void> {
  const requestId = randomUUID();
  const method = req.method ?? 'GET';
  const isPowerBI = url.pathname.startsWith(`${POWERBI_PREFIX}/`);
  const isApi = url.pathname === '/v1' || url.pathname.startsWith('/v1/') || isPowerBI;
  const match = isPowerBI ? matchPowerBIRoute(method, url.pathname) : isApi ? withJobItem(state, matchRoute(method, url.pathname)) : ({ kind: 'none' } as const);
  const route = match.kind === 'route' ? match.route : undefined;
  const catalogRoute = isApi && match.kind === 'none' ? matchCatalogRoute(url.pathname) : undefined;
  const entry = state.log.add({
    atMs: state.now(),
    method,
    path: url.pathname + url.search,
    op: route?.op ?? catalogRoute?.op ?? 'unknown',
    ...(match.kind !== 'none' && (match.kind === 'route' ? match.route.itemId : match.itemId) !== ''
      ? { itemId: match.kind === 'route' ? match.route.itemId.toLowerCase() : match.itemId.toLowerCase() }
      : {}),
    ...(route?.jobInstanceId ? { jobInstanceId: route.jobInstanceId.toLowerCase() } : {}),
    statusCode: null,
  });
  res.on('close', () => {
    entry.statusCode = res.writableFinished ? res.statusCode : null;
  });

  let job: JobRecord | undefined;
  let polled = false;
  let reply: Reply;
  try {
    const bodyText = await readBody(req);
    const token = isApi ? authenticate(req, state.token, state.identities) : '';
    const identity = identityOf(token, state.identities);
    if (identity !== undefined) entry.identity = identity;
    if (catalogRoute) {
      reply = await catalogReply(state, catalogRoute, method, url, baseUrl, entry);
      writeReply(res, reply, { RequestId: requestId, 'x-ms-request-id': requestId });
      return;
    }
    if (match.kind === 'none') throw notFound('NotFound', `No API at ${method} ${url.pathname}.`);
    if (match.kind === 'method') {
      throw new FabricApiError(405, 'MethodNotAllowed', `${method} is not supported here; use ${match.allow.join(', ')}.`, {}, { Allow: match.allow.join(', ') });
    }
    checkIds(match.route);
    const r = match.route;
    const now = state.now();
    if (r.jobInstanceId) job = state.jobs.get(r.workspaceId, r.itemId, r.jobInstanceId);
    polled = job !== undefined && isPoll(job, r.op);
    if (job && polled) {
      job.polls += 1;
      if (job.retryAfterUntilMs !== undefined && now < job.retryAfterUntilMs - EARLY_POLL_TOLERANCE_MS) {
        job.earlyPolls += 1;
        state.log.markEarly(entry);
      }
    }
    const fault = takeFault(state, r);
    if (fault) entry.fault = fault.kind;
    const faultReply = fault ? await applyGenericFault(fault, now) : undefined;
    if (faultReply) reply = faultReply;
    else {
      const ctx: RequestContext = { state, route: r, url, baseUrl, requestId, bodyText, ...(fault ? { fault } : {}) };
      reply = HANDLERS[r.op](ctx, callerId(token));
      if (ctx.job) {
        job = ctx.job;
        entry.jobInstanceId = job.id;
        if (identity !== undefined) job.identity ??= identity;
      }
    }
  } catch (err) {
    reply = errorReply(err, requestId, isPowerBI);
  }
  // Only a Retry-After the client can actually receive counts for the early-poll check.
  const retryAfter = reply.destroySocket || res.destroyed ? undefined : reply.headers?.['Retry-After'];
  if (job && retryAfter !== undefined && !(route && DETAILS_OPS.has(route.op) && !polled)) job.retryAfterUntilMs = retryAfterUntil(retryAfter, state.now());
  if (job && polled && reply.status === 200 && isTerminalStatus((reply.body as { status?: string } | undefined)?.status ?? '')) job.endReportedAtMs ??= state.now();
  writeReply(res, reply, { RequestId: requestId, 'x-ms-request-id': requestId });
}

/** List Workspaces / List Items: GET only, the workspace id checked, then the catalog's own faults. */
async function catalogReply(state: EmulatorState, route: CatalogRoute, method: string, url: URL, baseUrl: string, entry: RequestLogEntry): Promise<Reply> {
  if (method !== 'GET') throw new FabricApiError(405, 'MethodNotAllowed', `${method} is not supported here; use GET.`, {}, { Allow: 'GET' });
  if (route.op === 'list-items' && !UUID.test(route.workspaceId)) {
    throw badRequest('InvalidParameter', `The workspace id '${route.workspaceId}' is not a valid UUID.`);
  }
  const fault = state.catalog.faults.take(route.op);
  if (fault) entry.fault = fault.kind;
  const faultReply = fault ? await applyGenericFault(fault, state.now()) : undefined;
  return faultReply ?? handleCatalog(state, route, url, baseUrl, fault?.kind === 'malformed-json');
}

function errorReply(err: unknown, requestId: string, powerBI: boolean): Reply {
  let apiError: FabricApiError;
  if ((err as Error | undefined)?.name === 'FabricApiError') apiError = err as FabricApiError;
  else {
    console.error('Fabric emulator: unexpected error', err);
    apiError = new FabricApiError(500, 'InternalServerError', 'The emulator failed to handle the request.');
  }
  return {
    status: apiError.statusCode,
    headers: { 'x-ms-public-api-error-code': apiError.errorCode, ...apiError.headers },
    body: powerBI ? { error: { code: apiError.errorCode, message: apiError.message } } : apiError.body(requestId),
  };
}
