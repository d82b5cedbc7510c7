/**
 * Bearer-token check of /v1 requests.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FabricApiError } from './errors.js';

const unauthorized = (errorCode: string, message: string): FabricApiError =>
  new FabricApiError(401, errorCode, message, {}, { 'WWW-Authenticate': 'Bearer' });

/**
 * Returns the caller's token; throws a 401 when it is missing, or differs from `expected` (when the
 * emulator was started with a token).
 */
export function authenticate(req: IncomingMessage, expected: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) throw unauthorized('Unauthorized', 'The request has no valid "Authorization: Bearer <token>" header.');
  const token = match[1]!;
  if (expected !== undefined && token !== expected) throw unauthorized('InvalidToken', 'The access token is not valid.');
  return token;
}

/** A stable UUID-shaped id for a caller (the owner of the schedules it creates). */
export function callerId(token: string): string {
  const h = createHash('sha256').update(token).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
