/** Public API of the Power BI enhanced refresh client (semantic models). No Temporal imports. */
export {
  PowerBIClient,
  DEFAULT_POWERBI_API_URL,
  POWERBI_SCOPE,
  refreshIdFromLocation,
  type PowerBIClientOptions,
  type RefreshIds,
  type StartRefreshResult,
  type GetRefreshResult,
} from './powerbi-client.js';
export { assertRefreshRequest, refreshRequestProblem, parseRefreshObjects, REFRESH_TIMEOUT_PATTERN } from './refresh-request.js';
export * from './models.js';
