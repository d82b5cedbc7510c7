/**
 * The `fetchJobDetails` activity: what a finished job produced (a notebook's exit value and Spark
 * links, a Spark job definition's Livy session, a Data Pipeline's activity runs). A failure to read
 * them (5xx, 404, timeout, malformed JSON, a beta API that refuses) never fails the activity: it is
 * logged and the field is left out, so the job's outcome never depends on it.
 */
import { Context, log } from '@temporalio/activity';
import type { ActivityRunSummary, JobRunDetails } from '../contracts/job-details.js';
import { parseFabricTimestamp } from '../fabric/index.js';
import type { FabricClient, NotebookJobInstanceProperties, PipelineActivityRun } from '../fabric/index.js';
import type { FetchJobDetailsInput } from './types.js';

export type { FetchJobDetailsInput } from './types.js';

type DetailsFabric = Pick<FabricClient, 'getNotebookJobInstance' | 'queryPipelineActivityRuns' | 'listLivySessions'>;


/** At most this many activity runs are kept (a ForEach can make thousands). */
export const MAX_ACTIVITY_RUNS = 200;
/** An activity's `output` larger than this (as JSON) is left out. */
export const MAX_OUTPUT_CHARS = 16_384;
/** At most this many Livy sessions are read while looking for a Spark job definition run's one. */
export const MAX_LIVY_SESSIONS = 500;
const HOUR_MS = 3_600_000;

function describeError(err: unknown): Record<string, unknown> {
  const e = err as Partial<Record<string, unknown>> & Error;
  return { name: e?.name, message: e?.message, statusCode: e?.statusCode, errorCode: e?.errorCode, requestId: e?.requestId };
}

function signal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}

/** Runs one details read; a failure is logged and yields nothing. */
async function attempt<T>(what: string, input: FetchJobDetailsInput, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    log.warn(`Could not read the ${what} of job instance ${input.jobInstanceId}; leaving them out`, {
      jobInstanceId: input.jobInstanceId,
      itemId: input.itemId,
      error: describeError(err),
    });
    return undefined;
  }
}

export function summarizeActivityRun(run: PipelineActivityRun): ActivityRunSummary {
  const summary: ActivityRunSummary = { activityName: run.activityName, activityType: run.activityType, status: run.status };
  if (typeof run.activityRunStart === 'string') summary.activityRunStart = run.activityRunStart;
  if (typeof run.activityRunEnd === 'string') summary.activityRunEnd = run.activityRunEnd;
  if (typeof run.durationInMs === 'number') summary.durationInMs = run.durationInMs;
  const errorCode = typeof run.error?.errorCode === 'string' ? run.error.errorCode : '';
  const message = typeof run.error?.message === 'string' ? run.error.message : '';
  if (errorCode !== '' || message !== '') {
    summary.error = { errorCode, message, ...(run.error?.failureType ? { failureType: run.error.failureType } : {}) };
  }
  if (run.output !== undefined && run.output !== null) {
    const text = JSON.stringify(run.output);
    if (text !== undefined && text.length <= MAX_OUTPUT_CHARS) summary.output = run.output;
  }
  return summary;
}

function queryWindow(input: FetchJobDetailsInput): { lastUpdatedAfter?: string; lastUpdatedBefore?: string } {
  const start = input.startTimeUtc ? parseFabricTimestamp(input.startTimeUtc) : undefined;
  const end = input.endTimeUtc ? parseFabricTimestamp(input.endTimeUtc) : undefined;
  if (!start) return {};
  return {
    lastUpdatedAfter: new Date(start.getTime() - HOUR_MS).toISOString(),
    lastUpdatedBefore: new Date((end ?? new Date()).getTime() + HOUR_MS).toISOString(),
  };
}

/**
 * The run details a notebook's job instance (beta route) carries: the exit value, the Livy id, the
 * high-concurrency session and the Spark monitoring links. Shared by the details read and the
 * notebook status poll (job-status.ts), which reads the same instance.
 */
export function notebookRunDetails(props: NotebookJobInstanceProperties | undefined): JobRunDetails {
  const details: JobRunDetails = {};
  if (!props) return details;
  if (typeof props.exitValue === 'string') details.exitValue = props.exitValue;
  const compute = props.computeDetails;
  if (typeof compute?.livyId === 'string') details.livyId = compute.livyId;
  const session = compute?.highConcurrencyModeStatus;
  if (typeof session?.sessionTag === 'string') details.sessionTag = session.sessionTag;
  if (typeof session?.sessionSource === 'string') details.sessionSource = session.sessionSource;
  const info = compute?.monitoringInfo;
  if (typeof info?.activityDetails?.sparkApplicationId === 'string') details.sparkApplicationId = info.activityDetails.sparkApplicationId;
  for (const key of ['sparkUiUrl', 'sparkJobDetailsUrl', 'driverLogUrl', 'executionSnapshotUrl'] as const) {
    if (typeof info?.[key] === 'string') details[key] = info[key];
  }
  return details;
}

async function notebookDetails(fabric: DetailsFabric, input: FetchJobDetailsInput, details: JobRunDetails): Promise<void> {
  const result = await attempt('notebook run details', input, () =>
    fabric.getNotebookJobInstance({ workspaceId: input.workspaceId, notebookId: input.itemId, jobInstanceId: input.jobInstanceId }, { signal: signal() }),
  );
  Object.assign(details, notebookRunDetails(result?.instance.properties));
}

async function pipelineDetails(fabric: DetailsFabric, input: FetchJobDetailsInput, details: JobRunDetails): Promise<void> {
  const mode = input.activityRuns ?? 'failed';
  if (mode === 'none' || (mode === 'failed' && input.status !== 'Failed')) return;
  const result = await attempt('activity runs', input, () =>
    fabric.queryPipelineActivityRuns({ workspaceId: input.workspaceId, jobInstanceId: input.jobInstanceId }, { ...queryWindow(input), signal: signal() }),
  );
  if (!result) return;
  const runs = mode === 'failed' ? result.value.filter((run) => run.status === 'Failed') : result.value;
  if (runs.length > MAX_ACTIVITY_RUNS) {
    log.warn(`Job instance ${input.jobInstanceId} has ${runs.length} activity runs; keeping the first ${MAX_ACTIVITY_RUNS}`, { jobInstanceId: input.jobInstanceId });
  }
  details.activityRuns = runs.slice(0, MAX_ACTIVITY_RUNS).map(summarizeActivityRun);
}

async function sparkJobDetails(fabric: DetailsFabric, input: FetchJobDetailsInput, details: JobRunDetails): Promise<void> {
  const session = await attempt('Livy session', input, async () => {
    let read = 0;
    const scope = { workspaceId: input.workspaceId, collection: 'sparkJobDefinitions' as const, itemId: input.itemId };
    for await (const s of fabric.listLivySessions(scope, { signal: signal() })) {
      if (s.jobInstanceId?.toLowerCase() === input.jobInstanceId.toLowerCase()) return s;
      if (++read >= MAX_LIVY_SESSIONS) break;
    }
    return undefined;
  });
  if (!session) return;
  details.livyId = session.livyId;
  if (typeof session.sparkApplicationId === 'string') details.sparkApplicationId = session.sparkApplicationId;
  if (typeof session.state === 'string') details.livyState = session.state;
  if (typeof session.cancellationReason === 'string' && session.cancellationReason !== '') details.cancellationReason = session.cancellationReason;
}

/** The `fetchJobDetails` activity. Never throws for a Fabric failure: whatever could be read is returned. */
export function makeFetchJobDetails(fabric: DetailsFabric) {
  return async function fetchJobDetails(input: FetchJobDetailsInput): Promise<JobRunDetails> {
    const details: JobRunDetails = {};
    switch (input.jobType.toLowerCase()) {
      case 'runnotebook':
        await notebookDetails(fabric, input, details);
        break;
      case 'pipeline':
        await pipelineDetails(fabric, input, details);
        break;
      case 'sparkjob':
        await sparkJobDetails(fabric, input, details);
        break;
      default:
        break;
    }
    return details;
  };
}

