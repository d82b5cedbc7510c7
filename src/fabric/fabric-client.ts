/** FabricClient: the Fabric Job Scheduler REST API and long-running operations, one HTTP request per call (no retries: Temporal owns them). */
import type {
  CancelJobResult,
  FabricClientOptions,
  GetJobInstanceResult,
  JobInstanceIds,
  JobInstanceRef,
  JobRunScope,
  OperationOptions,
  RunJobOptions,
  RunJobResult,
  ScheduleScope,
} from './client-types.js';
import * as catalog from './catalog.js';
import type { FabricItem, FabricWorkspace, ListItemsOptions } from './catalog.js';
import { FabricHttp } from './http.js';
import * as lro from './lro-operations.js';
import type { DeployRequest, DeploymentPipelineStage, LoadTableRequest, SqlEndpointRefreshMetadataRequest } from './operation-models.js';
import * as jobs from './job-operations.js';
import type { JobInstance } from './models.js';
import type { CreateScheduleRequest, ItemSchedule, UpdateScheduleRequest } from './schedule-models.js';
import * as schedules from './schedule-operations.js';
import * as details from './run-details-operations.js';
import type { LivySession } from './run-details-models.js';
import { DEFAULT_BASE_URL, FabricUrls } from './urls.js';

export const DEFAULT_SCOPE = 'https://api.fabric.microsoft.com/.default';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = 'fabric-temporal';

export class FabricClient {
  private readonly ctx: jobs.JobContext;

  constructor(options: FabricClientOptions) {
    if (!options?.credential || typeof options.credential.getToken !== 'function') {
      throw new TypeError('FabricClient needs a credential (a TokenCredential, see createCredential)');
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
    const http = new FabricHttp({
      credential: options.credential,
      scope: options.scope ?? DEFAULT_SCOPE,
      timeoutMs,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      onRequest: options.onRequest,
      rateLimiter: options.rateLimiter,
      identity: options.identity,
    });
    this.ctx = { http, urls: new FabricUrls(options.baseUrl ?? DEFAULT_BASE_URL) };
  }

  /** The API root requests go to (no trailing slash). */
  get baseUrl(): string {
    return this.ctx.urls.base;
  }

  /**
   * Starts a job (`POST`, answered 202). The id comes from the `Location` when it is a job instance
   * URL, else from `x-ms-job-id`; neither → FabricProtocolError. Never retried here: a POST that failed
   * in transit may still have started the job (see FabricTransportError.requestMayHaveReachedFabric).
   */
  runOnDemandItemJob(scope: JobRunScope, options?: RunJobOptions): Promise<RunJobResult> {
    return jobs.runOnDemandItemJob(this.ctx, scope, options);
  }

  /**
   * Reads a job instance by ids, or by an absolute job instance URL on this client's origin. A Location
   * that is not a job instance URL (e.g. `.../jobs/instances?jobType=Execute`) throws FabricValidationError:
   * pass the ids instead.
   */
  getItemJobInstance(ref: JobInstanceRef, options?: OperationOptions): Promise<GetJobInstanceResult> {
    return jobs.getItemJobInstance(this.ctx, ref, options);
  }

  /** Asks Fabric to cancel a job (202). Too late → FabricError with errorCode `JobAlreadyCompleted` (isJobAlreadyCompleted). */
  cancelItemJobInstance(ids: JobInstanceIds, options?: OperationOptions): Promise<CancelJobResult> {
    return jobs.cancelItemJobInstance(this.ctx, ids, options);
  }

  /** Every job instance of the item, all pages (Fabric does not guarantee the order). */
  listItemJobInstances(workspaceId: string, itemId: string, options?: OperationOptions): AsyncIterableIterator<JobInstance> {
    return jobs.listItemJobInstances(this.ctx, workspaceId, itemId, options);
  }

  createItemSchedule(scope: ScheduleScope, request: CreateScheduleRequest, options?: OperationOptions): Promise<ItemSchedule> {
    return schedules.createItemSchedule(this.ctx, scope, request, options);
  }

  listItemSchedules(scope: ScheduleScope, options?: OperationOptions): AsyncIterableIterator<ItemSchedule> {
    return schedules.listItemSchedules(this.ctx, scope, options);
  }

  getItemSchedule(scope: ScheduleScope, scheduleId: string, options?: OperationOptions): Promise<ItemSchedule> {
    return schedules.getItemSchedule(this.ctx, scope, scheduleId, options);
  }

  updateItemSchedule(scope: ScheduleScope, scheduleId: string, request: UpdateScheduleRequest, options?: OperationOptions): Promise<ItemSchedule> {
    return schedules.updateItemSchedule(this.ctx, scope, scheduleId, request, options);
  }

  deleteItemSchedule(scope: ScheduleScope, scheduleId: string, options?: OperationOptions): Promise<void> {
    return schedules.deleteItemSchedule(this.ctx, scope, scheduleId, options);
  }

  /**
   * A notebook's job instance from the beta endpoint (`…/notebooks/{id}/jobs/execute/instances/{jobId}?beta=true`):
   * the ItemJobInstance plus `properties` (exitValue, compute, Livy id, Spark monitoring URLs).
   */
  getNotebookJobInstance(ids: details.NotebookJobInstanceIds, options?: OperationOptions): Promise<details.GetNotebookJobInstanceResult> {
    return details.getNotebookJobInstance(this.ctx, ids, options);
  }

  /** A Data Pipeline run's activity runs (`POST …/datapipelines/pipelineruns/{jobId}/queryactivityruns`). */
  queryPipelineActivityRuns(ids: details.PipelineRunIds, options?: details.QueryActivityRunsOptions): Promise<details.QueryActivityRunsResult> {
    return details.queryPipelineActivityRuns(this.ctx, ids, options);
  }

  /** Every Livy session of a notebook or Spark job definition (all pages). */
  listLivySessions(scope: details.LivySessionScope, options?: OperationOptions): AsyncIterableIterator<LivySession> {
    return details.listLivySessions(this.ctx, scope, options);
  }

  /** Every workspace the caller can see (List Workspaces), all pages. */
  listWorkspaces(options?: OperationOptions): AsyncIterableIterator<FabricWorkspace> {
    return catalog.listWorkspaces(this.ctx, options);
  }

  /** Every item of a workspace (List Items), of one ItemType when `options.type` is given, all pages. */
  listItems(workspaceId: string, options?: ListItemsOptions): AsyncIterableIterator<FabricItem> {
    return catalog.listItems(this.ctx, workspaceId, options);
  }
  /**
   * Refreshes the metadata of every table of a SQL analytics endpoint (`POST …/sqlEndpoints/{id}/refreshMetadata`):
   * 200 with the TableSyncStatuses at once, or 202 and an operation to follow.
   */
  refreshSqlEndpointMetadata(scope: lro.SqlEndpointScope, request?: SqlEndpointRefreshMetadataRequest, options?: OperationOptions): Promise<lro.OperationStartResult> {
    return lro.refreshSqlEndpointMetadata(this.ctx, scope, request, options);
  }

  /** Loads a lakehouse table from files (`POST …/lakehouses/{id}/tables/{tableName}/load`, 202 and an operation). */
  loadTable(scope: lro.LoadTableScope, request: LoadTableRequest, options?: OperationOptions): Promise<lro.OperationStartResult> {
    return lro.loadTable(this.ctx, scope, request, options);
  }

  /** Deploys a deployment pipeline stage's content to another stage (`POST /deploymentPipelines/{id}/deploy`, 200 or 202). */
  deployStageContent(deploymentPipelineId: string, request: DeployRequest, options?: OperationOptions): Promise<lro.OperationStartResult> {
    return lro.deployStageContent(this.ctx, deploymentPipelineId, request, options);
  }

  /** POSTs `body` to an API path (relative to the root) that answers as a long-running operation. */
  startOperation(path: string, body?: unknown, options?: OperationOptions): Promise<lro.OperationStartResult> {
    return lro.startGenericOperation(this.ctx, path, body, options);
  }

  /** The state of a long-running operation (`GET /operations/{operationId}`). */
  getOperationState(operationId: string, options?: OperationOptions): Promise<lro.GetOperationStateResult> {
    return lro.getOperationState(this.ctx, operationId, options);
  }

  /** The result of a Succeeded long-running operation (`GET /operations/{operationId}/result`). */
  getOperationResult(operationId: string, options?: OperationOptions): Promise<lro.GetOperationResultResult> {
    return lro.getOperationResult(this.ctx, operationId, options);
  }

  /** Every stage of a deployment pipeline, all pages. */
  listDeploymentPipelineStages(deploymentPipelineId: string, options?: OperationOptions): AsyncIterableIterator<DeploymentPipelineStage> {
    return lro.listDeploymentPipelineStages(this.ctx, deploymentPipelineId, options);
  }
}
