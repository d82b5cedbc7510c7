/** Turns an HTTP error response into a {@link FabricError}, whatever the body looks like. */
import { header, requestIdFromHeaders, type ResponseHeaders } from '../headers.js';
import type { ErrorRelatedResource, FabricErrorDetails } from '../models.js';
import { parseRetryAfter } from '../retry-after.js';
import { FabricError } from './fabric-error.js';

export interface ErrorResponse {
  statusCode: number;
  statusMessage?: string | undefined;
  headers: ResponseHeaders;
  /** The raw body; may be empty, HTML, truncated JSON... */
  body: string;
  method: string;
  url: string;
  /** The identity the request was made as; named in the message of a 401 or 403. */
  identity?: string | undefined;
}

/** Builds a FabricError from Fabric's ErrorResponse body when it is one, else from headers and status alone. */
export function parseErrorResponse(res: ErrorResponse, nowMs: number = Date.now()): FabricError {
  const body = parseErrorBody(res.body);
  const errorCode = body.errorCode ?? header(res.headers, 'x-ms-public-api-error-code');
  const detail = body.message ?? fallbackMessage(res);
  const path = safePath(res.url);
  const refused = (res.statusCode === 401 || res.statusCode === 403) && res.identity ? `; refused identity: ${res.identity}` : '';
  return new FabricError({
    statusCode: res.statusCode,
    errorCode,
    message: `${errorCode ? `${errorCode}: ` : ''}${detail} (HTTP ${res.statusCode} on ${res.method} ${path})${refused}`,
    requestId: body.requestId ?? requestIdFromHeaders(res.headers),
    isRetriable: body.isRetriable,
    moreDetails: body.moreDetails,
    relatedResource: body.relatedResource,
    retryAfterMs: parseRetryAfter(header(res.headers, 'retry-after'), nowMs),
    method: res.method,
    url: res.url,
    ...(refused !== '' && { identity: res.identity }),
  });
}

function parseErrorBody(text: string): Partial<FabricErrorDetails> {
  if (text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  // Some gateways wrap the error: { error: { code, message } }.
  const o = json as Record<string, unknown>;
  const inner = typeof o.error === 'object' && o.error !== null ? (o.error as Record<string, unknown>) : undefined;
  const src = o.errorCode !== undefined || inner === undefined ? o : inner;
  return {
    errorCode: str(src.errorCode) ?? str(src.code),
    message: str(src.message),
    requestId: str(src.requestId),
    isRetriable: typeof src.isRetriable === 'boolean' ? src.isRetriable : undefined,
    moreDetails: Array.isArray(src.moreDetails) ? (src.moreDetails as FabricErrorDetails['moreDetails']) : undefined,
    relatedResource: isResource(src.relatedResource) ? src.relatedResource : undefined,
  };
}

function fallbackMessage(res: ErrorResponse): string {
  const status = `Fabric answered ${res.statusCode}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
  const text = res.body.trim().replace(/\s+/g, ' ');
  if (text === '') return status;
  return `${status}; body: ${text.length > 120 ? `${text.slice(0, 117)}...` : text}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isResource(v: unknown): v is ErrorRelatedResource {
  return typeof v === 'object' && v !== null && typeof (v as ErrorRelatedResource).resourceId === 'string';
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}
