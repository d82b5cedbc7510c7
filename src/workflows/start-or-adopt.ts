/**
 * The start phase: run the duplicate-safe startJob activity without ever abandoning a job that is
 * being created, even when the run is cancelled or times out meanwhile.
 */
import { CancellationScope, CancelledFailure, log, sleep } from '@temporalio/workflow';
import type { RunFabricJobInput } from '../shared.js';
import type { StartJobOutput } from '../activities/types.js';
import { findJobInstance, startJob } from './job-activities.js';
import type { TrackedJob } from './run-state.js';

export type StartOutcome =
  | { kind: 'started'; job: TrackedJob; retryAfterMs: number | undefined }
  /** The run was cancelled or timed out during the start; `job` is what may have been created. */
  | { kind: 'aborted'; reason: 'cancelled' | 'timedOut'; job: TrackedJob | undefined; retryAfterMs: number | undefined; cancellation: CancelledFailure };

function tracked(out: StartJobOutput): TrackedJob {
  return { jobInstanceId: out.jobInstanceId, adopted: out.adopted };
}

/**
 * Starts the job. The activity runs in its own cancellable scope with WAIT_CANCELLATION_COMPLETED:
 * a workflow cancellation (or the deadline) requests its cancellation, which stops further retries
 * but lets an attempt in flight finish. If that attempt created a job, it is returned as `aborted`
 * with the job, for the caller to cancel. If the start ended without a result, the item's instances
 * are listed once more (active ones only) in case an attempt created one before failing.
 */
export async function startOrAdopt(input: RunFabricJobInput, deadlineMs: number | undefined): Promise<StartOutcome> {
  const { workspaceId, itemId, jobType } = input;
  const notBeforeMs = Date.now();
  const root = CancellationScope.current();
  const startScope = new CancellationScope();
  let timedOut = false;
  const deadlineScope = deadlineMs !== undefined ? new CancellationScope() : undefined;
  if (deadlineScope && deadlineMs !== undefined) {
    deadlineScope.run(() => sleep(Math.max(1, deadlineMs - notBeforeMs))).then(
      () => {
        timedOut = true;
        log.warn(`Timeout reached while starting ${jobType} on item ${itemId}; stopping the start`, { itemId, jobType });
        startScope.cancel();
      },
      () => undefined,
    );
  }
  const aborted = () => root.consideredCancelled || timedOut;
  const reason = () => (root.consideredCancelled ? 'cancelled' : 'timedOut');
  try {
    const out = await startScope.run(() =>
      startJob({
        workspaceId,
        itemId,
        jobType,
        ...(input.executionData !== undefined ? { executionData: input.executionData } : {}),
        ...(input.parameters !== undefined ? { parameters: input.parameters } : {}),
        ...(input.runRoute !== undefined ? { route: input.runRoute } : {}),
        notBeforeMs,
      }),
    );
    if (!aborted()) return { kind: 'started', job: tracked(out), retryAfterMs: out.retryAfterMs };
    log.info(`Job instance ${out.jobInstanceId} was created while the run was being ${reason() === 'cancelled' ? 'cancelled' : 'timed out'}`, { jobInstanceId: out.jobInstanceId });
    const cancellation = new CancelledFailure('The workflow was cancelled while the job was being started');
    return { kind: 'aborted', reason: reason(), job: tracked(out), retryAfterMs: out.retryAfterMs, cancellation };
  } catch (err) {
    if (!aborted()) throw err;
    const found = await CancellationScope.nonCancellable(() => findJobInstance({ workspaceId, itemId, jobType, notBeforeMs, activeOnly: true }));
    const instance = found.instance;
    if (instance) log.warn(`Found job instance ${instance.id} created by an interrupted start`, { jobInstanceId: instance.id, matches: found.matches });
    const job = instance ? { jobInstanceId: instance.id, adopted: true } : undefined;
    const cause = err instanceof Error ? err : undefined;
    const cancellation = new CancelledFailure('The workflow was cancelled while the job was being started', [], cause);
    return { kind: 'aborted', reason: reason(), job, retryAfterMs: undefined, cancellation };
  } finally {
    deadlineScope?.cancel();
  }
}
