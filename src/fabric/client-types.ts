/** Options and results of the FabricClient operations. */
import type { TokenCredential } from '@azure/identity';
import type { JobInstance, JobParameter } from './models.js';
import type { RequestRateLimiter } from './rate-limiter.js';

/** One HTTP request the client made (for logs and metrics). Never contains the token. */
export interface FabricRequestEvent {
  /** Client operation, e.g. `runOnDemandItemJob`, `getItemJobInstance`. */
  operation: string;
  method: string;
  url: string;
  /** HTTP status, when a response arrived. */
  statusCode?: number;
  durationMs: number;
  requestId?: string;
  /** Fabric's errorCode on an HTTP error status. */
  errorCode?: string;
  /** e.g. `ECONNRESET`, `ETIMEDOUT` when the exchange itself failed. */
  transportErrorCode?: string;
  /** How long the request waited for the rate limiter before it was sent (not part of `durationMs`). */
  rateLimitWaitMs?: number;
}

export interface FabricClientOptions {
  /** Where bearer tokens come from (see createCredential). */
  credential: TokenCredential;
  /** Fabric REST API root. @default 'https://api.fabric.microsoft.com/v1' */
  baseUrl?: string;
  /** Token scope. @default 'https://api.fabric.microsoft.com/.default' */
  scope?: string;
  /** Limit for each HTTP request, from start to the end of the response. @default 30_000 */
  timeoutMs?: number;
  /** User-Agent header. @default 'fabric-temporal' */
  userAgent?: string;
  /** Called once per HTTP request (a 401 refresh makes two). Exceptions it throws are ignored. @default none */
  onRequest?: (event: FabricRequestEvent) => void;
  /** Every HTTP request (a 401 retry too) first waits for it, e.g. a TokenBucket. @default none (no limit) */
  rateLimiter?: RequestRateLimiter;
  /**
   * Names the identity the client authenticates as (e.g. `FABRIC_AUTH=client-secret (service principal)`);
   * a 403 FabricError then says which identity Fabric refused (`identity` field and message). @default none
   */
  identity?: string;
}

/** Every operation accepts an abort signal. */
export interface OperationOptions {
  /** Aborts the request; the operation then rejects with the signal's reason. @default none */
  signal?: AbortSignal;
}

/** What to run: the item and its job type (the URL of the run request). */
export interface JobRunScope {
  workspaceId: string;
  itemId: string;
  /** e.g. `RunNotebook`, `Pipeline`, `sparkjob`, `TableMaintenance`, `Execute`. */
  jobType: string;
}

export interface RunJobOptions extends OperationOptions {
  /** Job-type specific static data (a plain JSON object). @default none (no body is sent when neither this nor parameters is given) */
  executionData?: Record<string, unknown>;
  /** Generic job parameters (not supported by every item type). @default none */
  parameters?: JobParameter[];
  /**
   * `'query'`: `POST .../items/{id}/jobs/instances?jobType=X`; `'path'`: `POST .../items/{id}/jobs/{jobType}/instances`;
   * `'notebook'`: the released notebook route `POST .../notebooks/{id}/jobs/execute/instances?beta=false`
   * (RunNotebook only; notebook/swagger.json `BackgroundJobs_RunOnDemandNotebook`).
   * @default 'notebook' when compute, computeConfiguration or sessionTag is given, else 'query'
   */
  route?: 'query' | 'path' | 'notebook';
  /** Notebook route: `executionData.compute` (Spark, Jupyter, DataWarehouse). @default 'Spark' when computeConfiguration or sessionTag is given */
  compute?: string;
  /** Notebook route: `executionData.computeConfiguration`, as the spec defines it for the engine. @default none */
  computeConfiguration?: Record<string, unknown>;
  /** Notebook route, Spark: `computeConfiguration.highConcurrencyModeOptions = { enabled: true, sessionTag }`. @default none */
  sessionTag?: string;
}

export interface RunJobResult {
  jobInstanceId: string;
  /** The `Location` header (absolute), else the job instance URL built from the id. */
  location: string;
  /** Wait at least this long before the first poll (parsed Retry-After). */
  retryAfterMs: number | undefined;
  requestId?: string;
}

export interface JobInstanceIds {
  workspaceId: string;
  itemId: string;
  jobInstanceId: string;
}

/**
 * Either the ids, or an absolute job instance URL (a `Location` ending `/jobs/instances/{uuid}` on the
 * client's own origin). A Location such as `.../jobs/instances?jobType=Execute` is not usable: pass ids.
 */
export type JobInstanceRef = JobInstanceIds | { location: string };

export interface GetJobInstanceResult {
  instance: JobInstance;
  retryAfterMs: number | undefined;
  requestId?: string;
}

export interface CancelJobResult {
  location?: string;
  retryAfterMs: number | undefined;
  requestId?: string;
}

/** Identifies the schedules of one job type of one item. */
export interface ScheduleScope {
  workspaceId: string;
  itemId: string;
  jobType: string;
}
