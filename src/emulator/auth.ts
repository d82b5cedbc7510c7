/**
 * Bearer-token check of /v1 requests.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FabricApiError } from './errors.js';

const unauthorized = (errorCode: string, message: string): FabricApiError =>
  new FabricApiError(401, errorCode, message, {}, { 'WWW-Authenticate': 'Bearer' });

/**
 * Returns the caller's token; throws a 401 when it is missing, or (when the emulator was started
 * with a token or identities) when it is neither `expected` nor the token of one of the identities.
 */
export function authenticate(req: IncomingMessage, expected: string | undefined, identities?: ReadonlyMap<string, string>): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) throw unauthorized('Unauthorized', 'The request has no valid "Authorization: Bearer <token>" header.');
  const token = match[1]!;
  const restricted = expected !== undefined || (identities !== undefined && identities.size > 0);
  if (restricted && token !== expected && !identities?.has(token)) throw unauthorized('InvalidToken', 'The access token is not valid.');
  return token;
}

/** The name of the identity a token belongs to (identities map token → name), if any. */
export function identityOf(token: string, identities: ReadonlyMap<string, string> | undefined): string | undefined {
  return identities?.get(token);
}

/** A stable UUID-shaped id for a caller (the owner of the schedules it creates). */
export function callerId(token: string): string {
  const h = createHash('sha256').update(token).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
