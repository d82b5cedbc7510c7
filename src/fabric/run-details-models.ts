/**
 * What Fabric tells about a finished run beyond the Job Scheduler's ItemJobInstance: a notebook's
 * job instance (beta) with its exit value and Spark monitoring links, a Data Pipeline's activity
 * runs, and Livy sessions (notebooks, Spark job definitions). Field names as Microsoft publishes them:
 *
 * - NotebookJobInstance: microsoft/fabric-rest-api-specs notebook/swagger.json
 *   (`BackgroundJobs_Get_Notebook_Job_Instance_(beta)`) and notebook/definitions.json.
 * - Activity runs: Microsoft Learn, "REST API capabilities for pipelines in Fabric Data Factory",
 *   section "Query activity runs" (fabric/data-factory/pipeline-rest-api-capabilities). Not in the specs repo.
 * - LivySession: fabric-rest-api-specs common/spark_definitions.json (`LivySession`).
 *
 * Pure: no imports but types, safe for the workflow sandbox.
 */
import type { JobInstance } from './models.js';

/** An item reference by id (common/definitions.json `ItemReferenceById`). */
export interface ItemReferenceById {
  workspaceId: string;
  itemId: string;
  referenceType?: string;
}

/** `monitoringInfo` of a notebook job instance's compute details (Spark, Jupyter, DataWarehouse). */
export interface NotebookMonitoringInfo {
  /** Spark only: the Livy session's details (a LivySession subset). */
  activityDetails?: Partial<LivySession>;
  sparkUiUrl?: string;
  sparkJobDetailsUrl?: string;
  driverLogUrl?: string;
  executionSnapshotUrl?: string;
}

/** `computeDetails`, by `compute`: Spark has `livyId`, Jupyter `activityId`, DataWarehouse `primaryWarehouse`. */
export interface NotebookComputeDetails {
  livyId?: string;
  activityId?: string;
  highConcurrencyModeStatus?: { sessionSource?: string; sessionTag?: string };
  primaryWarehouse?: ItemReferenceById;
  monitoringInfo?: NotebookMonitoringInfo;
}

/** NotebookJobInstanceProperties: `compute` is required; Fabric may add compute types. */
export interface NotebookJobInstanceProperties {
  /** What `notebookutils.notebook.exit(value)` returned (a string); null or absent when the notebook set none. */
  exitValue?: string | null;
  compute: 'Spark' | 'Jupyter' | 'DataWarehouse' | (string & {});
  computeDetails?: NotebookComputeDetails;
}

/** A notebook's job instance from the beta endpoint: an ItemJobInstance plus `properties`. */
export interface NotebookJobInstance extends JobInstance {
  properties?: NotebookJobInstanceProperties;
}

/** The `error` of an activity run. Fabric sends empty strings when the activity did not fail. */
export interface ActivityRunError {
  errorCode?: string;
  message?: string;
  failureType?: string;
  target?: string;
  details?: unknown;
}

/**
 * One activity run of a Data Pipeline run (the documented sample's fields). Statuses seen in the
 * documentation: `Succeeded`; Data Factory also uses `Failed`, `InProgress`, `Cancelled`, `Queued`.
 */
export interface PipelineActivityRun {
  pipelineName?: string;
  pipelineRunId?: string;
  activityName: string;
  activityType: string;
  activityRunId?: string;
  linkedServiceName?: string;
  status: string;
  /** ISO 8601 with `Z`, e.g. `2024-05-23T13:43:03.6397566Z`. */
  activityRunStart?: string | null;
  activityRunEnd?: string | null;
  durationInMs?: number | null;
  input?: unknown;
  output?: unknown;
  error?: ActivityRunError | null;
  retryAttempt?: number | null;
  iterationHash?: string;
  userProperties?: unknown;
  recoveryStatus?: string;
  integrationRuntimeNames?: unknown;
  executionDetails?: unknown;
  id?: string;
}

/** The documented body of a query activity runs request. */
export interface ActivityRunsQuery {
  /** ISO 8601; required by the documented sample. */
  lastUpdatedAfter: string;
  lastUpdatedBefore: string;
  /** The documented sample sends `[]`. */
  filters?: unknown[];
  /** @default [{ orderBy: 'ActivityRunStart', order: 'ASC' }] */
  orderBy?: { orderBy: string; order: 'ASC' | 'DESC' }[];
}

/** A Livy session (a notebook's Spark session or a Spark job definition's batch). Times in `YYYY-MM-DDTHH:mm:ssZ`. */
export interface LivySession {
  sparkApplicationId?: string;
  /** `NotStarted`, `InProgress`, `Cancelled`, `Failed`, `Succeeded`, `Unknown`; more may come. */
  state?: string;
  livyId: string;
  origin?: string;
  attemptNumber?: number;
  maxNumberOfAttempts?: number;
  livyName?: string;
  submitter?: { id: string; type: string };
  item?: ItemReferenceById;
  itemName?: string;
  itemType?: string;
  jobType?: string;
  submittedDateTime?: string;
  startDateTime?: string;
  endDateTime?: string;
  queuedDuration?: { value: number; timeUnit: string };
  runningDuration?: { value: number; timeUnit: string };
  totalDuration?: { value: number; timeUnit: string };
  /** The Job Scheduler job instance this session ran for. */
  jobInstanceId?: string;
  creatorItem?: ItemReferenceById;
  isHighConcurrency?: boolean;
  cancellationReason?: string;
  capacityId?: string;
  operationName?: string;
  runtimeVersion?: string;
  livySessionItemResourceUri?: string;
}

/** Which item-type collection a Livy session belongs to (the path segment). */
export type LivyItemCollection = 'notebooks' | 'sparkJobDefinitions';
