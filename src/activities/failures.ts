/**
 * The one place where Fabric client errors become Temporal ApplicationFailures.
 *
 * | error | failure type | retried |
 * |---|---|---|
 * | FabricError 429, or 430 on anything but the run request | FabricThrottled, `nextRetryDelay` = Retry-After (absent → the retry policy's backoff) | yes |
 * | FabricError 430 on the run request (`capacity`) | FabricCapacityLimit: no job was created; the workflow waits and sends it again | no (the workflow retries) |
 * | FabricError with errorCode CapacityNotActive | FabricCapacityNotActive | no |
 * | FabricError 5xx or 408 | FabricTransientError | yes (backoff) |
 * | FabricError 401 (the client already refreshed the token once) | FabricUnauthorized | no |
 * | FabricError other 4xx | Fabric's errorCode, else `HTTP<status>` | no |
 * | FabricTransportError, FabricProtocolError | FabricTransientError | yes (backoff) |
 * | FabricValidationError | FabricInvalidInput | no |
 *
 * Errors are matched by `name` (they cross module copies). Details carry statusCode, errorCode,
 * requestId — never a token.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { isFabricError, isFabricProtocolError, isFabricTransportError, isFabricValidationError } from '../fabric/index.js';
import { FailureTypes } from '../shared.js';

/** What an ApplicationFailure built from a Fabric error carries in `details[0]`. */
export interface FabricFailureDetails {
  statusCode?: number;
  errorCode?: string;
  requestId?: string;
  /** Transport error code (ECONNRESET, ETIMEDOUT, ...). */
  code?: string;
  retryAfterMs?: number;
}

/**
 * True when a failed request may nevertheless have been acted on by Fabric: a transport error after
 * the connection was made, a 5xx or 408, a protocol error (Fabric answered, possibly a 202), or an
 * error this module does not recognise. False for answers that prove Fabric refused the request.
 */
export function mayHaveReachedFabric(err: unknown): boolean {
  if (isFabricTransportError(err)) return err.requestMayHaveReachedFabric;
  if (isFabricError(err)) return err.statusCode >= 500 || err.statusCode === 408;
  if (isFabricValidationError(err)) return false;
  return true;
}

function definedOnly(details: FabricFailureDetails): FabricFailureDetails {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)) as FabricFailureDetails;
}

/**
 * Maps an error thrown by the Fabric client to an ApplicationFailure (see the table above).
 * `action` names what was attempted, e.g. `start RunNotebook on item …`. Errors that are not Fabric
 * client errors are returned unchanged (Temporal retries them as plain errors).
 */
export function toActivityFailure(err: unknown, action: string, options: { runRequest?: boolean } = {}): unknown {
  if (isFabricError(err)) {
    const details = definedOnly({
      statusCode: err.statusCode,
      errorCode: err.errorCode,
      requestId: err.requestId,
      retryAfterMs: err.retryAfterMs,
    });
    const message = `${action}: Fabric answered ${err.statusCode}${err.errorCode ? ` ${err.errorCode}` : ''}: ${err.message}`;
    const status = err.statusCode;
    if (status === 430 && options.runRequest) {
      return ApplicationFailure.nonRetryable(message, FailureTypes.CapacityLimit, details);
    }
    if (err.errorCode === 'CapacityNotActive') {
      const hint = `${message} (the workspace's Fabric capacity is paused or not active: resume it, e.g. in the Azure portal, then run again)`;
      return ApplicationFailure.nonRetryable(hint, FailureTypes.CapacityNotActive, details);
    }
    if (status === 429 || status === 430) {
      return ApplicationFailure.create({
        message,
        type: FailureTypes.Throttled,
        details: [details],
        ...(err.retryAfterMs !== undefined ? { nextRetryDelay: err.retryAfterMs } : {}),
      });
    }
    if (status >= 500 || status === 408) {
      return ApplicationFailure.retryable(message, FailureTypes.Transient, details);
    }
    if (status === 401) {
      return ApplicationFailure.nonRetryable(message, FailureTypes.Unauthorized, details);
    }
    return ApplicationFailure.nonRetryable(message, err.errorCode ?? `HTTP${status}`, details);
  }
  if (isFabricTransportError(err)) {
    return ApplicationFailure.retryable(`${action}: ${err.message}`, FailureTypes.Transient, definedOnly({ code: err.code }));
  }
  if (isFabricProtocolError(err)) {
    const details = definedOnly({ statusCode: err.statusCode, requestId: err.requestId });
    return ApplicationFailure.retryable(`${action}: ${err.message}`, FailureTypes.Transient, details);
  }
  if (isFabricValidationError(err)) {
    return ApplicationFailure.nonRetryable(`${action}: ${err.field}: ${err.message}`, FailureTypes.InvalidInput, { field: err.field });
  }
  return err;
}
