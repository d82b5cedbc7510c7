/**
 * Types and constants shared by the client (CLI), the workflows and the activities.
 * Sandbox-safe: no imports with side effects, no Node built-ins.
 */

export { KNOWN_JOB_STATUSES, TERMINAL_JOB_STATUSES, isTerminalStatus, isKnownStatus } from './fabric/models.js';
export type { KnownJobStatus, JobStatus, FabricErrorDetails, JobInstance, JobParameter } from './fabric/models.js';
import type { JobStatus, FabricErrorDetails, JobInstance, JobParameter } from './fabric/models.js';

/** Default task queue of the worker and the CLI. */
export const DEFAULT_TASK_QUEUE = 'fabric-jobs';

/** Name of the job workflow type, for child workflows and clients that start it by name. */
export const RUN_FABRIC_JOB_WORKFLOW = 'runFabricJob';

/** ApplicationFailure types the workflows and activities raise. Match on these, not on messages. */
export const FailureTypes = {
  /** The Fabric job ended Failed. Details: [RunFabricJobResult]. */
  JobFailed: 'FabricJobFailed',
  /** The Fabric job was Deduped (and onDeduped was 'fail'). Details: [RunFabricJobResult]. */
  JobDeduped: 'FabricJobDeduped',
  /** The run's timeout passed; the Fabric job was cancelled. Details: [RunFabricJobResult]. */
  JobTimedOut: 'FabricJobTimedOut',
  /** The Fabric job ended Cancelled without this run asking for it. Details: [RunFabricJobResult]. */
  JobCancelled: 'FabricJobCancelled',
  /** Fabric answered 401 twice in a row (after one token refresh). */
  Unauthorized: 'FabricUnauthorized',
  /** A transport failure (reset, timeout, DNS) or a 5xx: retried with backoff. */
  Transient: 'FabricTransientError',
  /** Fabric throttled the caller (429): retried after its Retry-After. */
  Throttled: 'FabricThrottled',
  /** The job instance vanished (404 after it had been seen). */
  JobNotFound: 'FabricJobNotFound',
  /** Input that can never succeed (bad ids, bad JSON): not retried. */
  InvalidInput: 'FabricInvalidInput',
} as const;

/** Bounds for the poll interval, in milliseconds. */
export interface PollInterval {
  /** Never poll sooner than this, whatever Retry-After says. @default 1_000 */
  minMs?: number;
  /** Never wait longer than this between polls. @default 300_000 (5 minutes) */
  maxMs?: number;
  /** Used when Fabric sends no Retry-After. @default 10_000 */
  fallbackMs?: number;
}

/** The defaults of {@link PollInterval}. */
export const DEFAULT_POLL_INTERVAL: Readonly<Required<PollInterval>> = { minMs: 1_000, maxMs: 300_000, fallbackMs: 10_000 };

/** Input of the `runFabricJob` workflow. */
export interface RunFabricJobInput {
  workspaceId: string;
  itemId: string;
  jobType: string;
  executionData?: Record<string, unknown>;
  parameters?: JobParameter[];
  /** Overall limit for the Fabric job, in milliseconds; when reached the job is cancelled. @default none */
  timeoutMs?: number;
  pollInterval?: PollInterval;
  /** What a Deduped job means for the run. @default 'fail' */
  onDeduped?: 'fail' | 'succeed';
  /** Which run route to POST. @default 'query' (`/jobs/instances?jobType=X`, accepted for every job type) */
  runRoute?: 'query' | 'path';
  /** Upsert the Fabric* search attributes (they must be registered on the namespace). @default false */
  searchAttributes?: boolean;
  /**
   * How status polls run: as a local activity (6 history events per poll) or as a regular activity
   * (11 events per poll, but visible as a pending activity while it runs). @default 'local'
   */
  pollActivity?: 'local' | 'regular';
  /** Set by the workflow itself when it continues as new; callers leave it unset. */
  resume?: RunFabricJobResume;
}

/** State carried across continue-as-new. */
export interface RunFabricJobResume {
  jobInstanceId: string;
  polls: number;
  /** Workflow time (ms since epoch) when the run first started; the timeout counts from here. */
  startedAtMs: number;
  nextPollDelayMs: number;
  seen: boolean;
  /** Last status Fabric reported, if any (for the `state` query). */
  status?: JobStatus;
  /** Whether the instance was adopted by the duplicate-safe start rather than created by its POST. */
  adopted?: boolean;
}

/** Result of the `runFabricJob` workflow (also the details of its failures). */
export interface RunFabricJobResult {
  jobInstanceId: string;
  status: JobStatus;
  startTimeUtc: string | null;
  endTimeUtc: string | null;
  failureReason: FabricErrorDetails | null;
  polls: number;
}

/** What the `state` query of `runFabricJob` returns. */
export interface RunFabricJobState {
  phase: 'starting' | 'polling' | 'cancelling' | 'done';
  jobInstanceId?: string;
  /** True when the start adopted an instance an earlier attempt had created (see docs/duplicate-safe-start.md). */
  adopted?: boolean;
  status?: JobStatus;
  instance?: JobInstance;
  polls: number;
  /** ISO time of the next poll, while waiting. */
  nextPollAt?: string;
  startedAt: string;
}

export const RUN_FABRIC_JOB_STATE_QUERY = 'state';

/** Search attributes (Keyword) the workflows upsert when `searchAttributes` is on. */
export const SEARCH_ATTRIBUTES = {
  workspaceId: 'FabricWorkspaceId',
  itemId: 'FabricItemId',
  jobType: 'FabricJobType',
  jobInstanceId: 'FabricJobInstanceId',
  status: 'FabricJobStatus',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
