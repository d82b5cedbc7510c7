/**
 * `fabricPool`: one workflow per pool (id `fabric-pool/<name>`) that grants its slots to runs first
 * in, first out, as Temporal's mutex and semaphore samples do, with no store but Temporal itself.
 *
 * - A run asks with the `poolAcquire` signal (sent by the `requestPoolSlot` activity as a
 *   signal-with-start, so the first request starts the pool) and waits for `poolGranted`.
 * - It gives the slot back with `poolRelease` when its job ends, fails, is cancelled or times out;
 *   the same signal withdraws a request that is still waiting.
 * - Runs that close without releasing (terminated, hit a workflow-execution timeout) cannot run any
 *   code: every minute (the worker's `holderCheckMs`) while it has holders the pool asks Temporal which holders are closed and frees
 *   their slots (`closedPoolHolders`). A grant that cannot be delivered (the run is gone) frees the
 *   slot at once.
 * - The slot count comes from the worker's pool configuration (`poolSettings`), read at start, then
 *   again at most every 30 s while runs wait, so a change applies to waiting runs.
 * - It continues as new when Temporal suggests it, carrying holders and waiters, and completes once
 *   it has been idle (no holder, no waiter) for ten minutes; the next request starts it again.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PoolActivities } from '../../activities/pools.js';
import {
  POOL_ACQUIRE_SIGNAL,
  POOL_GRANTED_SIGNAL,
  POOL_HOLDER_JOB_SIGNAL,
  POOL_RELEASE_SIGNAL,
  POOL_STATE_QUERY,
  type FabricPoolInput,
  type FabricPoolState,
  type PoolAcquireRequest,
  type PoolGrant,
  type PoolHolder,
  type PoolHolderJob,
  type PoolReleaseRequest,
  type PoolWaiter,
} from '../../contracts/pool.js';

export const poolAcquireSignal = defineSignal<[PoolAcquireRequest]>(POOL_ACQUIRE_SIGNAL);
export const poolReleaseSignal = defineSignal<[PoolReleaseRequest]>(POOL_RELEASE_SIGNAL);
export const poolHolderJobSignal = defineSignal<[PoolHolderJob]>(POOL_HOLDER_JOB_SIGNAL);
export const poolGrantedSignal = defineSignal<[PoolGrant]>(POOL_GRANTED_SIGNAL);
export const poolStateQuery = defineQuery<FabricPoolState>(POOL_STATE_QUERY);

const { poolSettings } = proxyLocalActivities<PoolActivities>({ startToCloseTimeout: '10s', retry: { maximumInterval: '30s' } });
const { closedPoolHolders } = proxyActivities<PoolActivities>({ startToCloseTimeout: '2m', retry: { maximumInterval: '1m' } });

/** The slot count is read again at most this often while runs wait. */
const REREAD_SLOTS_MS = 30_000;
/** An idle pool completes after this long. */
const IDLE_MS = 10 * 60_000;

export async function fabricPool(input: FabricPoolInput): Promise<void> {
  const { name } = input;
  const holders: PoolHolder[] = [...(input.state?.holders ?? [])];
  const waiters: PoolWaiter[] = [...(input.state?.waiters ?? [])];
  let served = input.state?.served ?? 0;
  let slots: number | null = null;
  /** How often holders' liveness is checked while there are holders (the worker's setting). */
  let holderCheckMs = 60_000;
  let slotsReadAt = 0;
  let checkedAt: string | undefined;
  let changed = false;
  /** Holders whose grant is to be sent (again, when a holder asks twice after a lost answer). */
  const toGrant: PoolHolder[] = [];

  const release = (requestId: string, reason: string): void => {
    const held = holders.findIndex((h) => h.requestId === requestId);
    if (held >= 0) {
      holders.splice(held, 1);
      served += 1;
      log.info(`Pool ${name}: slot released (${reason})`, { requestId, holders: holders.length, waiters: waiters.length });
    } else {
      const waiting = waiters.findIndex((w) => w.requestId === requestId);
      if (waiting >= 0) waiters.splice(waiting, 1);
    }
    changed = true;
  };

  setHandler(poolAcquireSignal, (request) => {
    const holder = holders.find((h) => h.requestId === request.requestId);
    if (holder) toGrant.push(holder);
    else if (!waiters.some((w) => w.requestId === request.requestId)) waiters.push({ ...request, since: new Date().toISOString() });
    changed = true;
  });
  setHandler(poolReleaseSignal, ({ requestId, reason }) => release(requestId, reason ?? 'released'));
  setHandler(poolHolderJobSignal, ({ requestId, jobInstanceId }) => {
    const holder = holders.find((h) => h.requestId === requestId);
    if (holder) holder.jobInstanceId = jobInstanceId;
  });
  setHandler(poolStateQuery, () => ({ name, slots, holders, waiters, served, ...(checkedAt ? { checkedAt } : {}) }));

  const readSlots = async (): Promise<void> => {
    const settings = await poolSettings(name);
    if (settings.slots === null && slots !== null) log.warn(`Pool ${name} is no longer configured on the worker: waiting runs keep waiting`);
    slots = settings.slots;
    holderCheckMs = settings.holderCheckMs;
    slotsReadAt = Date.now();
  };

  const grantFree = async (): Promise<void> => {
    while (slots !== null && holders.length < slots && waiters.length > 0) {
      const holder: PoolHolder = { ...waiters.shift()!, since: new Date().toISOString() };
      holders.push(holder);
      toGrant.push(holder);
    }
    if (toGrant.length === 0) return;
    const batch = toGrant.splice(0);
    const sent = await Promise.allSettled(
      batch.map((h) => getExternalWorkflowHandle(h.workflowId).signal(poolGrantedSignal, { pool: name, requestId: h.requestId })),
    );
    // A run that is gone cannot use its slot: free it (and serve the next waiter on the next pass).
    sent.forEach((result, i) => {
      if (result.status === 'rejected') release(batch[i]!.requestId, 'the run could not be reached');
    });
  };

  const freeClosedHolders = async (): Promise<void> => {
    const closed = await closedPoolHolders(holders.map(({ requestId, workflowId, firstRunId }) => ({ requestId, workflowId, firstRunId })));
    for (const requestId of closed) release(requestId, 'the run closed without releasing it');
    checkedAt = new Date().toISOString();
  };

  await readSlots();
  let lastCheckAt = Date.now();
  for (;;) {
    changed = false;
    await grantFree();
    if (changed) continue;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof fabricPool>({ name, state: { holders, waiters, served } });
    }
    const idle = (): boolean => holders.length === 0 && waiters.length === 0;
    const woken = await condition(() => changed, idle() ? IDLE_MS : holderCheckMs);
    // Checked again: a request that arrived with the timer keeps the pool open.
    if (!woken && idle()) return;
    if (waiters.length > 0 && Date.now() - slotsReadAt >= REREAD_SLOTS_MS) await readSlots();
    if (holders.length > 0 && Date.now() - lastCheckAt >= holderCheckMs) {
      await freeClosedHolders();
      lastCheckAt = Date.now();
    }
  }
}
