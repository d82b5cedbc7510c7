/**
 * The start phase of `runFabricJob`: run the duplicate-safe `runJob` activity without ever
 * abandoning a job that is being created, even when the run is cancelled or times out meanwhile.
 */
import { ActivityCancellationType, ActivityFailure, ApplicationFailure, CancellationScope, CancelledFailure, log, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/workflow';
import { connectionOf } from '../../contracts/connection.js';
import { toRunJobInput } from '../../contracts/job.js';
import { FailureTypes, type RunFabricJobInput } from '../../shared.js';
import type { FabricFailureDetails } from '../../activities/failures.js';
import type { CapacityWait, FabricActivities, RunJobOutput } from '../../activities/types.js';
import type { JobRunState, TrackedJob } from './run-state.js';

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
    const found = await CancellationScope.nonCancellable(() => findJobInstance({ workspaceId, itemId, jobType, notBeforeMs, activeOnly: true, ...connectionOf(input) }));
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

// ---------------------------------------------------------------------------------------------
// Waiting for capacity (HTTP 430)

/**
 * Patch marking runs that wait and send the run request again when Fabric refuses it for capacity
 * (HTTP 430), instead of failing. Older runs failed on a 430 (with another failure type), so their
 * histories never reach this code; the marker keeps it explicit.
 */
export const CAPACITY_WAIT_PATCH = 'capacity-wait';

/** The defaults when neither the run nor the worker says otherwise: 30 s, doubling to 5 minutes. */
export const DEFAULT_CAPACITY_WAIT: CapacityWait = { firstMs: 30_000, maxMs: 300_000 };

interface CapacityRefusal {
  message: string;
  retryAfterMs: number | undefined;
  /** The worker's default waits (FABRIC_CAPACITY_WAIT_MS / _MAX_MS). */
  workerWait: CapacityWait | undefined;
}

/** The refusal for capacity `err` is, or undefined. */
export function capacityRefusal(err: unknown): CapacityRefusal | undefined {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  if (!(failure instanceof ApplicationFailure) || failure.type !== FailureTypes.CapacityLimit) return undefined;
  const details = failure.details?.[0] as (FabricFailureDetails & { capacityWait?: CapacityWait }) | undefined;
  const retryAfterMs = typeof details?.retryAfterMs === 'number' && details.retryAfterMs >= 0 ? details.retryAfterMs : undefined;
  return { message: failure.message, retryAfterMs, workerWait: details?.capacityWait };
}

/**
 * The wait before the run request is sent again after `refusals` refusals: Fabric's Retry-After when
 * it sent one; else the run's (or the worker's) first wait, doubled per refusal, at most the longest.
 */
export function capacityWaitMs(refusals: number, refusal: Pick<CapacityRefusal, 'retryAfterMs' | 'workerWait'>, input: Pick<RunFabricJobInput, 'capacityWaitMs' | 'capacityWaitMaxMs'>): number {
  if (refusal.retryAfterMs !== undefined) return Math.max(1, Math.ceil(refusal.retryAfterMs));
  const first = input.capacityWaitMs ?? refusal.workerWait?.firstMs ?? DEFAULT_CAPACITY_WAIT.firstMs;
  const max = input.capacityWaitMaxMs ?? refusal.workerWait?.maxMs ?? DEFAULT_CAPACITY_WAIT.maxMs;
  return Math.min(max, first * 2 ** Math.min(30, Math.max(0, refusals - 1)));
}

/**
 * {@link startOrAdopt}, sending the run request again, on a durable timer, each time Fabric refuses
 * it for capacity (HTTP 430: no job was created, so this is safe), until the run's deadline. The
 * run's state says it is waiting for capacity, with the refusals so far and the next try.
 */
export async function startWaitingForCapacity(input: RunFabricJobInput, deadlineMs: number | undefined, tracker: JobRunState): Promise<StartOutcome> {
  for (;;) {
    try {
      return await startOrAdopt(input, deadlineMs);
    } catch (err) {
      const refusal = capacityRefusal(err);
      if (!refusal || !patched(CAPACITY_WAIT_PATCH)) throw err;
      const refusals = (tracker.snapshot().capacity?.refusals ?? 0) + 1;
      const waitMs = capacityWaitMs(refusals, refusal, input);
      const wakeAtMs = deadlineMs === undefined ? Date.now() + waitMs : Math.min(Date.now() + waitMs, deadlineMs);
      tracker.capacityRefused(refusal.message, wakeAtMs);
      log.warn(`Fabric refused the run request for capacity (${refusals} time${refusals === 1 ? '' : 's'}); sending it again in ${Math.round((wakeAtMs - Date.now()) / 1000)} s`, {
        itemId: input.itemId,
        jobType: input.jobType,
        refusals,
      });
      await sleep(Math.max(1, wakeAtMs - Date.now()));
      if (deadlineMs !== undefined && Date.now() >= deadlineMs) {
        const cancellation = new CancelledFailure('The run timed out while waiting for capacity');
        return { kind: 'aborted', reason: 'timedOut', job: undefined, retryAfterMs: undefined, cancellation };
      }
      tracker.retryingStart();
    }
  }
}
