/**
 * The holder's side of a pool: take a slot before the run request, give it back after. Used by
 * `runFabricJob` (and anything else that must share a pool's slots).
 *
 * ```ts
 * const lease = await acquirePoolSlot('spark-f8', { onWaiting: (since) => … });
 * try { …start and follow the job… } finally { await lease.release(); }
 * ```
 */
import { CancellationScope, condition, getExternalWorkflowHandle, isCancellation, proxyActivities, setHandler, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import type { PoolActivities } from '../../activities/pools.js';
import { poolWorkflowId, type PoolGrant } from '../../contracts/pool.js';
import { poolGrantedSignal, poolHolderJobSignal, poolReleaseSignal } from './pool.js';

const { requestPoolSlot } = proxyActivities<PoolActivities>({ startToCloseTimeout: '1m', retry: { maximumInterval: '1m' } });

/** A slot held (or, after `release`, given back). */
export interface PoolLease {
  pool: string;
  requestId: string;
  /** Tells the pool which Fabric job the slot runs (shown by `pools describe`). */
  noteJob(jobInstanceId: string): Promise<void>;
  /** Gives the slot back; safe to call twice, and from a cancelled scope. */
  release(reason?: string): Promise<void>;
}

/** A lease for a request already granted (e.g. carried across continue-as-new). */
export function poolLease(pool: string, requestId: string): PoolLease {
  const handle = () => getExternalWorkflowHandle(poolWorkflowId(pool));
  let released = false;
  return {
    pool,
    requestId,
    async noteJob(jobInstanceId) {
      await handle().signal(poolHolderJobSignal, { requestId, jobInstanceId }).catch(() => undefined);
    },
    async release(reason = 'released') {
      if (released) return;
      released = true;
      // Non-cancellable: a cancelled run must still give its slot back. A pool that is gone holds nothing.
      await CancellationScope.nonCancellable(() => handle().signal(poolReleaseSignal, { requestId, reason })).catch(() => undefined);
    },
  };
}

export interface AcquireOptions {
  /** Called once the request is queued at the pool, before waiting for the grant. */
  onWaiting?: () => void;
  /** Workflow time (ms) after which waiting stops: the request is withdrawn and `undefined` returned. @default none */
  deadlineMs?: number;
}

/**
 * Queues this run at the pool and waits, first in first out, for a slot. Cancellation while waiting
 * withdraws the request and rethrows; so does the deadline, which returns `undefined`. An unknown
 * pool fails with `FabricUnknownPool` (not retried).
 */
export async function acquirePoolSlot(pool: string, options: AcquireOptions & { deadlineMs: number }): Promise<PoolLease | undefined>;
export async function acquirePoolSlot(pool: string, options?: AcquireOptions): Promise<PoolLease>;
export async function acquirePoolSlot(pool: string, options: AcquireOptions = {}): Promise<PoolLease | undefined> {
  const { deadlineMs } = options;
  if (deadlineMs === undefined) return acquireOrWithdraw(pool, options);
  let timedOut = false;
  const waiting = new CancellationScope();
  const timer = new CancellationScope();
  timer.run(() => sleep(Math.max(1, deadlineMs - Date.now()))).then(
    () => {
      timedOut = true;
      waiting.cancel();
    },
    () => undefined,
  );
  try {
    return await waiting.run(() => acquireOrWithdraw(pool, options));
  } catch (err) {
    if (timedOut && isCancellation(err) && !CancellationScope.current().consideredCancelled) return undefined;
    throw err;
  } finally {
    timer.cancel();
  }
}

async function acquireOrWithdraw(pool: string, options: AcquireOptions): Promise<PoolLease> {
  const info = workflowInfo();
  const requestId = uuid4();
  let granted = false;
  // Replaces any earlier acquisition's handler; a grant for another request id is ignored.
  setHandler(poolGrantedSignal, (grant: PoolGrant) => {
    if (grant.requestId === requestId) granted = true;
  });
  const lease = poolLease(pool, requestId);
  try {
    await requestPoolSlot({ pool, request: { requestId, workflowId: info.workflowId, firstRunId: info.firstExecutionRunId }, taskQueue: info.taskQueue });
    options.onWaiting?.();
    await condition(() => granted);
  } catch (err) {
    if (isCancellation(err)) await lease.release('cancelled while waiting');
    throw err;
  }
  return lease;
}
