/** Public API of the Fabric Job Scheduler client. No Temporal imports. */
export { FabricClient, DEFAULT_SCOPE, DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT } from './fabric-client.js';
export type {
  FabricClientOptions,
  FabricRequestEvent,
  OperationOptions,
  JobRunScope,
  RunJobOptions,
  RunJobResult,
  JobInstanceIds,
  JobInstanceRef,
  GetJobInstanceResult,
  CancelJobResult,
  ScheduleScope,
} from './client-types.js';
export type { FabricWorkspace, FabricItem, ListItemsOptions } from './catalog.js';
export { DEFAULT_BASE_URL, isJobInstanceUrl, jobInstanceIdFromLocation } from './urls.js';
export { createCredential, type FabricAuthOptions, type FabricAuthKind } from './credentials.js';
export { TokenBucket, defaultBurst, type RequestRateLimiter, type TokenBucketOptions } from './rate-limiter.js';
export { StaticTokenCredential } from './static-token-credential.js';
export { parseRetryAfter } from './retry-after.js';
export { parseFabricTimestamp } from './timestamps.js';
export { isUuid } from './validation.js';
export { FabricError, type FabricErrorInit } from './errors/fabric-error.js';
export { FabricTransportError, type FabricTransportErrorInit } from './errors/fabric-transport-error.js';
export { FabricProtocolError, type FabricProtocolErrorInit } from './errors/fabric-protocol-error.js';
export { FabricValidationError } from './errors/fabric-validation-error.js';
export {
  isFabricError,
  isFabricTransportError,
  isFabricProtocolError,
  isFabricValidationError,
  isJobAlreadyCompleted,
} from './errors/guards.js';
export { parseErrorResponse } from './errors/parse-error-response.js';
export * from './models.js';
export * from './operation-models.js';
export { operationIdFromLocation, TABLE_NAME_PATTERN } from './lro-operations.js';
export type {
  OperationStartResult,
  GetOperationStateResult,
  GetOperationResultResult,
  SqlEndpointScope,
  LoadTableScope,
} from './lro-operations.js';
export * from './schedule-models.js';
export * from './powerbi/index.js';
export * from './run-details-models.js';
export type {
  NotebookJobInstanceIds,
  GetNotebookJobInstanceResult,
  PipelineRunIds,
  QueryActivityRunsOptions,
  QueryActivityRunsResult,
  LivySessionScope,
} from './run-details-operations.js';
