/**
 * The `semanticModelRefresh` workflow's input, result, state and failure types
 * (docs/semantic-models.md). Sandbox-safe: type imports only.
 */
import type { EngineMessage, RefreshDetail, RefreshRequest, RefreshStatus } from '../fabric/powerbi/models.js';
import type { PollInterval } from '../shared.js';

export type { EngineMessage, RefreshDetail, RefreshRequest, RefreshStatus };

/** Name of the workflow type, for clients and child workflows that start it by name. */
export const SEMANTIC_MODEL_REFRESH_WORKFLOW = 'semanticModelRefresh';
/** Name of its state query. */
export const REFRESH_STATE_QUERY = 'refreshState';

/** The enhanced refresh options used when the input sets none: a full refresh of the whole model. */
export const DEFAULT_REFRESH_OPTIONS: Readonly<RefreshRequest> = { type: 'Full' };

export interface SemanticModelRefreshInput {
  /**
   * The workspace (group): its id or its name (resolved by the workflow, once). Not needed when
   * `semanticModelId` is a path.
   */
  workspaceId?: string;
  /**
   * The semantic model (dataset): its id (the Power BI dataset id is the Fabric SemanticModel item
   * id), its name (`Sales`, or `Sales.SemanticModel`) or a path (`Sales Prod.Workspace/Sales`).
   * Names are resolved by the workflow with one `resolveFabricNames` activity, among SemanticModel
   * items only.
   */
  semanticModelId: string;
  /** Enhanced refresh options (type, commitMode, maxParallelism, retryCount, objects, applyRefreshPolicy, effectiveDate, timeout). @default { type: 'Full' } */
  options?: RefreshRequest;
  /** The named connection whose identity the worker uses. @default 'default' */
  connection?: string;
  /** Overall limit in milliseconds; when reached, the refresh is cancelled (DELETE). @default none */
  timeoutMs?: number;
  /** Take a slot of this pool (FABRIC_POOLS) before the refresh starts; give it back when it ends. @default none */
  pool?: string;
  /** Bounds on the wait between polls (Retry-After, when Power BI sends one, else `fallbackMs`). @default { minMs: 1_000, maxMs: 300_000, fallbackMs: 10_000 } */
  pollInterval?: PollInterval;
  /** Set by the workflow itself when it continues as new; callers leave it unset. */
  resume?: SemanticModelRefreshResume;
}

/**
 * A refresh as a pipeline step (or compensation) holds it: the workflow's input fields, with
 * `kind` to tell it from a Fabric job. Strings may hold `{{ }}` templates until the step runs.
 */
export interface RefreshJobSpec extends Pick<SemanticModelRefreshInput, 'workspaceId' | 'semanticModelId' | 'options' | 'connection' | 'timeoutMs' | 'pollInterval' | 'pool'> {
  kind: 'semanticModelRefresh';
}

export interface SemanticModelRefreshResume {
  refreshId: string;
  adopted: boolean;
  polls: number;
  startedAtMs: number;
  nextPollDelayMs: number;
  seen: boolean;
  /** The pool slot the run holds (input `pool`), given back when the refresh ends. */
  poolLease?: { pool: string; requestId: string };
}

/** Power BI's error for a refresh that did not complete: the first engine error, or the status. */
export interface RefreshFailureReason {
  errorCode: string;
  message: string;
}

/** The workflow's result (also `details[0]` of its refresh failures). */
export interface SemanticModelRefreshResult {
  refreshId: string;
  /** Completed, Failed, Cancelled, Disabled or TimedOut (Power BI's `extendedStatus`, else `status`). */
  status: RefreshStatus;
  startTime: string | null;
  endTime: string | null;
  failureReason: RefreshFailureReason | null;
  /** Power BI's engine messages (errors and warnings), when it sent any. */
  messages: EngineMessage[];
  polls: number;
}

/** What the `refreshState` query returns. */
export interface SemanticModelRefreshState {
  /** `waitingForPool`: queued for a slot of `pool`; `waitingForCapacity`: the start was refused for capacity (HTTP 430), see `capacity`. */
  phase: 'waitingForPool' | 'waitingForCapacity' | 'starting' | 'polling' | 'cancelling' | 'done';
  /** Start requests refused for capacity so far, and when the next one is sent while waiting. */
  capacity?: { refusals: number; nextTryAt?: string; lastMessage: string };
  /** The pool slot of the run, when it takes one. */
  pool?: { name: string; status: 'waiting' | 'held' | 'released'; since: string };
  refreshId?: string;
  adopted?: boolean;
  status?: RefreshStatus;
  detail?: RefreshDetail;
  polls: number;
  nextPollAt?: string;
  startedAt: string;
}

/** ApplicationFailure types of the refresh workflow and activities (besides the Fabric* ones of the HTTP layer). */
export const RefreshFailureTypes = {
  /** The refresh ended Failed (or Power BI's own per-attempt `timeout` ended it: TimedOut). Details: [result]. */
  Failed: 'SemanticModelRefreshFailed',
  /** The refresh was cancelled outside this workflow. Details: [result]. */
  Cancelled: 'SemanticModelRefreshCancelled',
  /** Power BI reports the refresh Disabled (by a selective refresh). Details: [result]. */
  Disabled: 'SemanticModelRefreshDisabled',
  /** The run's `timeoutMs` passed; the refresh was cancelled. Details: [result] when known. */
  TimedOut: 'SemanticModelRefreshTimedOut',
  /** The refresh vanished (404 after it had been seen). */
  NotFound: 'SemanticModelRefreshNotFound',
  /** Power BI refused the start because a refresh of the model is already running (409). */
  AlreadyRunning: 'SemanticModelRefreshAlreadyRunning',
} as const;
