/**
 * The live state of a durable-operation run, as the core writes it: phase, polls, the next poll's
 * time, the capacity waits and the pool slot. Each kind extends {@link OperationRunState} with its
 * own query (its state's shape is part of its contract) and maps the handle and the poll answers to
 * its own fields. Sandbox-safe.
 */
import type { OperationHandle, OperationPhase, OperationRun, PollAnswer } from './operation.js';

/** The fields every kind's query answer has (the kind adds its id, status and details). */
export interface OperationStateFields {
  phase: OperationPhase;
  polls: number;
  /** ISO time of the next poll, while waiting. */
  nextPollAt?: string;
  startedAt: string;
  /** Start requests refused for capacity so far, and when the next one is sent while waiting. */
  capacity?: { refusals: number; nextTryAt?: string; lastMessage: string };
  /** The pool slot of the run (input `pool`): waiting for it, held, or given back. */
  pool?: { name: string; status: 'waiting' | 'held' | 'released'; since: string };
}

/** What a resumed run (after continue-as-new) starts from. */
export interface ResumedOperation {
  handle: OperationHandle;
  seen: boolean;
  polls: number;
  /** The pool slot held across continue-as-new. */
  poolLease?: { pool: string; requestId: string } | undefined;
}

/**
 * The core's side of a kind's live state. A subclass registers its query handler (returning
 * `snapshot()`), names its id field in {@link onHandle}, and records what a found poll says in
 * {@link onPoll} (setting `seen`, its status and details); {@link ended} says whether that status is
 * terminal.
 */
export abstract class OperationRunState<State extends OperationStateFields, Answer extends PollAnswer> implements OperationRun<Answer> {
  handle: OperationHandle | undefined;
  seen = false;
  pollDueAtMs: number | undefined;
  /** The request id of the pool slot this run holds, carried across continue-as-new. */
  poolRequestId: string | undefined;

  protected constructor(
    protected readonly state: State,
    readonly startedAtMs: number,
    resumed?: ResumedOperation,
  ) {
    if (resumed) {
      this.handle = { ...resumed.handle };
      this.seen = resumed.seen;
      this.state.polls = resumed.polls;
      this.state.phase = 'polling';
      if (resumed.poolLease) {
        this.poolRequestId = resumed.poolLease.requestId;
        this.state.pool = { name: resumed.poolLease.pool, status: 'held', since: new Date(startedAtMs).toISOString() };
      }
    }
  }

  abstract get ended(): boolean;

  /** Writes the operation's id (and `adopted`) into the kind's state. */
  protected abstract onHandle(handle: OperationHandle): void;

  /** Records a poll's answer in the kind's state (the poll count is already updated). */
  protected abstract onPoll(answer: Answer): void;

  get polls(): number {
    return this.state.polls;
  }

  snapshot(): State {
    return { ...this.state };
  }

  setHandle(handle: OperationHandle): void {
    this.handle = { ...handle };
    this.state.phase = 'polling';
    this.onHandle(handle);
  }

  setPhase(phase: OperationPhase): void {
    this.state.phase = phase;
    if (phase === 'done') delete this.state.nextPollAt;
  }

  waitingUntil(atMs: number): void {
    this.state.nextPollAt = new Date(atMs).toISOString();
  }

  recordPoll(answer: Answer): void {
    this.state.polls += 1;
    delete this.state.nextPollAt;
    this.onPoll(answer);
  }

  capacityRefused(message: string, nextTryAtMs: number): void {
    const refusals = (this.state.capacity?.refusals ?? 0) + 1;
    this.state.phase = 'waitingForCapacity';
    this.state.capacity = { refusals, nextTryAt: new Date(nextTryAtMs).toISOString(), lastMessage: message };
  }

  retryingStart(): void {
    this.state.phase = 'starting';
    if (this.state.capacity) delete this.state.capacity.nextTryAt;
  }

  waitingForPool(pool: string): void {
    this.state.phase = 'waitingForPool';
    this.state.pool = { name: pool, status: 'waiting', since: new Date().toISOString() };
  }

  poolSlot(status: 'held' | 'released', requestId?: string): void {
    if (!this.state.pool) return;
    this.state.pool = { ...this.state.pool, status, since: new Date().toISOString() };
    if (status === 'held') {
      this.poolRequestId = requestId;
      this.state.phase = 'starting';
    }
  }

  /** The pool slot to carry across continue-as-new, if the run holds one. */
  protected heldPoolLease(): { pool: string; requestId: string } | undefined {
    return this.state.pool && this.poolRequestId && this.state.pool.status === 'held' ? { pool: this.state.pool.name, requestId: this.poolRequestId } : undefined;
  }
}
