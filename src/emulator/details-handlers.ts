/**
 * Run details: a notebook's job instance (beta), a Data Pipeline run's activity runs, and the Livy
 * sessions of a notebook or Spark job definition. Shapes from Microsoft's published specs and
 * documentation (see docs/emulator.md); the values are the emulator's, derived from the job record.
 */
import type { LivySession, NotebookJobInstance, PipelineActivityRun } from '../fabric/run-details-models.js';
import type { RequestContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { isPlainObject, parseJson } from './http-io.js';
import type { Reply } from './http-io.js';
import { brokenJson, jobNotFound, toJobInstance } from './job-handlers.js';
import { jobStateAt } from './job-state.js';
import type { JobRecord } from './job-state.js';
import { paginate } from './pagination.js';
import { formatActivityRunTime, formatLivyTime } from './time.js';

/** Where the emulator's monitoring links point: the shapes of the spec's examples, on the real portal. */
const PORTAL = 'https://app.fabric.microsoft.com';
const SPARK_UI = 'https://sparkui.fabric.microsoft.com/sparkui';

function findJob(ctx: RequestContext, what: string): JobRecord {
  const { workspaceId, itemId, jobInstanceId } = ctx.route;
  const job = ctx.state.jobs.get(workspaceId, itemId, jobInstanceId!);
  if (!job || ctx.fault?.kind === 'not-found') {
    throw what === 'job' ? jobNotFound(jobInstanceId!) : notFound('EntityNotFound', `The ${what} '${jobInstanceId!}' was not found.`);
  }
  ctx.job = job;
  return job;
}

function answer(ctx: RequestContext, body: unknown, headers: Record<string, string> = {}): Reply {
  if (ctx.fault?.kind === 'malformed-json') return { status: 200, headers, rawBody: brokenJson(body) };
  return { status: 200, headers, body };
}

const sparkApplicationId = (job: JobRecord): string => `application_${job.createdAtMs}_0001`;

/** `GET /workspaces/{ws}/notebooks/{id}/jobs/execute/instances/{jobId}?beta=true` */
export function getNotebookJob(ctx: RequestContext): Reply {
  if (ctx.url.searchParams.get('beta')?.toLowerCase() !== 'true') {
    throw badRequest('InvalidParameter', 'This API is in beta: the query parameter beta=true is required.');
  }
  const job = findJob(ctx, 'job');
  const now = ctx.state.now();
  const instance = toJobInstance(job, now);
  if (ctx.fault?.kind === 'unknown-status') instance.status = ctx.fault.status ?? 'Throttling';
  const { workspaceId, itemId } = job;
  const activity = job.rootActivityId;
  const app = sparkApplicationId(job);
  // What the run asked for on the released notebook route (else a Spark run, as on the generic routes).
  const asked = job.executionData ?? {};
  const compute = typeof asked.compute === 'string' ? asked.compute : 'Spark';
  const highConcurrency = (asked.computeConfiguration as { highConcurrencyModeOptions?: { enabled?: unknown; sessionTag?: unknown } } | undefined)?.highConcurrencyModeOptions;
  const sparkDetails = {
    ...(highConcurrency?.enabled === true && {
      highConcurrencyModeStatus: { sessionSource: 'Created', ...(typeof highConcurrency.sessionTag === 'string' && { sessionTag: highConcurrency.sessionTag }) },
    }),
    livyId: job.livyId,
    monitoringInfo: {
      activityDetails: { sparkApplicationId: app, livyName: `emulator_${job.livyId}`, jobType: 'SparkSession', operationName: 'Notebook run' },
      sparkUiUrl: `${SPARK_UI}/${workspaceId}/workspaceTypes/datacloud/workspaces/${workspaceId}/activities/${activity}/applications/${app}/jobs`,
      sparkJobDetailsUrl: `${PORTAL}/workloads/de-ds/sparkmonitor/${itemId}/${job.livyId}?experience=power-bi`,
      driverLogUrl: `${SPARK_UI}/${workspaceId}/api/v1/wt/datacloud/workspaces/${workspaceId}/activities/${activity}/applications/${app}/driverlog/stderr`,
      executionSnapshotUrl: `${PORTAL}/groups/${workspaceId}/synapsenotebooks/${itemId}/snapshots/${job.id}?experience=power-bi`,
    },
  };
  const body: NotebookJobInstance = {
    ...instance,
    properties: {
      exitValue: instance.status === 'Completed' ? job.scenario.exitValue : null,
      compute,
      // Jupyter and DataWarehouse details (activityId, primaryWarehouse) are not emulated: none of their fields is required.
      computeDetails: compute === 'Spark' ? sparkDetails : {},
    },
  };
  return answer(ctx, body, { 'Retry-After': String(job.scenario.retryAfterSeconds) });
}

function parseActivityRunsQuery(text: string): { descending: boolean } {
  const body = parseJson(text);
  if (!isPlainObject(body)) throw badRequest('InvalidRequest', 'The request body must be a JSON object with lastUpdatedAfter and lastUpdatedBefore.');
  for (const field of ['lastUpdatedAfter', 'lastUpdatedBefore']) {
    const value = body[field];
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw badRequest('InvalidRequest', `'${field}' must be an ISO 8601 time.`);
    }
  }
  const orderBy = Array.isArray(body.orderBy) ? (body.orderBy[0] as Record<string, unknown> | undefined) : undefined;
  return { descending: isPlainObject(orderBy) && String(orderBy.order).toUpperCase() === 'DESC' };
}

/**
 * The job's activity runs at `nowMs`: the scenario's activities run one after the other, each for an
 * equal share of the job's InProgress time. Finished ones carry their status; the running one is
 * InProgress (Cancelled if the job was cancelled during it); later ones are not listed yet.
 */
export function activityRunsAt(job: JobRecord, nowMs: number): PipelineActivityRun[] {
  const state = jobStateAt(job, nowMs);
  const activities = job.scenario.activityRuns;
  if (state.startedAtMs === undefined || activities.length === 0) return [];
  const slot = job.scenario.durationMs / activities.length;
  const until = state.endedAtMs ?? nowMs;
  const runs: PipelineActivityRun[] = [];
  activities.forEach((a, i) => {
    const start = state.startedAtMs! + i * slot;
    const end = start + slot;
    if (start > until || (start === until && state.endedAtMs !== undefined && i > 0)) return;
    const finished = end <= until;
    const status = finished ? (a.status ?? 'Succeeded') : state.endedAtMs !== undefined ? 'Cancelled' : 'InProgress';
    const endAt = finished ? end : state.endedAtMs;
    const failed = status === 'Failed';
    runs.push({
      pipelineName: job.itemId,
      pipelineRunId: job.id,
      activityName: a.activityName,
      activityType: a.activityType ?? 'Wait',
      activityRunId: `${job.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
      linkedServiceName: '',
      status,
      activityRunStart: formatActivityRunTime(start),
      activityRunEnd: endAt === undefined ? null : formatActivityRunTime(endAt),
      durationInMs: endAt === undefined ? null : Math.round(endAt - start),
      input: a.input ?? {},
      output: finished ? (a.output ?? {}) : {},
      error: {
        errorCode: failed ? (a.error?.errorCode ?? '') : '',
        message: failed ? (a.error?.message ?? '') : '',
        failureType: failed ? (a.error?.failureType ?? 'UserError') : '',
        target: a.activityName,
        details: '',
      },
      retryAttempt: null,
      recoveryStatus: 'None',
    });
  });
  return runs;
}

/** `POST /workspaces/{ws}/datapipelines/pipelineruns/{jobId}/queryactivityruns`: a bare array, as documented. */
export function queryActivityRuns(ctx: RequestContext): Reply {
  const job = findJob(ctx, 'pipeline run');
  const { descending } = parseActivityRunsQuery(ctx.bodyText);
  const runs = activityRunsAt(job, ctx.state.now());
  return answer(ctx, descending ? runs.reverse() : runs);
}

const LIVY_STATES: Record<string, string> = { Completed: 'Succeeded', Failed: 'Failed', Cancelled: 'Cancelled', InProgress: 'InProgress', NotStarted: 'NotStarted' };

function toLivySession(ctx: RequestContext, job: JobRecord, nowMs: number): LivySession {
  const state = jobStateAt(job, nowMs);
  const notebook = ctx.route.collection === 'notebooks';
  const item = { workspaceId: job.workspaceId, itemId: job.itemId, referenceType: 'ById' };
  return {
    sparkApplicationId: sparkApplicationId(job),
    state: LIVY_STATES[state.status] ?? 'Unknown',
    livyId: job.livyId,
    origin: 'SubmittedJob',
    attemptNumber: 1,
    maxNumberOfAttempts: 1,
    livyName: `emulator_${job.livyId}`,
    item,
    itemType: notebook ? 'Notebook' : 'SparkJobDefinition',
    jobType: notebook ? 'SparkSession' : 'SparkBatch',
    submittedDateTime: formatLivyTime(job.createdAtMs),
    ...(state.startedAtMs !== undefined && { startDateTime: formatLivyTime(state.startedAtMs) }),
    ...(state.endedAtMs !== undefined && { endDateTime: formatLivyTime(state.endedAtMs) }),
    jobInstanceId: job.id,
    creatorItem: item,
    isHighConcurrency: false,
    ...(state.status === 'Cancelled' && { cancellationReason: 'User cancelled the job' }),
    operationName: notebook ? 'Notebook run' : 'Batch Livy Run',
    runtimeVersion: '1.3',
  };
}

/** `GET /workspaces/{ws}/{notebooks|sparkJobDefinitions}/{id}/livySessions`: one session per job that was not Deduped. */
export function listLivySessions(ctx: RequestContext): Reply {
  const { workspaceId, itemId } = ctx.route;
  const now = ctx.state.now();
  const jobs = ctx.state.jobs.listForItem(workspaceId, itemId).filter((job) => job.scenario.outcome !== 'Deduped');
  const self = `${ctx.baseUrl}${ctx.url.pathname}`;
  const page = paginate(jobs, ctx.url.searchParams.get('continuationToken'), ctx.state.pageSize, (t) => `${self}?continuationToken=${encodeURIComponent(t)}`, (job) =>
    toLivySession(ctx, job, now),
  );
  return answer(ctx, page);
}
