import type { ErrorRelatedResource, FabricErrorDetails } from '../models.js';

/** What {@link FabricError} is built from (see `errors/parse-error-response.ts`). */
export interface FabricErrorInit {
  statusCode: number;
  errorCode: string | undefined;
  message: string;
  requestId: string | undefined;
  isRetriable: boolean | undefined;
  moreDetails: FabricErrorDetails['moreDetails'];
  relatedResource: ErrorRelatedResource | undefined;
  retryAfterMs: number | undefined;
  method: string;
  url: string;
  /** On a 401 or 403: the identity Fabric refused (FabricClientOptions.identity). */
  identity?: string | undefined;
}

/**
 * Fabric answered with an HTTP error status (4xx/5xx). Match it by `name`, not `instanceof`.
 * Never carries the bearer token: only the status, Fabric's error body fields, the method and the URL.
 */
export class FabricError extends Error {
  override readonly name = 'FabricError';
  readonly statusCode: number;
  /** Fabric's `errorCode` from the body, else the `x-ms-public-api-error-code` header. */
  readonly errorCode: string | undefined;
  /** Body `requestId`, else the `requestid` / `x-ms-request-id` / `x-ms-root-activity-id` header. */
  readonly requestId: string | undefined;
  /** Fabric's own `isRetriable` hint, when it sent one. */
  readonly isRetriable: boolean | undefined;
  readonly moreDetails: FabricErrorDetails['moreDetails'];
  readonly relatedResource: ErrorRelatedResource | undefined;
  /** Parsed `Retry-After` (milliseconds), when Fabric sent a usable one. */
  readonly retryAfterMs: number | undefined;
  readonly method: string;
  readonly url: string;
  /** On a 401 or 403: the identity Fabric refused, when the client was told which one it uses. */
  readonly identity: string | undefined;

  constructor(init: FabricErrorInit) {
    super(init.message);
    this.statusCode = init.statusCode;
    this.errorCode = init.errorCode;
    this.requestId = init.requestId;
    this.isRetriable = init.isRetriable;
    this.moreDetails = init.moreDetails;
    this.relatedResource = init.relatedResource;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.url = init.url;
    this.identity = init.identity;
  }
}
