/**
 * Reading request bodies and writing replies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './errors.js';

/** What a handler answers; the server writes it (or destroys the socket). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim as application/json (used to send broken JSON on purpose). */
  rawBody?: string;
  /** Destroy the socket instead of answering. */
  destroySocket?: boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw badRequest('RequestBodyTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; an empty body is `undefined`. Invalid JSON becomes a 400 ErrorResponse. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest('InvalidRequest', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Writes a reply, unless the client has already gone. */
export function writeReply(res: ServerResponse, reply: Reply, baseHeaders: Record<string, string>): void {
  if (reply.destroySocket) {
    res.socket?.destroy();
    return;
  }
  if (res.destroyed || res.headersSent) return;
  const payload = reply.rawBody ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  const headers: Record<string, string> = { ...baseHeaders, ...reply.headers };
  if (payload !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
