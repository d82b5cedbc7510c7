/**
 * Fabric-style pages: `{ value, continuationToken?, continuationUri? }`, the two continuation
 * fields absent on the last page. Tokens are opaque to clients (here: an encoded offset).
 */
import { badRequest } from './errors.js';

export interface Page<T> {
  value: T[];
  continuationToken?: string;
  continuationUri?: string;
}

const encode = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

function decode(token: string, total: number): number {
  const match = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  const offset = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(offset) || offset > total) {
    throw badRequest('InvalidContinuationToken', 'The continuation token is not valid.');
  }
  return offset;
}

/**
 * One page of `items`.
 * @param pageUri Builds the absolute URL of the page a token leads to.
 */
export function paginate<T, U>(
  items: readonly T[],
  token: string | null,
  pageSize: number,
  pageUri: (token: string) => string,
  map: (item: T) => U,
): Page<U> {
  const offset = token === null ? 0 : decode(token, items.length);
  const end = Math.min(offset + pageSize, items.length);
  const page: Page<U> = { value: items.slice(offset, end).map(map) };
  if (end < items.length) {
    page.continuationToken = encode(end);
    page.continuationUri = pageUri(page.continuationToken);
  }
  return page;
}
