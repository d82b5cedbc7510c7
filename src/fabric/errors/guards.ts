import type { FabricError } from './fabric-error.js';
import type { FabricProtocolError } from './fabric-protocol-error.js';
import type { FabricTransportError } from './fabric-transport-error.js';
import type { FabricValidationError } from './fabric-validation-error.js';

// Errors are matched by name: they cross module copies and Temporal's failure converter.
function hasName(err: unknown, name: string): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name;
}

export function isFabricError(err: unknown): err is FabricError {
  return hasName(err, 'FabricError');
}

export function isFabricTransportError(err: unknown): err is FabricTransportError {
  return hasName(err, 'FabricTransportError');
}

export function isFabricProtocolError(err: unknown): err is FabricProtocolError {
  return hasName(err, 'FabricProtocolError');
}

export function isFabricValidationError(err: unknown): err is FabricValidationError {
  return hasName(err, 'FabricValidationError');
}

/** The answer to cancelling a job that has already finished (a FabricError with errorCode `JobAlreadyCompleted`). */
export function isJobAlreadyCompleted(err: unknown): err is FabricError {
  return isFabricError(err) && err.errorCode === 'JobAlreadyCompleted';
}
