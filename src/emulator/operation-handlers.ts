/**
 * Fabric long-running operations (LRO), per microsoft/fabric-rest-api-specs: the starts
 * Items_RefreshSqlEndpointMetadata (sqlEndpoint/swagger.json), Tables_LoadTable
 * (lakehouse/swagger.json), DeploymentPipelines_DeployStageContent and Items_GetItemDefinition (the
 * generic example; platform/swagger.json), then LongRunningOperations_GetOperationState and
 * LongRunningOperations_GetOperationResult, and DeploymentPipelines_ListDeploymentPipelineStages.
 *
 * An operation is kept as a job of its item (the SQL endpoint, the lakehouse, the deployment
 * pipeline — whose "workspace" is the pipeline id too — or the item): it follows that item's
 * scenario and state machine, with NotStarted → NotStarted, InProgress → Running, the outcome
 * Completed → Succeeded and every other outcome → Failed (with the scenario's failureReason as
 * `error`). Fabric cannot cancel these operations, and neither can the emulator.
 */
import { TABLE_NAME_PATTERN } from '../fabric/lro-operations.js';
import type { RequestContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { isPlainObject, parseJson } from './http-io.js';
import type { Reply } from './http-io.js';
import { brokenJson } from './job-handlers.js';
import { jobStateAt } from './job-state.js';
import type { JobRecord } from './job-state.js';
import { paginate } from './pagination.js';

/** The job types operations are kept under (visible in the admin API's jobs). */
export const OPERATION_JOB_TYPES = {
  'sql-refresh-metadata': 'SqlEndpointRefreshMetadata',
  'load-table': 'LoadTable',
  deploy: 'DeployStageContent',
  'get-definition': 'GetItemDefinition',
} as const;
const OPERATION_TYPES: readonly string[] = Object.values(OPERATION_JOB_TYPES);

const operationNotFound = (id: string) => notFound('EntityNotFound', `The operation '${id}' was not found.`);
const iso = (ms: number): string => new Date(ms).toISOString();
const bad = (message: string) => badRequest('InvalidRequest', message);

/** The spec's patterns (lakehouse/definitions.json LoadTableRequest, lakehouse/swagger.json tableName). */
const RELATIVE_PATH = /^Files(\/[\p{L}\w]{1}([ \p{L}\w.-]*[\p{L}\w.-]{1})*)*$/u;
const FILE_EXTENSION = /^[a-zA-Z0-9_-]{1,16}$/;
const DELIMITER = /^[^()[\]{}'"]{0,8}$/;
const TIME_UNITS = ['Seconds', 'Minutes', 'Hours', 'Days'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function body(ctx: RequestContext, required: boolean): Record<string, unknown> {
  const parsed = parseJson(ctx.bodyText);
  if (parsed === undefined && !required) return {};
  if (!isPlainObject(parsed)) throw bad('The request body must be a JSON object.');
  return parsed;
}

function checkRefreshMetadata(b: Record<string, unknown>): void {
  const unknown = Object.keys(b).find((k) => k !== 'timeout' && k !== 'recreateTables');
  if (unknown !== undefined) throw bad(`'${unknown}' is not a SqlEndpointRefreshMetadataRequest property.`);
  if (b.recreateTables !== undefined && typeof b.recreateTables !== 'boolean') throw bad("'recreateTables' must be a boolean.");
  if (b.timeout !== undefined) {
    const t = b.timeout;
    if (!isPlainObject(t) || typeof t.value !== 'number' || !TIME_UNITS.includes(t.timeUnit as string)) {
      throw bad(`'timeout' must be { value: number, timeUnit: ${TIME_UNITS.join(' | ')} }.`);
    }
  }
}

function checkLoadTable(b: Record<string, unknown>): void {
  if (typeof b.relativePath !== 'string' || !RELATIVE_PATH.test(b.relativePath)) throw bad("'relativePath' is required and must be a path under Files (e.g. Files/sales/2024.csv).");
  if (b.pathType !== 'File' && b.pathType !== 'Folder') throw bad("'pathType' is required and must be File or Folder.");
  if (b.fileExtension !== undefined && (typeof b.fileExtension !== 'string' || !FILE_EXTENSION.test(b.fileExtension))) throw bad("'fileExtension' must be 1-16 letters, digits, '_' or '-'.");
  if (b.mode !== undefined && b.mode !== 'Overwrite' && b.mode !== 'Append') throw bad("'mode' must be Overwrite or Append.");
  if (b.recursive !== undefined && typeof b.recursive !== 'boolean') throw bad("'recursive' must be a boolean.");
  if (b.formatOptions !== undefined) {
    const f = b.formatOptions;
    if (!isPlainObject(f) || (f.format !== 'Csv' && f.format !== 'Parquet')) throw bad("'formatOptions.format' must be Csv or Parquet.");
    if (f.header !== undefined && typeof f.header !== 'boolean') throw bad("'formatOptions.header' must be a boolean.");
    if (f.delimiter !== undefined && (typeof f.delimiter !== 'string' || !DELIMITER.test(f.delimiter))) throw bad("'formatOptions.delimiter' must be up to 8 characters, no brackets or quotes.");
  }
}

function checkDeploy(ctx: RequestContext, b: Record<string, unknown>): void {
  for (const key of ['sourceStageId', 'targetStageId']) {
    if (typeof b[key] !== 'string' || !UUID.test(b[key])) throw bad(`'${key}' is required and must be a UUID.`);
  }
  if (b.note !== undefined && (typeof b.note !== 'string' || b.note.length > 1024)) throw bad("'note' must be a string of at most 1024 characters.");
  if (b.items !== undefined) {
    const ok = Array.isArray(b.items) && b.items.every((i) => isPlainObject(i) && typeof i.sourceItemId === 'string' && UUID.test(i.sourceItemId) && typeof i.itemType === 'string');
    if (!ok) throw bad("'items' must be an array of { sourceItemId, itemType }.");
    if ((b.items as unknown[]).length > 300) throw bad('At most 300 items can be deployed per request.');
  }
  const stages = ctx.state.catalog.stages(ctx.route.itemId);
  if (stages === undefined) return; // a pipeline not in the catalog takes any stage ids
  const ids = stages.map((s) => s.id);
  for (const key of ['sourceStageId', 'targetStageId']) {
    if (!ids.includes((b[key] as string).toLowerCase())) {
      throw badRequest('InvalidStage', `The stage '${b[key] as string}' is not a stage of the deployment pipeline '${ctx.route.itemId}'.`);
    }
  }
}

/** POST of an operation's start: validates the body, creates the operation, answers 202 (or 200 with the result). */
export function startOperation(ctx: RequestContext): Reply {
  const op = ctx.route.op as keyof typeof OPERATION_JOB_TYPES;
  const jobType = OPERATION_JOB_TYPES[op];
  let request: Record<string, unknown>;
  if (op === 'sql-refresh-metadata') checkRefreshMetadata((request = body(ctx, false)));
  else if (op === 'load-table') {
    if (!TABLE_NAME_PATTERN.test(ctx.route.tableName ?? '')) throw badRequest('InvalidParameter', `The table name '${ctx.route.tableName ?? ''}' is not valid.`);
    checkLoadTable((request = body(ctx, true)));
    request = { ...request, tableName: ctx.route.tableName };
  } else if (op === 'deploy') checkDeploy(ctx, (request = body(ctx, true)));
  else request = body(ctx, false);
  const { workspaceId, itemId } = ctx.route;
  const scenario = ctx.state.scenarios.for(itemId).scenario;
  ctx.state.capacity.admit(ctx.state.jobs, workspaceId, jobType, ctx.state.now());
  const job = ctx.state.jobs.create({ workspaceId, itemId, jobType, executionData: request, scenario });
  ctx.job = job;
  if (ctx.fault?.kind === 'reset-after-create') return { status: 0, destroySocket: true };
  // The spec allows 200 with the result for a metadata refresh, a deploy and a get definition (never for a load):
  // the emulator answers so when the scenario's operation takes no time and succeeds.
  const instant = op !== 'load-table' && scenario.queuedMs === 0 && scenario.durationMs === 0 && scenario.outcome === 'Completed';
  if (instant) return { status: 200, body: operationResult(ctx, job) };
  const headers: Record<string, string> = {
    'Retry-After': String(scenario.retryAfterSeconds),
    'x-ms-operation-id': job.id,
  };
  if (ctx.fault?.kind !== 'no-location') headers.Location = `${ctx.baseUrl}/v1/operations/${job.id}`;
  if (op === 'deploy') headers['deployment-id'] = job.id;
  return { status: 202, headers };
}

function findOperation(ctx: RequestContext): JobRecord {
  const id = ctx.route.jobInstanceId!;
  const job = ctx.state.jobs.byId(id);
  if (!job || !OPERATION_TYPES.includes(job.jobType)) throw operationNotFound(id);
  ctx.job = job;
  return job;
}

/** The operation's status at `nowMs` (LongRunningOperationStatus). */
function operationStatus(job: JobRecord, nowMs: number): { status: string; endedAtMs?: number } {
  const state = jobStateAt(job, nowMs);
  if (state.endedAtMs === undefined) return { status: state.status === 'InProgress' ? 'Running' : 'NotStarted' };
  return { status: state.status === 'Completed' ? 'Succeeded' : 'Failed', endedAtMs: state.endedAtMs };
}

/** GET /operations/{id}: OperationState, `Retry-After` while it runs (and `Location` of the result once Succeeded). */
export function getOperation(ctx: RequestContext): Reply {
  const job = findOperation(ctx);
  if (ctx.fault?.kind === 'not-found') throw operationNotFound(job.id);
  const now = ctx.state.now();
  const { status, endedAtMs } = operationStatus(job, now);
  const started = jobStateAt(job, now).startedAtMs;
  const state: Record<string, unknown> = {
    status: ctx.fault?.kind === 'unknown-status' ? (ctx.fault.status ?? 'Undefined') : status,
    createdTimeUtc: iso(job.createdAtMs),
    lastUpdatedTimeUtc: iso(endedAtMs ?? started ?? job.createdAtMs),
    percentComplete: endedAtMs !== undefined ? 100 : started === undefined ? 0 : Math.min(99, Math.floor(((now - started) / Math.max(1, job.scenario.durationMs)) * 100)),
    ...(status === 'Failed' ? { error: job.scenario.failureReason } : {}),
  };
  const headers: Record<string, string> = { 'x-ms-operation-id': job.id, 'Retry-After': String(job.scenario.retryAfterSeconds) };
  if (status === 'Succeeded') headers.Location = `${ctx.baseUrl}/v1/operations/${job.id}/result`;
  if (ctx.fault?.kind === 'malformed-json') return { status: 200, headers, rawBody: brokenJson(state) };
  return { status: 200, headers, body: state };
}

/** GET /operations/{id}/result: the result of a Succeeded operation; 400 `OperationNotSucceeded` before (the emulator's choice). */
export function getOperationResult(ctx: RequestContext): Reply {
  const job = findOperation(ctx);
  if (ctx.fault?.kind === 'not-found') throw operationNotFound(job.id);
  if (operationStatus(job, ctx.state.now()).status !== 'Succeeded') {
    throw badRequest('OperationNotSucceeded', `The operation '${job.id}' has not succeeded: it has no result.`);
  }
  const result = operationResult(ctx, job);
  if (ctx.fault?.kind === 'malformed-json') return { status: 200, rawBody: brokenJson(result ?? {}) };
  return result === undefined ? { status: 200 } : { status: 200, body: result };
}

/**
 * What an operation returns: the scenario's `operationResult` when set, else per kind — a metadata
 * refresh: TableSyncStatuses, one Success per table loaded (Load Table) in the workspace; a deploy:
 * DeploymentPipelineOperationExtendedInfo; a get definition: `{ definition: { parts: [] } }`; a load
 * table: no body (the spec defines no result for it).
 */
function operationResult(ctx: RequestContext, job: JobRecord): unknown {
  if (job.scenario.operationResult !== undefined) return job.scenario.operationResult;
  const now = ctx.state.now();
  const state = jobStateAt(job, now);
  const start = iso(state.startedAtMs ?? job.createdAtMs);
  const end = iso(state.endedAtMs ?? now);
  switch (job.jobType) {
    case OPERATION_JOB_TYPES['sql-refresh-metadata']: {
      const loaded = ctx.state.jobs
        .all()
        .filter((j) => j.workspaceId === job.workspaceId && j.jobType === OPERATION_JOB_TYPES['load-table'] && j.createdAtMs <= job.createdAtMs)
        .map((j) => String(j.executionData?.tableName));
      return { value: [...new Set(loaded)].map((tableName) => ({ tableName, startDateTime: start, endDateTime: end, status: 'Success', lastSuccessfulSyncDateTime: end })) };
    }
    case OPERATION_JOB_TYPES.deploy:
      return {
        id: job.id,
        type: 'Deploy',
        status: 'Succeeded',
        lastUpdatedTime: end,
        executionStartTime: start,
        executionEndTime: end,
        sourceStageId: job.executionData?.sourceStageId,
        targetStageId: job.executionData?.targetStageId,
        ...(typeof job.executionData?.note === 'string' ? { note: { content: job.executionData.note, isTruncated: false } } : {}),
      };
    case OPERATION_JOB_TYPES['get-definition']:
      return { definition: { parts: [] } };
    default:
      return undefined;
  }
}

/** GET /deploymentPipelines/{id}/stages: the catalog's stages of the pipeline; 404 for a pipeline not in the catalog. */
export function listStages(ctx: RequestContext): Reply {
  const stages = ctx.state.catalog.stages(ctx.route.itemId);
  if (stages === undefined) throw notFound('EntityNotFound', `The deployment pipeline '${ctx.route.itemId}' was not found.`);
  const token = ctx.url.searchParams.get('continuationToken');
  const url = `${ctx.baseUrl}/v1/deploymentPipelines/${ctx.route.itemId}/stages`;
  const page = paginate(stages, token, ctx.state.pageSize, (t) => `${url}?continuationToken=${encodeURIComponent(t)}`, (s) => ({ ...s }));
  if (ctx.fault?.kind === 'malformed-json') return { status: 200, rawBody: brokenJson(page) };
  return { status: 200, body: page };
}
