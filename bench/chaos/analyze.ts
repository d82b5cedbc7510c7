/**
 * Judging a chaos run from the outside: how each run ended (Temporal) against what Fabric saw (the
 * emulator's jobs, tagged with the run's workflow id in executionData). Pure: tested without servers.
 */
import type { EmulatorJob } from '../../src/emulator/index.js';
import { isTerminalStatus } from '../../src/shared.js';
import type { Expected } from './plan.js';

/** How a run ended, as seen from a client. */
export interface RunEnd {
  /** Temporal's execution status name (COMPLETED, FAILED, TERMINATED, ...), or RUNNING / NOT_FOUND. */
  status: string;
  closeTimeMs?: number;
  /** The jobInstanceId a successful run returned. */
  jobInstanceId?: string;
  /** The ApplicationFailure type of a failed run. */
  failureType?: string;
}

export interface Problem {
  workflowId: string;
  detail: string;
}

export interface ChaosVerdict {
  runs: number;
  /** Runs that closed the way their scenario says they must. */
  completedAsExpected: number;
  /** Runs not closed, closed another way than expected, or missing. */
  lost: Problem[];
  /** Histogram: number of Fabric jobs a run started → number of runs. */
  jobsPerRun: Record<string, number>;
  duplicates: Problem[];
  /** Fabric jobs still running after their run closed, or that ended after it closed. */
  orphans: Problem[];
  /** Fabric jobs no planned run accounts for. */
  strayJobs: number;
  /** Runs whose timeout passed before any job was created (correct: they fail FabricJobTimedOut without a job). */
  timedOutBeforeStart: number;
}

/** A job may end up to this long after the run's close time is recorded without being an orphan (clock and rounding). */
const CLOSE_TOLERANCE_MS = 1_000;

function describeExpected(e: Expected): string {
  return 'status' in e ? `to return ${e.status}` : `to fail ${e.failure}`;
}

function endedAsExpected(end: RunEnd, expected: Expected): boolean {
  if ('status' in expected) return end.status === 'COMPLETED';
  return end.status === 'FAILED' && end.failureType === expected.failure;
}

export function judgeChaos(planned: { workflowId: string; expected: Expected }[], ends: Map<string, RunEnd>, jobs: EmulatorJob[]): ChaosVerdict {
  const jobsByRun = new Map<string, EmulatorJob[]>();
  let strayJobs = 0;
  const plannedIds = new Set(planned.map((p) => p.workflowId));
  for (const job of jobs) {
    const tag = job.executionData?.chaosRun;
    if (typeof tag !== 'string' || !plannedIds.has(tag)) {
      strayJobs += 1;
      continue;
    }
    const list = jobsByRun.get(tag) ?? [];
    list.push(job);
    jobsByRun.set(tag, list);
  }

  const verdict: ChaosVerdict = { runs: planned.length, completedAsExpected: 0, lost: [], jobsPerRun: {}, duplicates: [], orphans: [], strayJobs, timedOutBeforeStart: 0 };
  for (const { workflowId, expected } of planned) {
    const end = ends.get(workflowId) ?? { status: 'NOT_FOUND' };
    const own = jobsByRun.get(workflowId) ?? [];
    verdict.jobsPerRun[own.length] = (verdict.jobsPerRun[own.length] ?? 0) + 1;
    if (own.length > 1) verdict.duplicates.push({ workflowId, detail: `${own.length} Fabric jobs: ${own.map((j) => j.id).join(', ')}` });

    if (!endedAsExpected(end, expected)) {
      const how = end.status === 'FAILED' ? `FAILED ${end.failureType ?? '(not an ApplicationFailure)'}` : end.status;
      verdict.lost.push({ workflowId, detail: `expected ${describeExpected(expected)}, got ${how}` });
    } else if (end.status === 'COMPLETED' && !own.some((j) => j.id === end.jobInstanceId)) {
      verdict.lost.push({ workflowId, detail: `returned job ${end.jobInstanceId}, which is not one of its Fabric jobs` });
    } else if (own.length === 0 && 'failure' in expected && expected.failure === 'FabricJobTimedOut') {
      // The timeout can pass while the start waits out a crashed worker's attempt: no job, nothing to cancel.
      verdict.timedOutBeforeStart += 1;
      verdict.completedAsExpected += 1;
    } else if (own.length === 0) {
      verdict.lost.push({ workflowId, detail: 'closed as expected but Fabric never saw a job for it' });
    } else {
      verdict.completedAsExpected += 1;
    }

    if (end.closeTimeMs === undefined) continue;
    for (const job of own) {
      const stillRunning = !isTerminalStatus(job.status) || job.endedAtMs === undefined;
      if (stillRunning) verdict.orphans.push({ workflowId, detail: `job ${job.id} still ${job.status} after the run closed` });
      else if (job.endedAtMs! > end.closeTimeMs + CLOSE_TOLERANCE_MS) {
        verdict.orphans.push({ workflowId, detail: `job ${job.id} ended ${job.status} ${job.endedAtMs! - end.closeTimeMs} ms after the run closed` });
      }
    }
  }
  return verdict;
}

/** True when the run lost nothing, started nothing twice and left nothing running. */
export function chaosPassed(v: ChaosVerdict): boolean {
  return v.lost.length === 0 && v.duplicates.length === 0 && v.orphans.length === 0 && v.strayJobs === 0;
}
