/**
 * Power BI enhanced refresh models, as in Microsoft's Power BI REST spec (microsoft/PowerBI-CSharp
 * sdk/swaggers/swagger.json: DatasetRefreshRequest, DatasetRefreshDetail, Refresh, EngineMessage)
 * and Microsoft Learn (Datasets - Refresh Dataset In Group, for `timeout`). See docs/semantic-models.md.
 * Pure: no imports, safe to re-export into the workflow sandbox.
 */

/** `type` of an enhanced refresh (DatasetRefreshType; Power BI may add more). */
export const REFRESH_TYPES = ['Full', 'ClearValues', 'Calculate', 'DataOnly', 'Automatic', 'Defragment'] as const;
/** `commitMode` of an enhanced refresh (DatasetCommitMode). */
export const COMMIT_MODES = ['Transactional', 'PartialBatch'] as const;

/** One table (or one partition of it) to refresh (DatasetRefreshObjects). */
export interface RefreshObject {
  table: string;
  partition?: string;
}

/**
 * The body of an enhanced refresh (DatasetRefreshRequest without `notifyOption`, which enhanced
 * refreshes must leave out). At least one field must be set, or Power BI runs a standard refresh.
 */
export interface RefreshRequest {
  /** The type of processing. @default none (Power BI's default) */
  type?: (typeof REFRESH_TYPES)[number] | (string & {});
  /** Commit all at once (`Transactional`) or in batches (`PartialBatch`). */
  commitMode?: (typeof COMMIT_MODES)[number] | (string & {});
  /** Maximum threads for parallel processing commands. */
  maxParallelism?: number;
  /** Times the operation is retried before failing. */
  retryCount?: number;
  /** Tables or partitions to refresh (all when absent). */
  objects?: RefreshObject[];
  /** Whether the incremental refresh policy is applied. */
  applyRefreshPolicy?: boolean;
  /** Overrides the current date of an incremental refresh policy (ISO date-time). */
  effectiveDate?: string;
  /** Per-attempt timeout `hh:mm:ss` (Learn: pattern `^([0-1]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`). */
  timeout?: string;
}

/** An engine error or warning of an enhanced refresh (EngineMessage). */
export interface EngineMessage {
  code?: string;
  message?: string;
  type?: 'Error' | 'Warning' | (string & {});
}

/** `status` of DatasetRefreshDetail and of a refresh history entry. */
export const REFRESH_STATUSES = ['Unknown', 'Completed', 'Failed', 'Disabled'] as const;
/** `extendedStatus` of DatasetRefreshDetail. */
export const REFRESH_EXTENDED_STATUSES = ['Unknown', 'NotStarted', 'InProgress', 'Completed', 'TimedOut', 'Failed', 'Disabled', 'Cancelled'] as const;
/** A status Power BI documents, or any other string it may send one day (treated as "not finished"). */
export type RefreshStatus = (typeof REFRESH_EXTENDED_STATUSES)[number] | (string & {});

/** The execution details of an enhanced refresh (DatasetRefreshDetail). Times as Power BI sends them. */
export interface RefreshDetail {
  startTime?: string;
  endTime?: string;
  type?: string;
  commitMode?: string;
  /** Unknown (also: in progress), Completed, Failed, Disabled. */
  status?: string;
  /** Unknown, NotStarted, InProgress, Completed, TimedOut, Failed, Disabled, Cancelled. */
  extendedStatus?: string;
  currentRefreshType?: string;
  numberOfAttempts?: number;
  objects?: (RefreshObject & { status?: string })[];
  messages?: EngineMessage[];
  refreshAttempts?: RefreshAttempt[];
}

/** One attempt of a refresh (RefreshAttempt). */
export interface RefreshAttempt {
  attemptId?: number;
  startTime?: string;
  endTime?: string;
  serviceExceptionJson?: string;
  type?: string;
}

/** One entry of a semantic model's refresh history (Refresh). */
export interface RefreshHistoryEntry {
  /** Scheduled, OnDemand, ViaApi, ViaXmlaEndpoint, ViaEnhancedApi, OnDemandTraining. */
  refreshType?: string;
  startTime?: string;
  endTime?: string;
  serviceExceptionJson?: string;
  /** Unknown (also: in progress), Completed, Failed, Disabled. */
  status?: string;
  /** The identifier of the refresh request: for an enhanced refresh, its refresh id. */
  requestId?: string;
  refreshAttempts?: RefreshAttempt[];
}

/** Statuses after which a refresh never changes again. */
export const TERMINAL_REFRESH_STATUSES: readonly string[] = ['Completed', 'Failed', 'Cancelled', 'Disabled', 'TimedOut'];

/**
 * The one status of a refresh: `extendedStatus` when Power BI sent one (it tells NotStarted,
 * InProgress, Cancelled and TimedOut apart), else `status`, else `Unknown`.
 */
export function refreshStatusOf(detail: Pick<RefreshDetail, 'status' | 'extendedStatus'>): RefreshStatus {
  const extended = detail.extendedStatus;
  if (typeof extended === 'string' && extended !== '' && extended !== 'Unknown') return extended;
  return typeof detail.status === 'string' && detail.status !== '' ? detail.status : 'Unknown';
}

/** True for Completed, Failed, Cancelled, Disabled and TimedOut; false for anything else (keep polling). */
export function isTerminalRefreshStatus(status: RefreshStatus): boolean {
  return TERMINAL_REFRESH_STATUSES.includes(status);
}
