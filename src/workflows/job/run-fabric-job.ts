/**
 * `runFabricJob`: runs one Fabric item job durably — duplicate-safe start, polls paced by Fabric's
 * Retry-After on durable timers, the Fabric job cancelled on every abort path (workflow cancel,
 * timeout), continue-as-new for long jobs. See docs/job-workflow.md.
 */
import { ActivityFailure, ApplicationFailure, CancellationScope, ContinueAsNew, isCancellation, log } from '@temporalio/workflow';
import type { RunFabricJobInput, RunFabricJobResult } from '../../shared.js';
import { isFailedPoll, JobPoller, nextPollDelayMs } from './job-polling.js';
import { JobRunState, outcomeFailure, timedOutFailure, toResult } from './run-state.js';
import { readJobDetails } from './job-details.js';
import { acquirePoolSlot, poolLease, type PoolLease } from '../pool/pool-lease.js';
import { startWaitingForCapacity } from './start-or-adopt.js';
import { resolveJobTarget } from '../names/fabric-names.js';
import { validateInput } from './validate-input.js';

export { stateQuery } from './run-state.js';

/** An activity's own ApplicationFailure (e.g. FabricUnauthorized) rather than its ActivityFailure wrapper. */
function unwrapActivityFailure(err: unknown): unknown {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return err.cause;
  return err;
}

/**
 * The deadline passed: cancel the job and wait for Fabric's confirmation, but not through an outage
 * of the status API (the deadline has passed): a confirming poll that fails ends the wait.
 */
async function timeOut(tracker: JobRunState, poller: JobPoller, timeoutMs: number): Promise<never> {
  const jobInstanceId = tracker.job?.jobInstanceId;
  log.warn(`Timeout of ${timeoutMs} ms reached for job instance ${jobInstanceId}; cancelling it`, { jobInstanceId });
  const why = `timeout of ${timeoutMs} ms reached`;
  const end = tracker.job ? await CancellationScope.nonCancellable(() => poller.cancelAndConfirm(why, { stopOnPollFailure: true })) : undefined;
  tracker.setPhase('done');
  if (end === undefined || !isFailedPoll(end)) throw timedOutFailure(jobInstanceId, timeoutMs, end ? toResult(end, tracker.polls) : undefined);
  log.warn(`Fabric has not confirmed the end of job instance ${jobInstanceId} after the cancel: ${end.message}`, { jobInstanceId });
  const last = tracker.instance ? toResult(tracker.instance, tracker.polls) : undefined;
  throw timedOutFailure(jobInstanceId, timeoutMs, last, end.message);
}

export async function runFabricJob(input: RunFabricJobInput): Promise<RunFabricJobResult> {
  const interval = validateInput(input);
  // A workspace or item given by name (or no job type): resolved once, before the start; the ids are in
  // the history, and a continue-as-new carries them (the next run does not look them up again).
  if (!input.resume) {
    const resolved = await resolveJobTarget(input).catch((err: unknown) => {
      throw unwrapActivityFailure(err);
    });
    if (resolved) {
      log.info(`Resolved ${input.itemId} to item ${resolved.itemId} in workspace ${resolved.workspaceId}, job type ${resolved.jobType}`, { ...resolved });
      input = { ...input, workspaceId: resolved.workspaceId, itemId: resolved.itemId, jobType: resolved.jobType };
    }
  }
  const tracker = new JobRunState(input, input.resume?.startedAtMs ?? Date.now());
  const deadlineMs = input.timeoutMs !== undefined ? tracker.startedAtMs + input.timeoutMs : undefined;
  const poller = new JobPoller(input, interval, tracker);
  const carried = input.resume?.poolLease;
  let lease: PoolLease | undefined = carried ? poolLease(carried.pool, carried.requestId) : undefined;
  let continuedAsNew = false;
  try {
    let firstDelayMs: number;
    if (input.resume) {
      firstDelayMs = input.resume.nextPollDelayMs;
      log.info(`Resuming job instance ${input.resume.jobInstanceId} after continue-as-new`, { jobInstanceId: input.resume.jobInstanceId, polls: input.resume.polls });
    } else {
      if (input.pool !== undefined) {
        tracker.waitingForPool(input.pool);
        lease = await acquirePoolSlot(input.pool, deadlineMs === undefined ? {} : { deadlineMs });
        if (!lease) return await timeOut(tracker, poller, input.timeoutMs ?? 0);
        tracker.poolSlot('held', lease.requestId);
        log.info(`Holding a slot of pool ${input.pool}`, { pool: input.pool });
      }
      const started = await startWaitingForCapacity(input, deadlineMs, tracker);
      if (started.job) await lease?.noteJob(started.job.jobInstanceId);
      if (started.job) tracker.setJob(started.job);
      if (started.retryAfterMs !== undefined) tracker.pollDueAtMs = Date.now() + nextPollDelayMs(started.retryAfterMs, interval);
      if (started.kind === 'aborted') {
        if (started.reason === 'timedOut') return await timeOut(tracker, poller, input.timeoutMs ?? 0);
        if (started.job) await CancellationScope.nonCancellable(() => poller.cancelAndConfirm('the workflow was cancelled while the job was being started'));
        tracker.setPhase('done');
        throw started.cancellation;
      }
      log.info(`${started.job.adopted ? 'Adopted' : 'Started'} job instance ${started.job.jobInstanceId}`, { jobInstanceId: started.job.jobInstanceId });
      firstDelayMs = nextPollDelayMs(started.retryAfterMs, interval);
    }
    const instance = await poller.untilTerminal(firstDelayMs, deadlineMs);
    if (instance === 'deadline') return await timeOut(tracker, poller, input.timeoutMs ?? 0);
    const result = toResult(instance, tracker.polls);
    const { workspaceId, itemId, jobType } = input;
    const { jobInstanceId, status, startTimeUtc, endTimeUtc } = result;
    const connection = input.connection !== undefined ? { connection: input.connection } : {};
    const details = await readJobDetails({ workspaceId, itemId, jobType, jobInstanceId, status, startTimeUtc, endTimeUtc, ...connection }, input.activityRuns);
    if (details) result.details = details;
    tracker.setPhase('done');
    const failure = outcomeFailure(result, input.onDeduped);
    log.info(`Job instance ${result.jobInstanceId} ended ${result.status} after ${result.polls} polls`, { jobInstanceId: result.jobInstanceId, status: result.status });
    if (failure) throw failure;
    return result;
  } catch (err) {
    if (err instanceof ContinueAsNew) {
      continuedAsNew = true;
      throw err;
    }
    if (isCancellation(err) && tracker.job && !tracker.ended && CancellationScope.current().consideredCancelled) {
      await CancellationScope.nonCancellable(() => poller.cancelAndConfirm('the workflow was cancelled'));
      tracker.setPhase('done');
    }
    throw unwrapActivityFailure(err);
  } finally {
    // The job has ended (or was never started): the slot goes back. Across continue-as-new it is kept.
    if (lease && !continuedAsNew) {
      await lease.release();
      tracker.poolSlot('released');
    }
  }
}
