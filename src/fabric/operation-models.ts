/**
 * Fabric long-running operation (LRO) models, as in Microsoft's REST spec
 * (microsoft/fabric-rest-api-specs): OperationState (platform/definitions/platform.json),
 * TableSyncStatuses and SqlEndpointRefreshMetadataRequest (sqlEndpoint/definitions.json),
 * LoadTableRequest (lakehouse/definitions.json), DeployRequest, DeploymentPipelineStage and
 * DeploymentPipelineOperationExtendedInfo (platform/definitions/deploymentPipelines.json), Duration
 * (common/definitions.json). Pure: no imports beyond models, safe for the workflow sandbox.
 */
import type { ErrorRelatedResource, FabricErrorDetails } from './models.js';

/** LongRunningOperationStatus. Fabric may add more: any other string means "not finished, keep polling". */
export const KNOWN_OPERATION_STATUSES = ['Undefined', 'NotStarted', 'Running', 'Succeeded', 'Failed'] as const;
export type KnownOperationStatus = (typeof KNOWN_OPERATION_STATUSES)[number];
export type OperationStatus = KnownOperationStatus | (string & {});

/** True for Succeeded and Failed only: Undefined, NotStarted, Running and unknown statuses keep polling. */
export function isTerminalOperationStatus(status: OperationStatus): boolean {
  return status === 'Succeeded' || status === 'Failed';
}

/** OperationState: `GET /v1/operations/{operationId}`. */
export interface OperationState {
  status: OperationStatus;
  createdTimeUtc: string;
  lastUpdatedTimeUtc: string;
  /** 0–100. */
  percentComplete?: number;
  /** The error of a Failed operation (an ErrorResponse). */
  error?: FabricErrorDetails;
}

/** Duration (common/definitions.json). */
export interface FabricDuration {
  value: number;
  timeUnit: 'Seconds' | 'Minutes' | 'Hours' | 'Days';
}

/** SqlEndpointRefreshMetadataRequest. Both fields optional (Fabric's defaults: 15 minutes, false). */
export interface SqlEndpointRefreshMetadataRequest {
  timeout?: FabricDuration;
  recreateTables?: boolean;
}

/** SyncStatus. More may be added. */
export type TableSyncState = 'Success' | 'Failure' | 'NotRun' | (string & {});

/** TableSyncStatus: one table of a metadata refresh. */
export interface TableSyncStatus {
  tableName: string;
  startDateTime: string;
  endDateTime: string;
  status: TableSyncState;
  lastSuccessfulSyncDateTime: string;
  /** ErrorResponseDetails. */
  error?: { errorCode: string; message: string; relatedResource?: ErrorRelatedResource };
}

/** TableSyncStatuses: the result of a metadata refresh (200 at once, or the operation's result). */
export interface TableSyncStatuses {
  value: TableSyncStatus[];
}

/** LoadTableRequest (the Load Table API is a Preview API in the spec). */
export interface LoadTableRequest {
  /** `Files/...`: the data file or folder, relative to the lakehouse. */
  relativePath: string;
  pathType: 'File' | 'Folder';
  /** 1–16 of `[a-zA-Z0-9_-]`. */
  fileExtension?: string;
  /** Fabric's default when left out is not stated in the spec. */
  mode?: 'Overwrite' | 'Append';
  /** Search data files recursively (folder loads). */
  recursive?: boolean;
  formatOptions?: { format: 'Csv'; header?: boolean; delimiter?: string } | { format: 'Parquet' };
}

/** DeployRequest: `POST /v1/deploymentPipelines/{id}/deploy`. */
export interface DeployRequest {
  sourceStageId: string;
  targetStageId: string;
  /** Up to 1024 characters. */
  note?: string;
  /** Only these items; all supported items of the stage when left out. */
  items?: { sourceItemId: string; itemType: string }[];
  options?: { allowCrossRegionDeployment?: boolean };
  /** Required when the target stage has no workspace (DeploymentPipelineNewWorkspaceConfiguration). */
  createdWorkspaceDetails?: Record<string, unknown>;
}

/** DeploymentPipelineStage. */
export interface DeploymentPipelineStage {
  id: string;
  order: number;
  displayName: string;
  description?: string;
  workspaceId?: string;
  workspaceName?: string;
  isPublic?: boolean;
}
