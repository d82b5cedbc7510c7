/**
 * A Fabric Job Scheduler job as a durable operation: the adapter `runFabricJob` plugs into the core
 * (src/workflows/core/operation.ts). Start: `runJob` (Fabric's run-on-demand POST, duplicate-safe:
 * a retried attempt first looks for the instance an earlier attempt created and adopts it, see
 * docs/duplicate-safe-start.md); find: `findJobInstance`; status: `getJobStatus` (local or regular
 * activity); cancel: `cancelJob` (JobAlreadyCompleted counts as ended). Sandbox-safe.
 */
import { ApplicationFailure, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { connectionOf } from '../../contracts/connection.js';
import { toRunJobInput } from '../../contracts/job.js';
import { FailureTypes, isKnownStatus, isTerminalStatus } from '../../shared.js';
import type { RunFabricJobInput, RunFabricJobResult } from '../../shared.js';
import type { FabricActivities, GetJobStatusInput, GetJobStatusOutput } from '../../activities/types.js';
import { CALL_ACTIVITY_OPTIONS, pollActivityOptions, START_ACTIVITY_OPTIONS } from '../core/activity-options.js';
import type { Operation } from '../core/operation.js';
import type { ResolvedPollInterval } from '../core/poll-interval.js';
import { unwrapActivityFailure } from '../core/poll-retry.js';
import { readJobDetails } from './job-details.js';
import { PATCHES } from '../patches.js';
import { outcomeFailure, timedOutFailure, toResult, type JobRunState } from './run-state.js';


const { runJob, startJob } = proxyActivities<Pick<FabricActivities, 'runJob' | 'startJob'>>(START_ACTIVITY_OPTIONS);
const { cancelJob, findJobInstance } = proxyActivities<Pick<FabricActivities, 'cancelJob' | 'findJobInstance'>>(CALL_ACTIVITY_OPTIONS);

type StatusActivity = Pick<FabricActivities, 'getJobStatus'>;

/** One status poll; `timeLeftMs` is what is left before the run's deadline, if it has one. */
export type StatusPoll = (input: GetJobStatusInput, timeLeftMs?: number) => Promise<GetJobStatusOutput>;

/**
 * The status poll as a local activity (`'local'`: one marker event instead of three activity
 * events) or a regular one (`'regular'`), one attempt (the core retries on a durable timer).
 */
export function statusPoll(kind: 'local' | 'regular'): StatusPoll {
  return (input, timeLeftMs) => {
    const options = pollActivityOptions(timeLeftMs);
    if (kind === 'regular') return proxyActivities<StatusActivity>(options).getJobStatus(input);
    return proxyLocalActivities<StatusActivity>(options).getJobStatus(input);
  };
}

/** The job of `input` (ids resolved) as the core's operation, its live state in `state`. */
export function jobOperation(input: RunFabricJobInput, interval: ResolvedPollInterval, state: JobRunState): Operation<GetJobStatusOutput, RunFabricJobResult> {
  const { workspaceId, itemId, jobType } = input;
  const getStatus = statusPoll(input.pollActivity === 'regular' ? 'regular' : 'local');
  // A notebook is polled on its notebook job instance (status and run details in one read) until that
  // beta route fails; then on the generic one. Deterministic: the failure is in the history.
  let notebookRoute = jobType.toLowerCase() === 'runnotebook';
  return {
    names: { thing: 'job', instance: 'job instance' },
    interval,
    capacityWait: {
      ...(input.capacityWaitMs !== undefined && { firstMs: input.capacityWaitMs }),
      ...(input.capacityWaitMaxMs !== undefined && { maxMs: input.capacityWaitMaxMs }),
    },
    async start(notBeforeMs) {
      // Runs started before the rename (no marker) replay with `startJob`, as recorded (src/workflows/patches.ts).
      const start = patched(PATCHES.runJobActivity.id) ? runJob : startJob;
      const out = await start(toRunJobInput(input, notBeforeMs));
      return { id: out.jobInstanceId, adopted: out.adopted, retryAfterMs: out.retryAfterMs };
    },
    async find(notBeforeMs) {
      const found = await findJobInstance({ workspaceId, itemId, jobType, notBeforeMs, activeOnly: true, ...connectionOf(input) });
      return found.instance?.id;
    },
    async poll({ id, seen }, timeLeftMs) {
      try {
        return await getStatus({ workspaceId, itemId, jobInstanceId: id, seen, ...(notebookRoute && { notebookRoute }), ...connectionOf(input) }, timeLeftMs);
      } catch (err) {
        const cause = unwrapActivityFailure(err);
        if (cause instanceof ApplicationFailure && cause.type === FailureTypes.NotebookRouteFailed) notebookRoute = false;
        throw err;
      }
    },
    statusOf: (answer) => (answer.found ? answer.instance.status : undefined),
    isTerminal: (status) => isTerminalStatus(status),
    isKnownStatus: (status) => isKnownStatus(status),
    async cancel({ id, seen }) {
      const cancelled = await cancelJob({ workspaceId, itemId, jobInstanceId: id, seen, ...connectionOf(input) });
      return { retryAfterMs: cancelled.retryAfterMs, alreadyEnded: cancelled.alreadyCompleted };
    },
    continueAsNewInput: (nextPollDelayMs) => ({ ...input, resume: state.resumeState(nextPollDelayMs) }),
    async result(terminal) {
      if (!terminal.found) throw new TypeError('a terminal answer has an instance');
      const result = toResult(terminal.instance, state.polls);
      const { jobInstanceId, status, startTimeUtc, endTimeUtc } = result;
      const ended = { workspaceId, itemId, jobType, jobInstanceId, status, startTimeUtc, endTimeUtc, ...connectionOf(input) };
      const details = await readJobDetails(ended, input.activityRuns, terminal.details);
      if (details) result.details = details;
      return result;
    },
    outcomeFailure: (result) => outcomeFailure(result, input.onDeduped),
    timedOutFailure: ({ timeoutMs, handle, unconfirmed }) => timedOutFailure(handle?.id, timeoutMs, state.instance ? toResult(state.instance, state.polls) : undefined, unconfirmed),
  };
}
