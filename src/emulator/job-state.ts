/**
 * The job state machine, computed from timestamps (no timers): NotStarted for `queuedMs`, then
 * InProgress for `durationMs`, then the scenario's outcome, unless a cancel lands first.
 */
import type { JobParameter, JobStatus } from '../fabric/models.js';
import type { ResolvedScenario } from './types.js';

/** Everything the emulator keeps about one job instance. */
export interface JobRecord {
  id: string;
  /** Lower-case, as are itemId and id. */
  workspaceId: string;
  itemId: string;
  jobType: string;
  rootActivityId: string;
  /** The Livy session id the emulator reports for the job (notebooks, Spark job definitions). */
  livyId: string;
  executionData?: Record<string, unknown>;
  parameters?: JobParameter[];
  createdAtMs: number;
  /** The item's scenario when the job was created: later scenario changes do not affect it. */
  scenario: ResolvedScenario;
  cancelRequestedAtMs?: number;
  polls: number;
  earlyPolls: number;
  /** Until when the Retry-After last sent for this job asks the client to wait. */
  retryAfterUntilMs?: number;
  /** When a status answer first reported the job's end: a later read of its notebook job instance reads details, it does not poll. */
  endReportedAtMs?: number;
  /** The identity whose token created the job (emulator started with `identities`). */
  identity?: string;
}

export interface JobState {
  status: JobStatus;
  startedAtMs?: number;
  endedAtMs?: number;
}

/** The job's status and times as seen at `nowMs`. */
export function jobStateAt(job: JobRecord, nowMs: number): JobState {
  const { queuedMs, durationMs, outcome, cancelDelayMs } = job.scenario;
  if (outcome === 'Deduped') return { status: 'Deduped', endedAtMs: job.createdAtMs };

  const startAt = job.createdAtMs + queuedMs;
  const naturalEnd = startAt + durationMs;
  const cancelAt = job.cancelRequestedAtMs === undefined ? Infinity : job.cancelRequestedAtMs + cancelDelayMs;
  const cancelWins = cancelAt < naturalEnd;
  const endAt = cancelWins ? cancelAt : naturalEnd;

  if (nowMs >= endAt) {
    const started = !cancelWins || startAt < cancelAt;
    return { status: cancelWins ? 'Cancelled' : outcome, ...(started ? { startedAtMs: startAt } : {}), endedAtMs: endAt };
  }
  if (nowMs >= startAt) return { status: 'InProgress', startedAtMs: startAt };
  return { status: 'NotStarted' };
}

/** True once the job has reached a terminal status at `nowMs`. */
export function isTerminalAt(job: JobRecord, nowMs: number): boolean {
  return jobStateAt(job, nowMs).endedAtMs !== undefined;
}
