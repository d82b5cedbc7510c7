/**
 * The durable-operation core's driver: one run of one operation of any kind, from the pool slot
 * and the start to the result, the timeout, the cancellation and continue-as-new. Every kind's
 * workflow ends in `return runOperation(adapter, state, options)` (see operation.ts). Sandbox-safe.
 */
import { CancellationScope, ContinueAsNew, isCancellation, log } from '@temporalio/workflow';
import { acquirePoolSlot, poolLease, type PoolLease } from '../pool/pool-lease.js';
import type { Operation, OperationRun, PollAnswer } from './operation.js';
import { nextPollDelayMs } from './poll-interval.js';
import { unwrapActivityFailure } from './poll-retry.js';
import { describeOperation, Poller } from './poller.js';
import { startWaitingForCapacity } from './start-or-adopt.js';

export interface RunOperationOptions {
  /** Workflow time (ms) of the run's overall deadline (from its first start, across continue-as-new). */
  deadlineMs: number | undefined;
  /** The run's overall timeout, for messages. */
  timeoutMs: number | undefined;
  /** Set when this run continues an earlier one: the operation is known (the run state has it), no start. */
  resume?: { nextPollDelayMs: number; poolLease?: { pool: string; requestId: string } | undefined } | undefined;
  /** The pool whose slot the run takes before the start and gives back after the end. */
  pool?: string | undefined;
}

/**
 * Runs the operation to its end and returns the kind's result, or throws the kind's failure:
 * - with `pool`, queue for a slot first (the deadline applies), noting the operation at the pool once started;
 * - start or adopt, waiting for capacity (start-or-adopt.ts); a run cancelled or timed out during the
 *   start cancels what was created;
 * - poll until terminal (poller.ts), or until the deadline: then cancel, wait for the confirmation
 *   (not through an outage), and fail with `op.timedOutFailure`;
 * - a terminal status: `op.result`, then `op.outcomeFailure`;
 * - a workflow cancellation while the operation runs: cancel-and-confirm, then the cancellation;
 * - the pool slot is given back at the end, whatever the end, but kept across continue-as-new.
 * An activity's failure is thrown as its own ApplicationFailure (not the ActivityFailure wrapper).
 */
export async function runOperation<Answer extends PollAnswer, Result>(op: Operation<Answer, Result>, run: OperationRun<Answer>, options: RunOperationOptions): Promise<Result> {
  const { deadlineMs } = options;
  const poller = new Poller(op, run);
  const timeOut = () => timeOutRun(op, run, poller, options.timeoutMs ?? 0);
  const carried = options.resume?.poolLease;
  let lease: PoolLease | undefined = carried ? poolLease(carried.pool, carried.requestId) : undefined;
  let continuedAsNew = false;
  try {
    let firstDelayMs: number;
    if (options.resume) {
      firstDelayMs = options.resume.nextPollDelayMs;
      log.info(`Resuming ${op.names.instance} ${run.handle?.id} after continue-as-new`, { operationId: run.handle?.id, polls: run.polls });
    } else {
      if (options.pool !== undefined) {
        run.waitingForPool(options.pool);
        lease = await acquirePoolSlot(options.pool, deadlineMs === undefined ? {} : { deadlineMs });
        if (!lease) return await timeOut();
        run.poolSlot('held', lease.requestId);
        log.info(`Holding a slot of pool ${options.pool}`, { pool: options.pool });
      }
      const started = await startWaitingForCapacity(op, run, deadlineMs);
      if (started.handle) await lease?.noteJob(started.handle.id);
      if (started.handle) run.setHandle(started.handle);
      if (started.retryAfterMs !== undefined) run.pollDueAtMs = Date.now() + nextPollDelayMs(started.retryAfterMs, op.interval);
      if (started.kind === 'aborted') {
        if (started.reason === 'timedOut') return await timeOut();
        if (started.handle) await CancellationScope.nonCancellable(() => poller.cancelAndConfirm(`the workflow was cancelled while the ${op.names.thing} was being started`));
        run.setPhase('done');
        throw started.cancellation;
      }
      log.info(`${started.handle.adopted ? 'Adopted' : 'Started'} ${op.names.instance} ${started.handle.id}`, { operationId: started.handle.id });
      firstDelayMs = nextPollDelayMs(started.retryAfterMs, op.interval);
    }
    const terminal = await poller.untilTerminal(firstDelayMs, deadlineMs);
    if (terminal === 'deadline') return await timeOut();
    const result = await op.result(terminal);
    run.setPhase('done');
    const failure = op.outcomeFailure(result);
    const status = op.statusOf(terminal);
    log.info(`${describeOperation(op, run.handle?.id)} ended ${status} after ${run.polls} polls`, { operationId: run.handle?.id, status });
    if (failure) throw failure;
    return result;
  } catch (err) {
    if (err instanceof ContinueAsNew) {
      continuedAsNew = true;
      throw err;
    }
    if (isCancellation(err) && run.handle && !run.ended && CancellationScope.current().consideredCancelled) {
      await CancellationScope.nonCancellable(() => poller.cancelAndConfirm('the workflow was cancelled'));
      run.setPhase('done');
    }
    throw unwrapActivityFailure(err);
  } finally {
    // The operation has ended (or was never started): the slot goes back. Across continue-as-new it is kept.
    if (lease && !continuedAsNew) {
      await lease.release();
      run.poolSlot('released');
    }
  }
}

/**
 * The deadline passed: cancel the operation and wait for Fabric's confirmation, but not through an
 * outage of the status API (the deadline has passed): a confirming poll that fails ends the wait.
 * A kind that cannot be cancelled is not waited for. Throws the kind's timeout failure.
 */
async function timeOutRun<Answer extends PollAnswer, Result>(op: Operation<Answer, Result>, run: OperationRun<Answer>, poller: Poller<Answer, Result>, timeoutMs: number): Promise<never> {
  const handle = run.handle;
  log.warn(`Timeout of ${timeoutMs} ms reached for ${op.names.instance} ${handle?.id}; cancelling it`, { operationId: handle?.id });
  const end = handle ? await CancellationScope.nonCancellable(() => poller.cancelAndConfirm(`timeout of ${timeoutMs} ms reached`, { stopOnPollFailure: true })) : undefined;
  run.setPhase('done');
  if (end !== undefined && typeof end === 'object') {
    log.warn(`Fabric has not confirmed the end of ${op.names.instance} ${handle?.id} after the cancel: ${end.message}`, { operationId: handle?.id });
    throw op.timedOutFailure({ timeoutMs, handle, unconfirmed: end.message });
  }
  throw op.timedOutFailure({ timeoutMs, handle, ...(end === 'notCancellable' ? { notCancellable: true } : {}) });
}
