/**
 * PowerBIClient: the Power BI enhanced refresh REST API of semantic models (datasets), one HTTP
 * request per call (no retries: Temporal owns them). It shares the Fabric client's HTTP exchange
 * (bearer token, one refresh on 401, FabricError / FabricTransportError / FabricProtocolError,
 * Retry-After), with the Power BI token scope and API root. See docs/semantic-models.md.
 */
import type { FabricClientOptions, OperationOptions } from '../client-types.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT } from '../fabric-client.js';
import { FabricValidationError } from '../errors/fabric-validation-error.js';
import { header, requestIdFromHeaders } from '../headers.js';
import { FabricHttp } from '../http.js';
import { parseJsonObject, protocolError, type SuccessResponse } from '../json.js';
import { parseRetryAfter } from '../retry-after.js';
import { resolveLocation } from '../urls.js';
import { assertUuid, isUuid } from '../validation.js';
import type { RefreshDetail, RefreshHistoryEntry, RefreshRequest } from './models.js';
import { assertRefreshRequest } from './refresh-request.js';

export const DEFAULT_POWERBI_API_URL = 'https://api.powerbi.com/v1.0/myorg';
export const POWERBI_SCOPE = 'https://analysis.windows.net/powerbi/api/.default';

/** Same options as the Fabric client; `baseUrl` is the Power BI root, `scope` the Power BI scope. */
export type PowerBIClientOptions = FabricClientOptions;

export interface RefreshIds {
  workspaceId: string;
  semanticModelId: string;
  refreshId: string;
}

export interface StartRefreshResult {
  refreshId: string;
  /** The `Location` header (absolute), else the refresh URL built from the id. */
  location: string;
  /** Wait at least this long before the first poll (parsed Retry-After), when Power BI sent one. */
  retryAfterMs: number | undefined;
  requestId?: string;
}

export interface GetRefreshResult {
  detail: RefreshDetail;
  /** True when Power BI answered 202 (still in progress); 200 once it completed or failed. */
  inProgress: boolean;
  retryAfterMs: number | undefined;
  requestId?: string;
}

const REFRESH_PATH = /\/refreshes\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The refresh id at the end of a refresh URL (`.../refreshes/{refreshId}`), else undefined. */
export function refreshIdFromLocation(location: string): string | undefined {
  try {
    return REFRESH_PATH.exec(new URL(location).pathname)?.[1];
  } catch {
    return undefined;
  }
}

function timing(res: SuccessResponse): { retryAfterMs: number | undefined; requestId?: string } {
  const requestId = requestIdFromHeaders(res.headers);
  return { retryAfterMs: parseRetryAfter(header(res.headers, 'retry-after')), ...(requestId !== undefined && { requestId }) };
}

export class PowerBIClient {
  private readonly http: FabricHttp;
  /** The API root requests go to (no trailing slash). */
  readonly baseUrl: string;

  constructor(options: PowerBIClientOptions) {
    if (!options?.credential || typeof options.credential.getToken !== 'function') {
      throw new TypeError('PowerBIClient needs a credential (a TokenCredential, see createCredential)');
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
    const parsed = new URL(options.baseUrl ?? DEFAULT_POWERBI_API_URL);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError(`baseUrl must be http(s), got ${options.baseUrl}`);
    this.baseUrl = parsed.href.replace(/\/+$/, '');
    this.http = new FabricHttp({
      credential: options.credential,
      scope: options.scope ?? POWERBI_SCOPE,
      timeoutMs,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      onRequest: options.onRequest,
      rateLimiter: options.rateLimiter,
    });
  }

  private refreshesUrl(workspaceId: string, semanticModelId: string): string {
    assertUuid('workspaceId', workspaceId);
    assertUuid('semanticModelId', semanticModelId);
    return `${this.baseUrl}/groups/${workspaceId}/datasets/${semanticModelId}/refreshes`;
  }

  private refreshUrl(ids: RefreshIds): string {
    const base = this.refreshesUrl(ids?.workspaceId, ids?.semanticModelId);
    assertUuid('refreshId', ids.refreshId);
    return `${base}/${ids.refreshId}`;
  }

  /**
   * Starts an enhanced refresh (`POST .../refreshes`, answered 202). The refresh id comes from the
   * `Location` (`.../refreshes/{refreshId}`), else from `x-ms-request-id` / `RequestId`; none →
   * FabricProtocolError. Never retried here: a POST that failed in transit may have started it.
   */
  async refreshSemanticModel(workspaceId: string, semanticModelId: string, request: RefreshRequest, options: OperationOptions = {}): Promise<StartRefreshResult> {
    const url = this.refreshesUrl(workspaceId, semanticModelId);
    assertRefreshRequest(request);
    const res = await this.http.send({ operation: 'refreshSemanticModel', method: 'POST', url, body: request, signal: options.signal });
    const location = resolveLocation(header(res.headers, 'location'), url);
    const fromHeader = header(res.headers, 'x-ms-request-id') ?? header(res.headers, 'requestid');
    const refreshId = (location && refreshIdFromLocation(location)) ?? (isUuid(fromHeader) ? fromHeader : undefined);
    if (refreshId === undefined) {
      throw protocolError(res, 'Power BI accepted the refresh but sent neither a refresh Location nor a request id header (was it a standard, not an enhanced, refresh?)');
    }
    return { refreshId, location: location ?? `${url}/${refreshId}`, ...timing(res) };
  }

  /** The execution details of an enhanced refresh (`GET .../refreshes/{refreshId}`: 202 while in progress, 200 once ended). */
  async getRefreshExecutionDetails(ids: RefreshIds, options: OperationOptions = {}): Promise<GetRefreshResult> {
    const url = this.refreshUrl(ids);
    const res = await this.http.send({ operation: 'getRefreshExecutionDetails', method: 'GET', url, signal: options.signal });
    const detail = parseJsonObject(res, 'refresh execution details') as RefreshDetail;
    if (detail.status !== undefined && typeof detail.status !== 'string') throw protocolError(res, 'Power BI sent a refresh whose status is not a string');
    return { detail, inProgress: res.statusCode === 202, ...timing(res) };
  }

  /** Cancels an enhanced refresh (`DELETE .../refreshes/{refreshId}`). */
  async cancelRefresh(ids: RefreshIds, options: OperationOptions = {}): Promise<{ requestId?: string }> {
    const url = this.refreshUrl(ids);
    const res = await this.http.send({ operation: 'cancelRefresh', method: 'DELETE', url, signal: options.signal });
    const requestId = requestIdFromHeaders(res.headers);
    return requestId !== undefined ? { requestId } : {};
  }

  /** The refresh history, most recent first (`GET .../refreshes?$top=N`; Power BI keeps 20 to 60 entries). */
  async getRefreshHistory(workspaceId: string, semanticModelId: string, options: OperationOptions & { top?: number } = {}): Promise<RefreshHistoryEntry[]> {
    let url = this.refreshesUrl(workspaceId, semanticModelId);
    if (options.top !== undefined) {
      if (!Number.isSafeInteger(options.top) || options.top < 1) throw new FabricValidationError('top', `top must be a whole number of at least 1, got ${options.top}`);
      url += `?$top=${options.top}`;
    }
    const res = await this.http.send({ operation: 'getRefreshHistory', method: 'GET', url, signal: options.signal });
    const page = parseJsonObject(res, 'a refresh history');
    if (!Array.isArray(page.value)) throw protocolError(res, 'Power BI sent a refresh history without a `value` array');
    return (page.value as unknown[]).filter((e): e is RefreshHistoryEntry => typeof e === 'object' && e !== null);
  }
}
