/**
 * What one `runFabricJob` run knows about its job: the `state` query's answer (the core's live state,
 * src/workflows/core/operation-state.ts, with the job instance), kept in step with the search
 * attributes (when enabled); and what the job's end means for the run (its result or failure).
 * Sandbox-safe.
 */
import { ApplicationFailure, defineQuery, log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { FailureTypes, isTerminalStatus, RUN_FABRIC_JOB_STATE_QUERY, SEARCH_ATTRIBUTES } from '../../shared.js';
import type { FabricErrorDetails, JobInstance, JobStatus, RunFabricJobInput, RunFabricJobResult, RunFabricJobResume, RunFabricJobState } from '../../shared.js';
import type { GetJobStatusOutput } from '../../activities/types.js';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { OperationHandle } from '../core/operation.js';
import { OperationRunState } from '../core/operation-state.js';

/** The `state` query of `runFabricJob`. */
export const stateQuery = defineQuery<RunFabricJobState>(RUN_FABRIC_JOB_STATE_QUERY);

function keyword(name: string, value: string): SearchAttributeUpdatePair {
  return { key: { name, type: 'KEYWORD' }, value };
}

/** The live state of a `runFabricJob` run: the core's fields (operation-state.ts) plus the job instance. */
export class JobRunState extends OperationRunState<RunFabricJobState, GetJobStatusOutput> {
  constructor(
    private readonly input: RunFabricJobInput,
    startedAtMs: number,
  ) {
    const resume = input.resume;
    const resumed = resume && {
      handle: { id: resume.jobInstanceId, adopted: resume.adopted ?? false },
      seen: resume.seen,
      polls: resume.polls,
      poolLease: resume.poolLease,
    };
    super({ phase: 'starting', polls: 0, startedAt: new Date(startedAtMs).toISOString() }, startedAtMs, resumed);
    setHandler(stateQuery, () => this.snapshot());
    if (resume) {
      Object.assign(this.state, { jobInstanceId: resume.jobInstanceId, adopted: resume.adopted ?? false });
      if (resume.status !== undefined) this.state.status = resume.status;
    }
    this.upsert([
      keyword(SEARCH_ATTRIBUTES.workspaceId, input.workspaceId),
      keyword(SEARCH_ATTRIBUTES.itemId, input.itemId),
      keyword(SEARCH_ATTRIBUTES.jobType, input.jobType),
      ...(this.handle ? [keyword(SEARCH_ATTRIBUTES.jobInstanceId, this.handle.id)] : []),
      ...(this.state.status !== undefined ? [keyword(SEARCH_ATTRIBUTES.status, this.state.status)] : []),
    ]);
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

  protected onHandle(handle: OperationHandle): void {
    Object.assign(this.state, { jobInstanceId: handle.id, adopted: handle.adopted });
    this.upsert([keyword(SEARCH_ATTRIBUTES.jobInstanceId, handle.id)]);
  }

  protected onPoll(out: GetJobStatusOutput): void {
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
    if (!this.handle) throw new Error('no job to resume');
    const poolLease = this.heldPoolLease();
    return {
      jobInstanceId: this.handle.id,
      adopted: this.handle.adopted,
      polls: this.state.polls,
      startedAtMs: this.startedAtMs,
      nextPollDelayMs,
      seen: this.seen,
      ...(this.state.status !== undefined ? { status: this.state.status } : {}),
      ...(poolLease ? { poolLease } : {}),
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
