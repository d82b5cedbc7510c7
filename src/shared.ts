/**
 * Types and constants shared by the client (CLI), the workflows and the activities.
 * Sandbox-safe: no imports with side effects, no Node built-ins.
 */

export { KNOWN_JOB_STATUSES, TERMINAL_JOB_STATUSES, isTerminalStatus, isKnownStatus } from './fabric/models.js';
export type { KnownJobStatus, JobStatus, FabricErrorDetails, JobInstance, JobParameter } from './fabric/models.js';
import type { JobStatus, FabricErrorDetails, JobInstance } from './fabric/models.js';
export { DEFAULT_POLL_INTERVAL, isUuid, ON_DEDUPED, RUN_ROUTES } from './contracts/job.js';
export type { JobSpec, OnDeduped, PollInterval, RunFabricJobInput, RunFabricJobResume, RunRoute } from './contracts/job.js';
export { ACTIVITY_RUNS_MODES } from './contracts/job-details.js';
export type { ActivityRunSummary, ActivityRunsMode, JobRunDetails } from './contracts/job-details.js';
import type { JobRunDetails } from './contracts/job-details.js';
/** The fabricOperation workflow's contract (docs/operations-kinds.md): start it by name with a FabricOperationInput. */
export { FABRIC_OPERATION_WORKFLOW, OPERATION_STATE_QUERY, OPERATION_KINDS, OperationFailureTypes, startRetryRule } from './contracts/fabric-operation.js';
export type {
  FabricOperationInput,
  FabricOperationResult,
  FabricOperationState,
  OperationKind,
  OperationSpec,
  SqlEndpointRefreshMetadataInput,
  LakehouseLoadTableInput,
  DeploymentPipelineDeployInput,
  GenericOperationInput,
} from './contracts/fabric-operation.js';

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
  /** Fabric throttled the caller (429, or a 430 on a status poll or a cancel): retried after its Retry-After. */
  Throttled: 'FabricThrottled',
  /**
   * Fabric refused the run request for capacity (HTTP 430 TooManyRequestsForCapacity): no job was
   * created. Raised by `runJob` without retries; `runFabricJob` waits and sends the request again.
   * Details: [FabricFailureDetails & { capacityWait }].
   */
  CapacityLimit: 'FabricCapacityLimit',
  /** The workspace's capacity is paused or not active (errorCode CapacityNotActive): not retried. */
  CapacityNotActive: 'FabricCapacityNotActive',
  /** The run names a pool that is not configured on the worker: not retried. */
  UnknownPool: 'FabricUnknownPool',
  /** The job instance vanished (404 after it had been seen). */
  JobNotFound: 'FabricJobNotFound',
  /**
   * A notebook's status poll failed on the notebook route (a beta API) with something the generic
   * route may not share (5xx, 404, 403, transport, malformed answer): retried, and the run's next
   * polls read the generic job instance. Details: [FabricFailureDetails].
   */
  NotebookRouteFailed: 'FabricNotebookRouteFailed',
  /** Input that can never succeed (bad ids, bad JSON): not retried. */
  InvalidInput: 'FabricInvalidInput',
} as const;

/** Result of the `runFabricJob` workflow (also the details of its failures). */
export interface RunFabricJobResult {
  jobInstanceId: string;
  status: JobStatus;
  startTimeUtc: string | null;
  endTimeUtc: string | null;
  failureReason: FabricErrorDetails | null;
  polls: number;
  /** What the job produced (exit value, activity runs, Spark links), when Fabric told (docs/job-workflow.md, "Run details"). */
  details?: JobRunDetails;
}

/** What the `state` query of `runFabricJob` returns. */
export interface RunFabricJobState {
  /** `waitingForPool`: queued for a slot of `pool`; `waitingForCapacity`: Fabric refused the run request (HTTP 430), see `capacity`. */
  phase: 'waitingForPool' | 'waitingForCapacity' | 'starting' | 'polling' | 'cancelling' | 'done';
  /** The pool slot of the run (input `pool`): waiting for it, held, or given back. */
  pool?: { name: string; status: 'waiting' | 'held' | 'released'; since: string };
  /** Run requests refused for capacity so far, and when the next one is sent while waiting. */
  capacity?: { refusals: number; nextTryAt?: string; lastMessage: string };
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
