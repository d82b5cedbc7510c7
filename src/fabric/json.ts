/** JSON bodies of successful responses: an empty body (Fabric's 202s) is fine, malformed JSON is a protocol error. */
import { FabricProtocolError } from './errors/fabric-protocol-error.js';
import { requestIdFromHeaders, type ResponseHeaders } from './headers.js';

export interface SuccessResponse {
  statusCode: number;
  headers: ResponseHeaders;
  body: string;
  method: string;
  url: string;
}

/** The parsed body, or `undefined` when the body is empty or only whitespace. */
export function parseJsonBody(res: SuccessResponse): unknown {
  if (res.body.trim() === '') return undefined;
  try {
    return JSON.parse(res.body) as unknown;
  } catch (err) {
    throw protocolError(res, `Fabric sent malformed JSON (${(err as Error).message})`);
  }
}

/** The parsed body, which must be a JSON object. */
export function parseJsonObject(res: SuccessResponse, what: string): Record<string, unknown> {
  const json = parseJsonBody(res);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw protocolError(res, `Fabric sent ${json === undefined ? 'an empty body' : 'JSON that is not an object'} where ${what} was expected`);
  }
  return json as Record<string, unknown>;
}

/** A FabricProtocolError about `res`. */
export function protocolError(res: SuccessResponse, message: string): FabricProtocolError {
  let path = res.url;
  try {
    path = new URL(res.url).pathname;
  } catch {
    // keep the raw url
  }
  return new FabricProtocolError({
    message: `${message} (HTTP ${res.statusCode} on ${res.method} ${path})`,
    statusCode: res.statusCode,
    method: res.method,
    url: res.url,
    requestId: requestIdFromHeaders(res.headers),
  });
}
