/**
 * The duplicate-safe start activity (docs/duplicate-safe-start.md). Fabric's run POST is not
 * idempotent, so it is never blindly retried: a retry first looks for the instance an earlier
 * attempt may have created, and a POST that may have reached Fabric is followed by a look-up.
 */
import { ApplicationFailure, Context, log, sleep } from '@temporalio/activity';
import type { FabricClient } from '../fabric/index.js';
import { FailureTypes } from '../shared.js';
import { lookUpJobInstance } from './job-lookup.js';
import { mayHaveReachedFabric, toActivityFailure } from './failures.js';
import { splitRunJobRequest } from '../contracts/job.js';
import type { RunJobInput, RunJobOutput } from './types.js';

export interface RunJobSettings {
  clockSkewMs: number;
  lookupDelayMs: number;
}

type RunFabric = Pick<FabricClient, 'runOnDemandItemJob' | 'listItemJobInstances'>;

export function makeRunJob(fabric: RunFabric, settings: RunJobSettings) {
  async function findOwnInstance(input: RunJobInput, reason: string): Promise<RunJobOutput | undefined> {
    const { workspaceId, itemId, jobType, notBeforeMs } = input;
    let found;
    try {
      found = await lookUpJobInstance(fabric, workspaceId, itemId, { jobType, notBeforeMs, clockSkewMs: settings.clockSkewMs }, Context.current().cancellationSignal);
    } catch (err) {
      throw toActivityFailure(err, `list job instances of item ${itemId} (looking for an instance ${reason})`);
    }
    if (!found.instance) return undefined;
    const jobInstanceId = found.instance.id;
    const attrs = { jobInstanceId, itemId, jobType, status: found.instance.status, startTimeUtc: found.instance.startTimeUtc, matches: found.matches };
    if (found.matches > 1) {
      log.warn(`Several ${jobType} instances match this start; adopting the earliest, ${jobInstanceId}`, attrs);
    } else {
      log.info(`Adopted job instance ${jobInstanceId} (${reason})`, attrs);
    }
    return { jobInstanceId, adopted: true };
  }

  return async function runJob(input: RunJobInput): Promise<RunJobOutput> {
    const { itemId, jobType } = input;
    const attempt = Context.current().info.attempt;
    if (attempt > 1) {
      const adopted = await findOwnInstance(input, `created by an earlier attempt (attempt ${attempt})`);
      if (adopted) return adopted;
    }
    try {
      // No abort signal: once sent, the POST is allowed to finish so that its answer is not lost.
      const { scope, options } = splitRunJobRequest(input);
      const started = await fabric.runOnDemandItemJob(scope, options);
      log.info(`Started job instance ${started.jobInstanceId}`, { jobInstanceId: started.jobInstanceId, itemId, jobType, requestId: started.requestId });
      return {
        jobInstanceId: started.jobInstanceId,
        ...(started.retryAfterMs !== undefined ? { retryAfterMs: started.retryAfterMs } : {}),
        adopted: false,
      };
    } catch (err) {
      const action = `start ${jobType} on item ${itemId}`;
      if (!mayHaveReachedFabric(err)) throw toActivityFailure(err, action);
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      log.warn(`Run request may have reached Fabric (${reason}); looking for the instance it may have created`, { itemId, jobType });
      await sleep(settings.lookupDelayMs);
      const adopted = await findOwnInstance(input, `created by a run request that failed with ${reason}`);
      if (adopted) return adopted;
      const mapped = toActivityFailure(err, action);
      throw ApplicationFailure.retryable(
        `${action}: the run request failed (${reason}) and no instance it could have created is listed yet; the next attempt looks again before starting`,
        FailureTypes.Transient,
        ...(mapped instanceof ApplicationFailure ? mapped.details ?? [] : []),
      );
    }
  };
}
