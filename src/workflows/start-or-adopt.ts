/**
 * The start phase of `runFabricJob`: run the duplicate-safe `runJob` activity without ever
 * abandoning a job that is being created, even when the run is cancelled or times out meanwhile.
 */
import { ActivityCancellationType, CancellationScope, CancelledFailure, log, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/workflow';
import { toRunJobInput } from '../contracts/job.js';
import type { RunFabricJobInput } from '../shared.js';
import type { FabricActivities, RunJobOutput } from '../activities/types.js';
import type { TrackedJob } from './run-state.js';

/**
 * No attempt cap: Fabric outages and throttling are waited out. The run's timeout stops the start's
 * retries. Non-retryable failures (4xx, 401, validation) end the retries at once; a 429's
 * Retry-After replaces the backoff (nextRetryDelay).
 */
const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/**
 * The start. WAIT_CANCELLATION_COMPLETED: when the run is cancelled (or times out) while an attempt
 * is in flight, the workflow waits for that attempt's outcome instead of abandoning a job being created.
 * The activity does not heartbeat, so an attempt in flight always runs to its end; a cancel request
 * stops further retries. `startJob` is the activity's name before 0.2 (same implementation).
 */
const { runJob, startJob } = proxyActivities<Pick<FabricActivities, 'runJob' | 'startJob'>>({
  startToCloseTimeout: '2 minutes',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { ...retry, initialInterval: '2 seconds' },
});

const { findJobInstance } = proxyActivities<Pick<FabricActivities, 'findJobInstance'>>({ startToCloseTimeout: '1 minute', retry });

/**
 * Patch marking the rename of the start activity `startJob` → `runJob`. Runs whose history holds
 * no marker (started by an older worker) replay with `startJob`, as recorded; new runs call `runJob`.
 */
export const RUN_JOB_PATCH = 'runJob-activity';

export type StartOutcome =
  | { kind: 'started'; job: TrackedJob; retryAfterMs: number | undefined }
  /** The run was cancelled or timed out during the start; `job` is what may have been created. */
  | { kind: 'aborted'; reason: 'cancelled' | 'timedOut'; job: TrackedJob | undefined; retryAfterMs: number | undefined; cancellation: CancelledFailure };

function tracked(out: RunJobOutput): TrackedJob {
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
  const start = patched(RUN_JOB_PATCH) ? runJob : startJob;
  try {
    const out = await startScope.run(() => start(toRunJobInput(input, notBeforeMs)));
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
