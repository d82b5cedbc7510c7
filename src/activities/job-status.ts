/** The status poll and cancel activities. Statuses pass through untouched (the workflow logs unknown ones). */
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { isFabricError, isJobAlreadyCompleted } from '../fabric/index.js';
import type { FabricClient } from '../fabric/index.js';
import { FailureTypes } from '../shared.js';
import { toActivityFailure } from './failures.js';
import type { CancelJobInput, CancelJobOutput, GetJobStatusInput, GetJobStatusOutput } from './types.js';

type StatusFabric = Pick<FabricClient, 'getItemJobInstance' | 'cancelItemJobInstance'>;

function notFound(jobInstanceId: string, action: string, retryable: boolean, requestId: string | undefined): ApplicationFailure {
  const message = `${action}: Fabric answered 404 for job instance ${jobInstanceId}`;
  const details = { statusCode: 404, ...(requestId !== undefined ? { requestId } : {}) };
  return retryable
    ? ApplicationFailure.retryable(`${message} (not listed yet)`, FailureTypes.JobNotFound, details)
    : ApplicationFailure.nonRetryable(`${message} after it had been seen`, FailureTypes.JobNotFound, details);
}

export function makeJobStatusActivities(fabric: StatusFabric) {
  async function getJobStatus(input: GetJobStatusInput): Promise<GetJobStatusOutput> {
    const { workspaceId, itemId, jobInstanceId, seen } = input;
    const action = `get job instance ${jobInstanceId}`;
    try {
      const { instance, retryAfterMs } = await fabric.getItemJobInstance(
        { workspaceId, itemId, jobInstanceId },
        { signal: Context.current().cancellationSignal },
      );
      return { found: true, instance, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch (err) {
      if (isFabricError(err) && err.statusCode === 404) {
        if (!seen) {
          log.info(`Job instance ${jobInstanceId} is not visible yet (404 right after the start)`, { jobInstanceId, requestId: err.requestId });
          return { found: false, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
        }
        throw notFound(jobInstanceId, action, false, err.requestId);
      }
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
