/**
 * The emulator's capacity model: how many Spark jobs a workspace's capacity runs at once, and the
 * HTTP 430 a run request beyond that gets.
 *
 * Microsoft documents ("Concurrency limits and queueing in Apache Spark for Microsoft Fabric") that
 * a notebook or lakehouse job submitted while the capacity's Spark cores are all in use is refused
 * with `[TooManyRequestsForCapacity] HTTP Response code 430`, and that notebook jobs submitted
 * through the public API are not queued. Spark job definitions are queued by Fabric itself, so
 * they are not refused here (the emulator runs them at once).
 *
 * The real limit is in Spark VCores, not jobs; the emulator counts jobs, which is what a test needs.
 */
import { FabricApiError } from './errors.js';
import { isTerminalAt } from './job-state.js';
import type { JobStore } from './job-store.js';

/** Job types that run on the capacity's Spark cores and are refused (not queued) when it is full. */
export const REFUSED_WHEN_FULL_JOB_TYPES: readonly string[] = ['RunNotebook', 'TableMaintenance', 'LoadTable'];

/** The message Microsoft documents for the 430. */
export const CAPACITY_MESSAGE =
  "This spark job can't be run because you have hit a spark compute or API rate limit. To run this spark job, cancel an active Spark job through the Monitoring hub, or choose a larger capacity SKU or try again later.";

/** The 430 answer (optionally with a Retry-After header, in seconds or as an HTTP date). */
export function capacityFull(retryAfter?: string): FabricApiError {
  return new FabricApiError(430, 'TooManyRequestsForCapacity', CAPACITY_MESSAGE, { isRetriable: true }, retryAfter === undefined ? {} : { 'Retry-After': retryAfter });
}

/** Per-workspace limits on concurrent Spark jobs; unset means unlimited. */
export class CapacityLimits {
  private readonly byWorkspace = new Map<string, number>();
  private defaultLimit: number | undefined;

  constructor(private readonly startupDefault?: number) {
    this.defaultLimit = startupDefault;
  }

  /** Sets (a number) or removes (null) the limit of a workspace, or of every workspace without its own ('default'). */
  set(key: string, limit: number | null): void {
    if (key === 'default') this.defaultLimit = limit ?? undefined;
    else if (limit === null) this.byWorkspace.delete(key.toLowerCase());
    else this.byWorkspace.set(key.toLowerCase(), limit);
  }

  limitOf(workspaceId: string): number | undefined {
    return this.byWorkspace.get(workspaceId.toLowerCase()) ?? this.defaultLimit;
  }

  snapshot(): { default: number | null; workspaces: Record<string, number> } {
    return { default: this.defaultLimit ?? null, workspaces: Object.fromEntries(this.byWorkspace) };
  }

  reset(): void {
    this.byWorkspace.clear();
    this.defaultLimit = this.startupDefault;
  }

  /**
   * Throws the 430 when a job of `jobType` may not start in `workspaceId` now: the type is one the
   * capacity refuses when full, and as many Spark jobs (of any Spark type) as the limit allows are
   * not yet terminal there.
   */
  admit(jobs: JobStore, workspaceId: string, jobType: string, nowMs: number): void {
    const limit = this.limitOf(workspaceId);
    if (limit === undefined || !REFUSED_WHEN_FULL_JOB_TYPES.includes(jobType)) return;
    const ws = workspaceId.toLowerCase();
    let active = 0;
    for (const job of jobs.all()) {
      if (job.workspaceId === ws && isSparkJobType(job.jobType) && !isTerminalAt(job, nowMs)) active += 1;
    }
    if (active >= limit) throw capacityFull();
  }
}

/** Job types that use the capacity's Spark cores (the refused ones, plus Spark job definitions). */
function isSparkJobType(jobType: string): boolean {
  return REFUSED_WHEN_FULL_JOB_TYPES.includes(jobType) || jobType === 'sparkjob';
}
