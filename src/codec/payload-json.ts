/**
 * Payloads in the JSON form the Temporal Web UI and CLI send to a codec endpoint:
 * `{ "payloads": [{ "metadata": { "encoding": "<base64>" }, "data": "<base64>" }] }`.
 */
import type { Payload } from '@temporalio/common';

export interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

/** Thrown for a request body that is not `{ payloads: [...] }`. */
export class PayloadJsonError extends Error {
  override readonly name = 'PayloadJsonError';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function base64(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) throw new PayloadJsonError(`${where} must be a base64 string`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** Parses a request body. Throws PayloadJsonError naming the first bad field. */
export function payloadsFromJson(body: unknown): Payload[] {
  const list = (body as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(list)) throw new PayloadJsonError('the body must be {"payloads": [...]}');
  return list.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) throw new PayloadJsonError(`payloads[${i}] must be an object`);
    const { metadata, data } = item as JsonPayload;
    if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
      throw new PayloadJsonError(`payloads[${i}].metadata must be an object`);
    }
    const decoded: Record<string, Uint8Array> = {};
    for (const [key, value] of Object.entries(metadata ?? {})) decoded[key] = base64(value, `payloads[${i}].metadata.${key}`);
    return { metadata: decoded, data: data === undefined || data === null ? new Uint8Array(0) : base64(data, `payloads[${i}].data`) };
  });
}

/** The response body for these payloads. */
export function payloadsToJson(payloads: Payload[]): { payloads: JsonPayload[] } {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(p.data ?? new Uint8Array(0)).toString('base64'),
    })),
  };
}
