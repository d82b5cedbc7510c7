/**
 * The status poll and cancel activities. Statuses pass through untouched (the workflow logs unknown ones).
 *
 * A notebook's status is read from its notebook job instance (Fabric's notebook route, a beta API:
 * notebook/swagger.json, `GET .../notebooks/{id}/jobs/execute/instances/{jobId}?beta=true`), which is
 * an ItemJobInstance plus `properties` (exit value, Livy id, Spark links): the poll that sees the
 * terminal status carries the run details, and no details read follows (one Fabric call per poll,
 * as for any job). The beta route is best effort: a failure other than a throttle (429, 430), a
 * refused token (401) or a cancellation is a retryable `FabricNotebookRouteFailed`, after which the
 * workflow polls the generic route (job-operation.ts), paced like any failed poll, and reads the
 * details once at the end, as for other kinds.
 */
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { isFabricError, isJobAlreadyCompleted } from '../fabric/index.js';
import { isTerminalStatus } from '../fabric/models.js';
import type { FabricClient } from '../fabric/index.js';
import { notebookRunDetails } from './job-details.js';
import { FailureTypes } from '../shared.js';
import { toActivityFailure } from './failures.js';
import type { CancelJobInput, CancelJobOutput, GetJobStatusInput, GetJobStatusOutput } from './types.js';

type StatusFabric = Pick<FabricClient, 'getItemJobInstance' | 'getNotebookJobInstance' | 'cancelItemJobInstance'>;

function notFound(jobInstanceId: string, action: string, retryable: boolean, requestId: string | undefined): ApplicationFailure {
  const message = `${action}: Fabric answered 404 for job instance ${jobInstanceId}`;
  const details = { statusCode: 404, ...(requestId !== undefined ? { requestId } : {}) };
  return retryable
    ? ApplicationFailure.retryable(`${message} (not listed yet)`, FailureTypes.JobNotFound, details)
    : ApplicationFailure.nonRetryable(`${message} after it had been seen`, FailureTypes.JobNotFound, details);
}

/**
 * A failure of the notebook route that is not the route's own: Fabric asked to wait (429, 430), the
 * token is refused even after the client's refresh (401: the generic route would refuse it too), or
 * the attempt is being stopped. These fail the poll as on the generic route.
 */
function sharedByBothRoutes(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (isFabricError(err) && [401, 429, 430].includes(err.statusCode));
}

/** Fabric's 404 right after the start (generic route): the instance is not visible yet, polling goes on. */
function notVisibleYet(err: unknown, input: GetJobStatusInput): GetJobStatusOutput | undefined {
  if (input.seen || !isFabricError(err) || err.statusCode !== 404) return undefined;
  log.info(`Job instance ${input.jobInstanceId} is not visible yet (404 right after the start)`, { jobInstanceId: input.jobInstanceId, requestId: err.requestId });
  return { found: false, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
}

export function makeJobStatusActivities(fabric: StatusFabric) {
  /** A notebook's status from its notebook job instance, with the run details once it has ended. */
  async function notebookStatus(input: GetJobStatusInput, signal: AbortSignal): Promise<GetJobStatusOutput> {
    const { workspaceId, itemId, jobInstanceId } = input;
    const action = `get notebook job instance ${jobInstanceId}`;
    try {
      const { instance: withProperties, retryAfterMs } = await fabric.getNotebookJobInstance({ workspaceId, notebookId: itemId, jobInstanceId }, { signal });
      const { properties, ...instance } = withProperties;
      const details = isTerminalStatus(instance.status) ? { details: notebookRunDetails(properties) } : {};
      return { found: true, instance, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...details };
    } catch (err) {
      // Even a 404 before the instance was seen: the beta route may never know a run, so the generic
      // route, where that 404 is the just-started quirk, decides from the next poll on.
      const failure = toActivityFailure(err, action);
      if (sharedByBothRoutes(err, signal)) throw failure;
      log.info(`The notebook route failed for job instance ${jobInstanceId}; the next polls read the generic job instance`, {
        jobInstanceId,
        error: (err as Error)?.message,
      });
      const details = failure instanceof ApplicationFailure ? failure.details : undefined;
      throw ApplicationFailure.create({
        message: `${action}: ${(err as Error)?.message ?? String(err)}; the next polls read the generic job instance`,
        type: FailureTypes.NotebookRouteFailed,
        nonRetryable: false,
        ...(details ? { details } : {}),
      });
    }
  }

  async function getJobStatus(input: GetJobStatusInput): Promise<GetJobStatusOutput> {
    const { workspaceId, itemId, jobInstanceId } = input;
    const action = `get job instance ${jobInstanceId}`;
    const signal = Context.current().cancellationSignal;
    if (input.notebookRoute) return notebookStatus(input, signal);
    try {
      const { instance, retryAfterMs } = await fabric.getItemJobInstance({ workspaceId, itemId, jobInstanceId }, { signal });
      return { found: true, instance, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch (err) {
      const early = notVisibleYet(err, input);
      if (early) return early;
      if (isFabricError(err) && err.statusCode === 404) throw notFound(jobInstanceId, action, false, err.requestId);
      throw toActivityFailure(err, action);
    }
  }

  async function cancelJob(input: CancelJobInput): Promise<CancelJobOutput> {
    const { workspaceId, itemId, jobInstanceId, seen = true } = input;
    const action = `cancel job instance ${jobInstanceId}`;
    try {
      const { retryAfterMs } = await fabric.cancelItemJobInstance(
        { workspaceId, itemId, jobInstanceId },
        { signal: Context.current().cancellationSignal },
      );
      log.info(`Requested cancellation of job instance ${jobInstanceId}`, { jobInstanceId });
      return { alreadyCompleted: false, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch (err) {
      if (isJobAlreadyCompleted(err)) {
        log.info(`Job instance ${jobInstanceId} had already completed when cancelled`, { jobInstanceId });
        const retryAfterMs = isFabricError(err) ? err.retryAfterMs : undefined;
        return { alreadyCompleted: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      }
      if (isFabricError(err) && err.statusCode === 404) throw notFound(jobInstanceId, action, !seen, err.requestId);
      throw toActivityFailure(err, action);
    }
  }

  return { getJobStatus, cancelJob };
}
