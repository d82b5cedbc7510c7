/**
 * Fabric ErrorResponse answers: the error class handlers throw, and the body it becomes.
 */
import type { FabricErrorDetails } from '../fabric/models.js';

/** An HTTP error answer in Fabric's ErrorResponse shape. Thrown by handlers, sent by the server. */
export class FabricApiError extends Error {
  override name = 'FabricApiError';

  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    readonly extra: Pick<FabricErrorDetails, 'moreDetails' | 'relatedResource' | 'isRetriable'> = {},
    /** Extra response headers (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(requestId: string): FabricErrorDetails {
    return { errorCode: this.errorCode, message: this.message, requestId, ...this.extra };
  }
}

export const badRequest = (errorCode: string, message: string, extra?: FabricApiError['extra']): FabricApiError =>
  new FabricApiError(400, errorCode, message, extra);

export const notFound = (errorCode: string, message: string): FabricApiError => new FabricApiError(404, errorCode, message);
