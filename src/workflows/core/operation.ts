/**
 * The durable-operation core's adapter interface: what one kind of Fabric long-running work (a
 * Job Scheduler job, a Power BI refresh, a Fabric long-running operation, ...) tells the core so
 * that the core can run it durably. Modelled on Azure core-lro: ONE poller (poller.ts, driven by
 * run-operation.ts), and each kind an adapter ({@link Operation}) plus a live state
 * ({@link OperationRun}). Sandbox-safe: types only.
 *
 * What the core does for every kind (see docs/architecture.md, "The durable-operation core"):
 * - start-or-adopt (start-or-adopt.ts): the start activity runs in its own cancellable scope; a run
 *   cancelled or timed out meanwhile lets an attempt in flight finish (WAIT_CANCELLATION_COMPLETED)
 *   and cancels what it created; a start that ended without an answer asks {@link Operation.find}
 *   (when the kind has one) for what an earlier attempt created;
 * - capacity waits (capacity.ts): a start refused with HTTP 430 (`FabricCapacityLimit`) is sent
 *   again on a durable timer, until the deadline;
 * - polling (poller.ts) on durable timers paced by Fabric's Retry-After, clamped to the run's poll
 *   interval (poll-interval.ts); a failed poll is retried by the one retry policy (poll-retry.ts);
 *   a poll that fails for good cancels the operation before the run fails;
 * - cancel-and-confirm: the cancel request, then polls until Fabric reports a terminal status; or,
 *   for a kind that cannot be cancelled, stop waiting and say the operation goes on in Fabric;
 * - the overall timeout (the run's deadline), the pool slot (when the run names a pool),
 *   continue-as-new when Temporal suggests it, and the live state for queries.
 *
 * ## Adding a kind
 *
 * 1. Activities (src/activities): `start` (Fabric's POST; it returns the operation's id and the
 *    Retry-After; where the kind can, a retried attempt first looks for what an earlier attempt
 *    created and answers `adopted: true`; a kind whose POST is NOT safe to send twice must not
 *    re-send a request that may have reached Fabric and fails instead, non-retryable, naming what to
 *    check), `poll` (one GET, one attempt: the core retries; an answer of "not found yet" before the
 *    operation was ever seen is an answer, not a failure), optionally `find` and `cancel`.
 * 2. An adapter: an object implementing {@link Operation} whose activity proxies use the options of
 *    activity-options.ts (`START_ACTIVITY_OPTIONS` for the start, `CALL_ACTIVITY_OPTIONS` for find
 *    and cancel, `pollActivityOptions(timeLeftMs)` for the poll: the core relies on those).
 * 3. A live state: a subclass of `OperationRunState` (operation-state.ts) registering the kind's
 *    query and mapping the poll answer to it; it implements {@link OperationRun}.
 * 4. The workflow function: validate the input (from the field table in src/contracts), resolve
 *    names once (src/workflows/names), build the state and the adapter, and
 *    `return runOperation(adapter, state, { deadlineMs, timeoutMs, resume, pool })`.
 */
import type { ApplicationFailure } from '@temporalio/workflow';
import type { CapacityWaitOptions } from './capacity.js';
import type { ResolvedPollInterval } from './poll-interval.js';

/** A started operation: Fabric's id for it, and whether this run adopted one an earlier attempt created. */
export interface OperationHandle {
  id: string;
  adopted: boolean;
}

/** What the start activity answered. */
export interface OperationStarted extends OperationHandle {
  /** Fabric's Retry-After on the start's answer: the first poll waits that long (clamped). */
  retryAfterMs?: number | undefined;
}

/** What `poll` and `cancel` are given. */
export interface OperationRef {
  id: string;
  /**
   * Whether a poll has found the operation before. Fabric may answer 404 for an operation it has just
   * accepted: before `seen`, the activity answers "not found" (the core polls on); after, a 404 is
   * a failure.
   */
  seen: boolean;
}

/** One status poll's answer. `retryAfterMs` paces the next poll. */
export interface PollAnswer {
  retryAfterMs?: number | undefined;
}

/** The cancel activity's answer. */
export interface CancelAnswer {
  /** Fabric's Retry-After on the cancel's answer: the first confirming poll waits that long. */
  retryAfterMs?: number | undefined;
  /** Fabric said the operation had already ended (e.g. JobAlreadyCompleted): the next poll shows how. */
  alreadyEnded?: boolean;
}

/** How a run whose timeout passed left its operation, for {@link Operation.timedOutFailure}. */
export interface TimeoutEnd {
  timeoutMs: number;
  /** The operation, if one was started (or adopted) before the deadline. */
  handle: OperationHandle | undefined;
  /**
   * Set when the operation was cancelled but Fabric has not confirmed its end: the confirming poll
   * failed (after the deadline, the core does not wait out an outage). The failure's message.
   */
  unconfirmed?: string;
  /** The kind cannot be cancelled ({@link Operation.cancel} absent): the operation goes on in Fabric. */
  notCancellable?: boolean;
}

/**
 * One kind's adapter. `Answer` is the poll activity's answer, `Result` the workflow's result.
 * Every method that calls Fabric does so through an activity; everything else must be deterministic
 * (it runs in the workflow sandbox).
 */
export interface Operation<Answer extends PollAnswer, Result> {
  /**
   * Words for logs and failures: `thing` as in "while the job was being started" ('job', 'refresh'),
   * `instance` as in "Job instance 42 is Running" ('job instance', 'refresh', 'operation').
   */
  readonly names: { thing: string; instance: string };
  /** The run's poll bounds (resolved: src/workflows/core/poll-interval.ts). */
  readonly interval: ResolvedPollInterval;
  /** The run's own capacity waits (HTTP 430 without Retry-After); unset = the worker's defaults. */
  readonly capacityWait?: CapacityWaitOptions;

  /**
   * Starts the operation (one activity call, with START_ACTIVITY_OPTIONS), `notBeforeMs` being the
   * workflow time before the first attempt (for the activity's look-up of what an earlier attempt
   * created). Called inside the core's start scope: a cancellation or the deadline stops further
   * retries, an attempt in flight finishes. A `patched()` guard for the start belongs here.
   */
  start(notBeforeMs: number): Promise<OperationStarted>;

  /**
   * Optional. Looks (once) for an operation this run's start may have created although the start
   * ended without an answer (cancelled or timed out mid-retry): its id, or undefined. Only operations
   * still running and created after `notBeforeMs`. Without it, such an operation cannot be found and
   * is not cancelled: say so in the kind's docs.
   */
  find?(notBeforeMs: number): Promise<string | undefined>;

  /**
   * One status poll (one activity attempt: `pollActivityOptions(timeLeftMs)`). Throw (from the
   * activity) a retryable ApplicationFailure for 5xx/429/transport (the core retries on a durable
   * timer, after the failure's `retryAfterMs` detail or a backoff), a non-retryable one for what will
   * not get better (the core cancels the operation, then fails the run with it).
   */
  poll(ref: OperationRef, timeLeftMs?: number): Promise<Answer>;

  /** The status in `answer`, or undefined when the answer has none (not found yet). */
  statusOf(answer: Answer): string | undefined;

  /** Whether `status` is final. Anything else, unknown statuses included, means: keep polling. */
  isTerminal(status: string): boolean;

  /** Optional: whether `status` is one the kind knows (an unknown one is logged, and polled on). */
  isKnownStatus?(status: string): boolean;

  /**
   * Optional. Asks Fabric to cancel the operation (one activity, CALL_ACTIVITY_OPTIONS); the core then
   * polls until a terminal status confirms the end. Leave it out for a kind Fabric cannot cancel:
   * then cancelling or timing out the run stops waiting, and the run reports (log, failure) that the
   * operation goes on in Fabric.
   */
  cancel?(ref: OperationRef): Promise<CancelAnswer>;

  /** The input of the next run when the core continues as new (the kind's input with its resume state). */
  continueAsNewInput(nextPollDelayMs: number): unknown;

  /**
   * The workflow's result once a poll reported a terminal status (`terminal` is that answer). May
   * call activities (a job reads its run details here); runs before the pool slot is released.
   */
  result(terminal: Answer): Promise<Result> | Result;

  /** The failure a terminal result means for the run (Failed, Cancelled outside, ...), or undefined when it succeeded. */
  outcomeFailure(result: Result): ApplicationFailure | undefined;

  /** The failure of a run whose overall timeout passed (see {@link TimeoutEnd}). */
  timedOutFailure(end: TimeoutEnd): ApplicationFailure;
}

/** The phases every kind's live state goes through. */
export type OperationPhase = 'waitingForPool' | 'waitingForCapacity' | 'starting' | 'polling' | 'cancelling' | 'done';

/**
 * A run's live state, written by the core, read by the kind's query (see `OperationRunState` in
 * operation-state.ts for the implementation to extend).
 */
export interface OperationRun<Answer extends PollAnswer> {
  /** The operation, once started (or from the resume state after continue-as-new). */
  readonly handle: OperationHandle | undefined;
  /** Whether a poll has found the operation (see {@link OperationRef.seen}). */
  readonly seen: boolean;
  /**
   * Workflow time before which Fabric's last Retry-After (clamped) forbids the next poll. A cancel
   * answer without Retry-After leaves it standing: the first confirming poll is never early either.
   */
  pollDueAtMs: number | undefined;
  /** True when the last poll reported a terminal status. */
  readonly ended: boolean;
  readonly polls: number;
  setHandle(handle: OperationHandle): void;
  setPhase(phase: OperationPhase): void;
  /** A durable timer runs until `atMs` (shown as `nextPollAt`). */
  waitingUntil(atMs: number): void;
  /** One poll answered (found or not). */
  recordPoll(answer: Answer): void;
  /** Fabric refused the start for capacity; the next one goes out at `nextTryAtMs`. */
  capacityRefused(message: string, nextTryAtMs: number): void;
  /** The start is being sent again after a capacity wait. */
  retryingStart(): void;
  /** Queued for a slot of `pool`. */
  waitingForPool(pool: string): void;
  /** The pool granted a slot (`held`), or the run gave it back (`released`). */
  poolSlot(status: 'held' | 'released', requestId?: string): void;
}
