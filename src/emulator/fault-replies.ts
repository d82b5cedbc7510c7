/**
 * Answers for the faults that do not depend on the operation (throttling, server errors, resets,
 * slowness, 401). Operation-specific kinds are left to the handlers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { capacityFull } from './capacity.js';
import { FabricApiError } from './errors.js';
import type { Reply } from './http-io.js';
import type { Fault } from './types.js';

const throttled = (headers: Record<string, string>): FabricApiError =>
  new FabricApiError(429, 'TooManyRequestsForJobs', 'Too many requests for jobs: the request was throttled. Retry later.', { isRetriable: true }, headers);

const SERVER_ERRORS: Record<string, [number, string, string]> = {
  '500': [500, 'InternalServerError', 'An internal error occurred.'],
  '502': [502, 'BadGateway', 'The upstream service answered badly.'],
  '503': [503, 'ServiceUnavailable', 'The service is temporarily unavailable.'],
};

/**
 * Applies a generic fault: throws the FabricApiError to send, returns a Reply (socket reset), or
 * returns undefined when the request should then be handled normally (`slow`, and every
 * operation-specific kind).
 */
export async function applyGenericFault(fault: Fault, nowMs: number): Promise<Reply | undefined> {
  switch (fault.kind) {
    case '429':
      throw throttled({ 'Retry-After': String(fault.retryAfter ?? '1') });
    case '429-no-retry-after':
      throw throttled({});
    case '429-http-date': {
      const seconds = Number(fault.retryAfter ?? 2);
      throw throttled({ 'Retry-After': new Date(nowMs + (Number.isFinite(seconds) ? seconds : 2) * 1000).toUTCString() });
    }
    case '430':
      throw capacityFull(fault.retryAfter === undefined ? undefined : String(fault.retryAfter));
    case '500':
    case '502':
    case '503': {
      const [status, code, message] = SERVER_ERRORS[fault.kind]!;
      throw new FabricApiError(status, code, message, { isRetriable: true });
    }
    case '409':
      throw new FabricApiError(409, 'Conflict', 'Another operation on this resource is in progress (for a semantic model: a refresh is already running).');
    case 'unauthorized':
      throw new FabricApiError(401, 'TokenExpired', 'Access token has expired, resubmit with a new access token.', {}, { 'WWW-Authenticate': 'Bearer' });
    case 'forbidden':
      throw new FabricApiError(403, 'InsufficientPrivileges', 'The caller does not have sufficient permissions to perform this operation.');
    case 'reset':
      return { status: 0, destroySocket: true };
    case 'slow':
      // Unref'd: a slow answer never keeps the process (or a closing emulator) alive.
      await sleep(fault.delayMs ?? 1000, undefined, { ref: false });
      return undefined;
    default:
      return undefined;
  }
}
