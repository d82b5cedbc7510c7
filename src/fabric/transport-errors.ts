/** Turns a failed HTTP exchange (got's RequestError) into a {@link FabricTransportError}. */
import type { Timings } from 'got';
import { FabricTransportError } from './errors/fabric-transport-error.js';

/** Codes that mean no connection to Fabric was ever made. */
const NEVER_CONNECTED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
const CONNECT_PHASES = new Set(['lookup', 'connect', 'secureConnect']);

interface GotLikeError {
  message: string;
  code?: string;
  event?: string;
  timings?: Timings;
}

/** The transport error for `err`, or `undefined` when `err` is not an HTTP exchange failure (a bug: rethrow). */
export function toTransportError(err: unknown, method: string, url: string): FabricTransportError | undefined {
  if (!(err instanceof Error) || !('options' in err || 'code' in err)) return undefined;
  const e = err as GotLikeError;
  const code = typeof e.code === 'string' && e.code !== '' ? e.code : 'ERR_TRANSPORT';
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the raw url
  }
  return new FabricTransportError({
    // got's messages name the code and the host; they never include headers.
    message: `${code} on ${method} ${path}: ${e.message}`,
    code,
    requestMayHaveReachedFabric: mayHaveReachedFabric(code, e),
    method,
    url,
  });
}

function mayHaveReachedFabric(code: string, e: GotLikeError): boolean {
  if (NEVER_CONNECTED.has(code)) return false;
  if (code === 'ETIMEDOUT') {
    if (e.event !== undefined && CONNECT_PHASES.has(e.event)) return false;
    // A request-wide timeout that fired before the socket connected.
    if (e.timings !== undefined && e.timings.connect === undefined) return false;
  }
  return true;
}
