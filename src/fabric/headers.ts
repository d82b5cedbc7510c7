/** Reading response headers (Node lower-cases names; a repeated header arrives as an array). */

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** The first value of a header, trimmed; `undefined` when absent or blank. */
export function header(headers: ResponseHeaders, name: string): string | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Fabric's request id, from whichever header carries it (`RequestId`, `x-ms-request-id`, `x-ms-root-activity-id`). */
export function requestIdFromHeaders(headers: ResponseHeaders): string | undefined {
  return header(headers, 'requestid') ?? header(headers, 'x-ms-request-id') ?? header(headers, 'x-ms-root-activity-id');
}
