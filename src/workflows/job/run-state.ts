/**
 * What one `runFabricJob` run knows about its job: the `state` query's answer, kept in step with
 * the search attributes (when enabled); and what the job's end means for the run (its result or
 * failure). Sandbox-safe.
 */
import { ApplicationFailure, defineQuery, log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { FailureTypes, isTerminalStatus, RUN_FABRIC_JOB_STATE_QUERY, SEARCH_ATTRIBUTES } from '../../shared.js';
import type { FabricErrorDetails, JobInstance, JobStatus, RunFabricJobInput, RunFabricJobResult, RunFabricJobResume, RunFabricJobState } from '../../shared.js';
import type { GetJobStatusOutput } from '../../activities/types.js';
import type { SearchAttributeUpdatePair } from '@temporalio/common';

/** The `state` query of `runFabricJob`. */
export const stateQuery = defineQuery<RunFabricJobState>(RUN_FABRIC_JOB_STATE_QUERY);

export interface TrackedJob {
  jobInstanceId: string;
  adopted: boolean;
}

function keyword(name: string, value: string): SearchAttributeUpdatePair {
  return { key: { name, type: 'KEYWORD' }, value };
}

export class JobRunState {
  private readonly state: RunFabricJobState;
  job: TrackedJob | undefined;
  /** Whether Fabric has shown the instance at least once (a 404 before that is the just-started quirk). */
  seen = false;
  /**
   * Workflow time before which Fabric's last Retry-After (clamped by the poll interval) forbids the
   * next poll. A cancel answer without Retry-After (JobAlreadyCompleted) leaves it standing.
   */
  pollDueAtMs: number | undefined;
  /** The request id of the pool slot this run holds, carried across continue-as-new. */
  poolRequestId: string | undefined;

  constructor(
    private readonly input: RunFabricJobInput,
    readonly startedAtMs: number,
  ) {
    this.state = { phase: 'starting', polls: 0, startedAt: new Date(startedAtMs).toISOString() };
    setHandler(stateQuery, () => this.snapshot());
    const resume = input.resume;
    if (resume) {
      this.job = { jobInstanceId: resume.jobInstanceId, adopted: resume.adopted ?? false };
      this.seen = resume.seen;
      Object.assign(this.state, { phase: 'polling', jobInstanceId: resume.jobInstanceId, adopted: resume.adopted ?? false, polls: resume.polls });
      if (resume.status !== undefined) this.state.status = resume.status;
      if (resume.poolLease) {
        this.poolRequestId = resume.poolLease.requestId;
        this.state.pool = { name: resume.poolLease.pool, status: 'held', since: new Date(startedAtMs).toISOString() };
      }
    }
    this.upsert([
      keyword(SEARCH_ATTRIBUTES.workspaceId, input.workspaceId),
      keyword(SEARCH_ATTRIBUTES.itemId, input.itemId),
      keyword(SEARCH_ATTRIBUTES.jobType, input.jobType),
      ...(this.job ? [keyword(SEARCH_ATTRIBUTES.jobInstanceId, this.job.jobInstanceId)] : []),
      ...(this.state.status !== undefined ? [keyword(SEARCH_ATTRIBUTES.status, this.state.status)] : []),
    ]);
  }

  get polls(): number {
    return this.state.polls;
  }

  get status(): JobStatus | undefined {
    return this.state.status;
  }

  get instance(): JobInstance | undefined {
    return this.state.instance;
  }

  /** True when Fabric last reported a terminal status. */
  get ended(): boolean {
    return this.state.status !== undefined && isTerminalStatus(this.state.status);
  }

  snapshot(): RunFabricJobState {
    return { ...this.state };
  }

  setJob(job: TrackedJob): void {
    this.job = job;
    Object.assign(this.state, { phase: 'polling', jobInstanceId: job.jobInstanceId, adopted: job.adopted });
    this.upsert([keyword(SEARCH_ATTRIBUTES.jobInstanceId, job.jobInstanceId)]);
  }

  setPhase(phase: RunFabricJobState['phase']): void {
    this.state.phase = phase;
    if (phase === 'done') delete this.state.nextPollAt;
  }

  /** Queued for a slot of `pool`. */
  waitingForPool(pool: string): void {
    this.state.phase = 'waitingForPool';
    this.state.pool = { name: pool, status: 'waiting', since: new Date().toISOString() };
  }

  /** The pool granted a slot (`held`), or the run gave it back (`released`). */
  poolSlot(status: 'held' | 'released', requestId?: string): void {
    if (!this.state.pool) return;
    this.state.pool = { ...this.state.pool, status, since: new Date().toISOString() };
    if (status === 'held') {
      this.poolRequestId = requestId;
      this.state.phase = 'starting';
    }
  }

  /** Fabric refused the run request for capacity; the next one goes out at `nextTryAtMs`. */
  capacityRefused(message: string, nextTryAtMs: number): void {
    const refusals = (this.state.capacity?.refusals ?? 0) + 1;
    this.state.phase = 'waitingForCapacity';
    this.state.capacity = { refusals, nextTryAt: new Date(nextTryAtMs).toISOString(), lastMessage: message };
  }

  /** The run request is being sent again after a capacity wait. */
  retryingStart(): void {
    this.state.phase = 'starting';
    if (this.state.capacity) delete this.state.capacity.nextTryAt;
  }

  waitingUntil(atMs: number): void {
    this.state.nextPollAt = new Date(atMs).toISOString();
  }

  recordPoll(out: GetJobStatusOutput): void {
    this.state.polls += 1;
    delete this.state.nextPollAt;
    if (!out.found) return;
    this.seen = true;
    const previous = this.state.status;
    this.state.instance = out.instance;
    this.state.status = out.instance.status;
    if (previous !== out.instance.status) {
      log.info(`Job instance ${out.instance.id} is ${out.instance.status}`, { jobInstanceId: out.instance.id, status: out.instance.status, previous });
      this.upsert([keyword(SEARCH_ATTRIBUTES.status, out.instance.status)]);
    }
  }

  /** What the next run needs after continue-as-new. */
  resumeState(nextPollDelayMs: number): RunFabricJobResume {
    if (!this.job) throw new Error('no job to resume');
    return {
      jobInstanceId: this.job.jobInstanceId,
      adopted: this.job.adopted,
      polls: this.state.polls,
      startedAtMs: this.startedAtMs,
      nextPollDelayMs,
      seen: this.seen,
      ...(this.state.status !== undefined ? { status: this.state.status } : {}),
      ...(this.state.pool && this.poolRequestId && this.state.pool.status === 'held' ? { poolLease: { pool: this.state.pool.name, requestId: this.poolRequestId } } : {}),
    };
  }

  private upsert(pairs: SearchAttributeUpdatePair[]): void {
    if (this.input.searchAttributes && pairs.length > 0) upsertSearchAttributes(pairs);
  }
}

export function toResult(instance: JobInstance, polls: number): RunFabricJobResult {
  return {
    jobInstanceId: instance.id,
    status: instance.status,
    startTimeUtc: instance.startTimeUtc ?? null,
    endTimeUtc: instance.endTimeUtc ?? null,
    failureReason: instance.failureReason ?? null,
    polls,
  };
}

/** `errorCode: message` of a failureReason, or a note that Fabric gave none. */
export function describeFailureReason(reason: FabricErrorDetails | null): string {
  if (!reason) return 'Fabric gave no failure reason';
  return `${reason.errorCode}: ${reason.message}`;
}

/**
 * The failure a terminal result means for the run, or undefined when the run succeeds
 * (Completed; Deduped with onDeduped 'succeed').
 */
export function outcomeFailure(result: RunFabricJobResult, onDeduped: RunFabricJobInput['onDeduped'] = 'fail'): ApplicationFailure | undefined {
  const id = result.jobInstanceId;
  switch (result.status) {
    case 'Completed':
      return undefined;
    case 'Failed':
      return ApplicationFailure.nonRetryable(`Fabric job ${id} failed: ${describeFailureReason(result.failureReason)}`, FailureTypes.JobFailed, result);
    case 'Deduped':
      if (onDeduped === 'succeed') return undefined;
      return ApplicationFailure.nonRetryable(
        `Fabric job ${id} was deduped: an instance of the same job type was already running`,
        FailureTypes.JobDeduped,
        result,
      );
    case 'Cancelled':
      return ApplicationFailure.nonRetryable(`Fabric job ${id} was cancelled outside this workflow`, FailureTypes.JobCancelled, result);
    default:
      throw new TypeError(`status ${result.status} is not terminal`);
  }
}

/**
 * The failure of a run whose timeout passed. The job has been cancelled and `result` is how it
 * ended; or, when `unconfirmed` says why Fabric could not confirm the end (a failing status poll),
 * `result` holds the last status seen, which need not be terminal.
 */
export function timedOutFailure(jobInstanceId: string | undefined, timeoutMs: number, result: RunFabricJobResult | undefined, unconfirmed?: string): ApplicationFailure {
  const what = jobInstanceId ? `Fabric job ${jobInstanceId}` : 'The Fabric job';
  let end: string;
  if (!jobInstanceId) end = '; no job instance was created';
  else if (unconfirmed !== undefined) end = `; it was cancelled, but Fabric has not confirmed its end (${unconfirmed})`;
  else end = result ? `; it was cancelled and ended ${result.status}` : '; it was cancelled';
  return ApplicationFailure.nonRetryable(`${what} did not finish within ${timeoutMs} ms${end}`, FailureTypes.JobTimedOut, ...(result ? [result] : []));
}
