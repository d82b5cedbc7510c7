/**
 * Inputs and outputs of the Fabric job activities. Plain data (JSON): they cross Temporal's payload
 * converter and are imported by the workflows as types only.
 */
import type { ActivityRunsMode, JobRunDetails } from '../contracts/job-details.js';
import type { ResolveFabricNamesInput, ResolveFabricNamesOutput } from './resolve-fabric-names.js';
import type { JobInstance } from '../fabric/models.js';

export interface JobRef {
  workspaceId: string;
  itemId: string;
  jobInstanceId: string;
  /** The named connection whose Fabric client the worker uses. @default 'default' */
  connection?: string;
}

export type { RunJobInput, RunJobRequest } from '../contracts/job.js';
import type { RunJobInput } from '../contracts/job.js';

export interface RunJobOutput {
  jobInstanceId: string;
  /** Fabric's Retry-After on the 202: wait at least this long before the first poll. */
  retryAfterMs?: number;
  /** True when an instance this run had already created was found and adopted instead of POSTing. */
  adopted: boolean;
}

export interface GetJobStatusInput extends JobRef {
  /** Whether Fabric has already shown this instance; a 404 before that is the just-started quirk. */
  seen: boolean;
  /**
   * Read the notebook job instance (a `RunNotebook` job) instead of the generic one: its terminal
   * answer carries the run details (job-status.ts). Absent in polls scheduled by older workflow code.
   */
  notebookRoute?: boolean;
}

export type GetJobStatusOutput =
  /** `details`: set on a terminal answer read from the notebook route (what the run produced, maybe nothing). */
  | { found: true; instance: JobInstance; retryAfterMs?: number; details?: JobRunDetails }
  | { found: false; retryAfterMs?: number };

export interface CancelJobInput extends JobRef {
  /** Whether Fabric has already shown this instance (a 404 before that is retried, not fatal). @default true */
  seen?: boolean;
}

export interface CancelJobOutput {
  /** True when Fabric answered JobAlreadyCompleted: the job had already ended. */
  alreadyCompleted: boolean;
  retryAfterMs?: number;
}

export interface FindJobInstanceInput {
  /** The named connection whose Fabric client the worker uses. @default 'default' */
  connection?: string;
  workspaceId: string;
  itemId: string;
  jobType: string;
  /** Same meaning as in {@link RunJobInput}. */
  notBeforeMs: number;
  /** Only instances that have not reached a terminal status. @default false */
  activeOnly?: boolean;
}

export interface FindJobInstanceOutput {
  /** The earliest matching instance, or null. */
  instance: JobInstance | null;
  /** How many instances matched (more than one means another client may have started the same job). */
  matches: number;
}

/** Tuning of the activities (see docs/duplicate-safe-start.md). */
/** Input of `fetchJobDetails`: the ended job. */
export interface FetchJobDetailsInput {
  workspaceId: string;
  itemId: string;
  jobType: string;
  jobInstanceId: string;
  /** The job's terminal status (decides whether `failed` activity runs are fetched). */
  status: string;
  /** Fabric's times of the job (UTC without `Z`): they narrow the activity runs query. */
  startTimeUtc?: string | null;
  endTimeUtc?: string | null;
  /** @default 'failed' */
  activityRuns?: ActivityRunsMode;
  /** The named connection whose client reads the details. @default 'default' */
  connection?: string;
}

export interface FabricActivitiesOptions {
  /**
   * Margin for clock differences between the Temporal worker/server and Fabric: instances whose
   * start time is up to this much earlier than `notBeforeMs` still count as this run's.
   * @default 120_000 (2 minutes)
   */
  clockSkewMs?: number;
  /**
   * After a POST that may have reached Fabric failed, wait this long before listing the item's
   * instances to look for the job it may have created. @default 2_000
   */
  lookupDelayMs?: number;
  /**
   * The worker's default waits after Fabric refuses a run request for capacity (HTTP 430) without
   * Retry-After: the first wait, doubled each time up to the longest; a run's own `capacityWaitMs` /
   * `capacityWaitMaxMs` win. @default { firstMs: 30_000, maxMs: 300_000 }
   */
  capacityWait?: CapacityWait;
}

/** Waits between run requests refused for capacity (HTTP 430) that came without Retry-After. */
export interface CapacityWait {
  /** @default 30_000 */
  firstMs: number;
  /** @default 300_000 */
  maxMs: number;
}

export interface FabricActivities {
  /** The duplicate-safe start: POSTs the run request (docs/duplicate-safe-start.md). */
  runJob(input: RunJobInput): Promise<RunJobOutput>;
  /**
   * The same activity under its name before 0.2: runs started by an older worker scheduled it as
   * `startJob`, and their tasks (and retries) must still find it after an upgrade.
   * @deprecated call {@link runJob}
   */
  startJob(input: RunJobInput): Promise<RunJobOutput>;
  getJobStatus(input: GetJobStatusInput): Promise<GetJobStatusOutput>;
  cancelJob(input: CancelJobInput): Promise<CancelJobOutput>;
  /** Workspace and item names → ids, once per run (src/activities/resolve-fabric-names.ts). */
  resolveFabricNames(input: ResolveFabricNamesInput): Promise<ResolveFabricNamesOutput>;
  findJobInstance(input: FindJobInstanceInput): Promise<FindJobInstanceOutput>;
  /** What the job produced, read once when it ends; never fails for Fabric's answers (docs/job-workflow.md, "Run details"). */
  fetchJobDetails(input: FetchJobDetailsInput): Promise<JobRunDetails>;
}
