/**
 * The start phase of every durable-operation kind: run the kind's start without ever abandoning an
 * operation that is being created, even when the run is cancelled or times out meanwhile; and wait
 * for capacity (HTTP 430) on durable timers. Sandbox-safe.
 */
import { CancellationScope, CancelledFailure, deprecatePatch, log, sleep } from '@temporalio/workflow';
import { capacityRefusal, capacityWaitMs } from './capacity.js';
import { PATCHES } from '../patches.js';
import type { Operation, OperationHandle, OperationRun, PollAnswer } from './operation.js';
import { describeOperation } from './poller.js';

export type StartOutcome =
  | { kind: 'started'; handle: OperationHandle; retryAfterMs: number | undefined }
  /** The run was cancelled or timed out during the start; `handle` is what may have been created. */
  | { kind: 'aborted'; reason: 'cancelled' | 'timedOut'; handle: OperationHandle | undefined; retryAfterMs: number | undefined; cancellation: CancelledFailure };

/**
 * Starts the operation. The kind's start runs in its own cancellable scope (its activity uses
 * WAIT_CANCELLATION_COMPLETED): a workflow cancellation (or the deadline) requests its
 * cancellation, which stops further retries but lets an attempt in flight finish. If that attempt
 * created an operation, it is returned as `aborted` with it, for the caller to cancel. If the start
 * ended without a result, the kind's `find` (when it has one) looks once more, for operations still
 * running, in case an attempt created one before failing.
 */
export async function startOrAdopt<A extends PollAnswer, R>(op: Operation<A, R>, deadlineMs: number | undefined): Promise<StartOutcome> {
  const notBeforeMs = Date.now();
  const root = CancellationScope.current();
  const startScope = new CancellationScope();
  let timedOut = false;
  const deadlineScope = deadlineMs !== undefined ? new CancellationScope() : undefined;
  if (deadlineScope && deadlineMs !== undefined) {
    deadlineScope.run(() => sleep(Math.max(1, deadlineMs - notBeforeMs))).then(
      () => {
        timedOut = true;
        log.warn(`Timeout reached while starting the ${op.names.thing}; stopping the start`);
        startScope.cancel();
      },
      () => undefined,
    );
  }
  const aborted = () => root.consideredCancelled || timedOut;
  const reason = () => (root.consideredCancelled ? 'cancelled' : 'timedOut');
  const cancelledWhileStarting = `The workflow was cancelled while the ${op.names.thing} was being started`;
  try {
    const out = await startScope.run(() => op.start(notBeforeMs));
    const handle = { id: out.id, adopted: out.adopted };
    if (!aborted()) return { kind: 'started', handle, retryAfterMs: out.retryAfterMs };
    log.info(`${describeOperation(op, out.id)} was created while the run was being ${reason() === 'cancelled' ? 'cancelled' : 'timed out'}`, { operationId: out.id });
    return { kind: 'aborted', reason: reason(), handle, retryAfterMs: out.retryAfterMs, cancellation: new CancelledFailure(cancelledWhileStarting) };
  } catch (err) {
    if (!aborted()) throw err;
    const find = op.find?.bind(op);
    const id = find ? await CancellationScope.nonCancellable(() => find(notBeforeMs)) : undefined;
    if (id !== undefined) log.warn(`Found ${op.names.instance} ${id} created by an interrupted start`, { operationId: id });
    const handle = id !== undefined ? { id, adopted: true } : undefined;
    const cause = err instanceof Error ? err : undefined;
    return { kind: 'aborted', reason: reason(), handle, retryAfterMs: undefined, cancellation: new CancelledFailure(cancelledWhileStarting, [], cause) };
  } finally {
    deadlineScope?.cancel();
  }
}

/**
 * {@link startOrAdopt}, sending the start again, on a durable timer, each time Fabric refuses it for
 * capacity (HTTP 430: nothing was created, so this is safe for every kind), until the run's
 * deadline. The run's state says it is waiting for capacity, with the refusals so far and the next try.
 */
export async function startWaitingForCapacity<A extends PollAnswer, R>(op: Operation<A, R>, run: OperationRun<A>, deadlineMs: number | undefined): Promise<StartOutcome> {
  let refusals = 0;
  for (;;) {
    try {
      return await startOrAdopt(op, deadlineMs);
    } catch (err) {
      const refusal = capacityRefusal(err);
      if (!refusal) throw err;
      // Deprecated (src/workflows/patches.ts): every history that reaches this line holds the marker.
      deprecatePatch(PATCHES.capacityWait.id);
      refusals += 1;
      const waitMs = capacityWaitMs(refusals, refusal, op.capacityWait);
      const wakeAtMs = deadlineMs === undefined ? Date.now() + waitMs : Math.min(Date.now() + waitMs, deadlineMs);
      run.capacityRefused(refusal.message, wakeAtMs);
      log.warn(`Fabric refused to start the ${op.names.thing} for capacity (${refusals} time${refusals === 1 ? '' : 's'}); sending it again in ${Math.round((wakeAtMs - Date.now()) / 1000)} s`, { refusals });
      await sleep(Math.max(1, wakeAtMs - Date.now()));
      if (deadlineMs !== undefined && Date.now() >= deadlineMs) {
        const cancellation = new CancelledFailure('The run timed out while waiting for capacity');
        return { kind: 'aborted', reason: 'timedOut', handle: undefined, retryAfterMs: undefined, cancellation };
      }
      run.retryingStart();
    }
  }
}
