/**
 * Public types of the Fabric emulator: scenarios, faults, and what the admin API returns.
 * Job and error shapes come from src/fabric/models.ts (Fabric's own models).
 */
import type { FabricErrorDetails, JobParameter, JobStatus } from '../fabric/models.js';

/**
 * Operations a fault can target. `details` is every run-details request (notebook job instance,
 * activity runs, Livy sessions). `any` matches every /v1 request of the item (jobs and schedules);
 * `list-workspaces` and `list-items` are the catalog's (faults listed in the catalog definition).
 */
export const FAULT_OPS = ['run', 'get', 'cancel', 'list', 'details', 'list-workspaces', 'list-items', 'any'] as const;
export type FaultOp = (typeof FAULT_OPS)[number];

export const FAULT_KINDS = [
  '429',
  '429-no-retry-after',
  '429-http-date',
  '430',
  '500',
  '502',
  '503',
  '409',
  'reset',
  'reset-after-create',
  'slow',
  'not-found',
  'unknown-status',
  'malformed-json',
  'no-location',
  'unauthorized',
  'forbidden',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One injected fault. Faults of a scenario are consumed in order: a request uses the first fault
 * (not yet used up) whose `op` matches it.
 */
export interface Fault {
  /** Which requests the fault applies to. */
  op: FaultOp;
  kind: FaultKind;
  /** How many matching requests get the fault; -1 = every one, forever. @default 1 */
  count?: number;
  /** Let this many matching requests through untouched before the fault starts. @default 0 */
  afterCount?: number;
  /**
   * `429`: the Retry-After header value (seconds). `429-http-date`: seconds ahead of now. `430`: the
   * Retry-After header value, sent only when set. @default '1' (429), 2 (429-http-date), none (430)
   */
  retryAfter?: string | number;
  /** `slow`: how long to wait before answering normally, in milliseconds. @default 1000 */
  delayMs?: number;
  /** `unknown-status`: the status to report instead of the real one. @default 'Throttling' */
  status?: string;
}

/** The terminal outcome a job reaches once its duration has passed. */
export type JobOutcome = 'Completed' | 'Failed' | 'Deduped' | 'Cancelled';

/** Activity run statuses the emulator reports (Data Factory's). */
export const ACTIVITY_RUN_STATUSES = ['Succeeded', 'Failed', 'Cancelled', 'Skipped'] as const;

/** One activity of a Data Pipeline job, as the emulator reports it in the activity runs. */
export interface ActivityRunScenario {
  activityName: string;
  /** @default 'Wait' */
  activityType?: string;
  /** Status once the activity's share of the job's run time is over. @default 'Succeeded' */
  status?: (typeof ACTIVITY_RUN_STATUSES)[number];
  /** For a failed activity: `error.errorCode`, `error.message`, `error.failureType`. @default empty strings */
  error?: { errorCode: string; message: string; failureType?: string };
  /** The activity's `output`. @default {} */
  output?: Record<string, unknown>;
  /** The activity's `input`. @default {} */
  input?: Record<string, unknown>;
}

/** How jobs of an item behave. Every field is optional; unset fields take the defaults below. */
export interface Scenario {
  /** Time spent NotStarted after the run request, in ms. @default 0 */
  queuedMs?: number;
  /** Time spent InProgress, in ms. @default 2000 */
  durationMs?: number;
  /** Final status. `Deduped` jobs are terminal at once. @default 'Completed' */
  outcome?: JobOutcome;
  /** failureReason of a Failed job. @default { errorCode: 'JobInstanceStatusFailed', message: 'Job instance failed without detail error' } */
  failureReason?: FabricErrorDetails;
  /** Retry-After (seconds) sent on the run 202, the get 200 and the cancel 202. @default 1 */
  retryAfterSeconds?: number;
  /** Delay between a cancel request and the job turning Cancelled, in ms. @default 500 */
  cancelDelayMs?: number;
  /** Faults injected into this item's requests, consumed in order. @default [] */
  faults?: Fault[];
  /** A notebook's exit value (what `notebookutils.notebook.exit(value)` returned), reported once the job Completed. @default null */
  exitValue?: string;
  /** The activity runs of a Data Pipeline job, run one after the other over the job's InProgress time. @default [] */
  activityRuns?: ActivityRunScenario[];
  /**
   * A long-running operation's result (`GET /operations/{id}/result`, or the body of a 200 start). @default per kind:
   * see docs/emulator.md#long-running-operations
   */
  operationResult?: Record<string, unknown>;
}

/** A scenario with every default filled in. */
export type ResolvedScenario = Required<Omit<Scenario, 'failureReason' | 'exitValue' | 'operationResult'>> & {
  operationResult?: Record<string, unknown>;
  failureReason: FabricErrorDetails;
  exitValue: string | null;
};

/** Contents of a `--scenario-file`. */
export interface ScenarioFile {
  default?: Scenario;
  items?: Record<string, Scenario>;
}

/** A job as the admin API shows it (GET /_emulator/jobs). */
export interface EmulatorJob {
  id: string;
  workspaceId: string;
  itemId: string;
  jobType: string;
  /** Status at the time of the admin request. */
  status: JobStatus;
  executionData?: Record<string, unknown>;
  parameters?: JobParameter[];
  createdAtMs: number;
  startedAtMs?: number;
  endedAtMs?: number;
  cancelRequestedAtMs?: number;
  /** GET requests that addressed this job. */
  polls: number;
  /** GETs that came before the Retry-After the emulator last sent for this job had elapsed. */
  earlyPolls: number;
  /** The identity whose token created the job (emulator started with `identities`). */
  identity?: string;
}

/** Operation names used in the request log and in stats.byOp. */
export type LoggedOp =
  | 'run'
  | 'get'
  | 'cancel'
  | 'list'
  | 'schedule-create'
  | 'schedule-list'
  | 'schedule-get'
  | 'schedule-update'
  | 'schedule-delete'
  | 'refresh'
  | 'refresh-get'
  | 'refresh-cancel'
  | 'refresh-history'
  | 'notebook-get'
  | 'activity-runs'
  | 'livy-list'
  | 'sql-refresh-metadata'
  | 'load-table'
  | 'deploy'
  | 'get-definition'
  | 'operation-get'
  | 'operation-result'
  | 'deploy-stages'
  | 'list-workspaces'
  | 'list-items'
  | 'unknown';

/** One entry of the request log (GET /_emulator/requests). */
export interface RequestLogEntry {
  /** Increases by one per /v1 request; never reused, not even after a reset. */
  seq: number;
  atMs: number;
  method: string;
  /** Path and query string. */
  path: string;
  op: LoggedOp;
  itemId?: string;
  jobInstanceId?: string;
  /** HTTP status sent, or null when the socket was destroyed (or the client left) before an answer. */
  statusCode: number | null;
  /** The fault kind applied to this request, if any. */
  fault?: FaultKind;
  /** True when a GET of a job came before the Retry-After last sent for that job had elapsed (25 ms tolerance). */
  early?: true;
  /** The name of the identity whose token the request carried (emulator started with `identities`). */
  identity?: string;
}

/** GET /_emulator/stats. */
export interface EmulatorStats {
  jobsStarted: number;
  jobsByItem: Record<string, number>;
  /** /v1 requests received since the start (or the last reset). */
  requests: number;
  earlyPolls: number;
  /** Jobs not yet in a terminal status. */
  running: number;
  byOp: Partial<Record<LoggedOp, number>>;
}
