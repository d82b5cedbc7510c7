/**
 * Fabric Job Scheduler models, as in Microsoft's REST spec (platform/definitions/platform.json).
 * Pure: no imports, safe to re-export into the workflow sandbox through src/shared.ts.
 */

/** Fabric's documented job statuses. Fabric may add more: treat any other string as "not finished". */
export const KNOWN_JOB_STATUSES = ['NotStarted', 'InProgress', 'Completed', 'Failed', 'Cancelled', 'Deduped'] as const;
export type KnownJobStatus = (typeof KNOWN_JOB_STATUSES)[number];
/** A known status, or any other string Fabric may send one day (passed through, never rejected). */
export type JobStatus = KnownJobStatus | (string & {});

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['Completed', 'Failed', 'Cancelled', 'Deduped'];

/** True for Completed, Failed, Cancelled and Deduped; false for every other (including unknown) status. */
export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}

/** True when Fabric sent a status this code does not know (Fabric may add statuses). */
export function isKnownStatus(status: JobStatus): status is KnownJobStatus {
  return (KNOWN_JOB_STATUSES as readonly string[]).includes(status);
}

export interface ErrorRelatedResource {
  resourceId: string;
  resourceType: string;
}

/** Fabric's ErrorResponse (also an ItemJobInstance's failureReason). */
export interface FabricErrorDetails {
  errorCode: string;
  message: string;
  requestId?: string;
  moreDetails?: { errorCode: string; message: string; relatedResource?: ErrorRelatedResource }[];
  relatedResource?: ErrorRelatedResource;
  isRetriable?: boolean;
}

/** Fabric's ItemJobInstance. Timestamps are kept as Fabric sends them (UTC without `Z`). */
export interface JobInstance {
  id: string;
  itemId: string;
  jobType: string;
  invokeType: string;
  status: JobStatus;
  failureReason: FabricErrorDetails | null;
  rootActivityId?: string;
  startTimeUtc: string | null;
  endTimeUtc: string | null;
}

/** Fabric's generic job parameter (`parameters` in the run request body). */
export interface JobParameter {
  name: string;
  type: string;
  value: unknown;
}
