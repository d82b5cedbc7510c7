/** Walking Fabric's paginated lists (`{ value, continuationToken?, continuationUri? }`). */
import type { FabricHttp } from './http.js';
import { parseJsonObject, protocolError, type SuccessResponse } from './json.js';
import type { FabricUrls } from './urls.js';

/**
 * Yields every item of every page. The next page is `continuationUri` when Fabric sends one on the
 * client's origin, else the first URL with `continuationToken`; the last page has neither.
 */
export async function* paginate<T>(
  http: FabricHttp,
  urls: FabricUrls,
  operation: string,
  firstUrl: string,
  signal: AbortSignal | undefined,
  /** Checks and converts one element of `value` (throws a FabricProtocolError about `res` when malformed). */
  convert: (item: unknown, res: SuccessResponse) => T,
): AsyncGenerator<T, void, undefined> {
  let url: string | undefined = firstUrl;
  const seen = new Set<string>();
  while (url !== undefined) {
    seen.add(url);
    const res = await http.send({ operation, method: 'GET', url, signal });
    const page = parseJsonObject(res, 'a list page');
    if (!Array.isArray(page.value)) throw protocolError(res, 'Fabric sent a list page without a `value` array');
    for (const item of page.value as unknown[]) yield convert(item, res);
    url = nextPageUrl(urls, firstUrl, page);
    if (url !== undefined && seen.has(url)) throw protocolError(res, 'Fabric sent the same continuation twice');
  }
}

function nextPageUrl(urls: FabricUrls, firstUrl: string, page: Record<string, unknown>): string | undefined {
  const { continuationUri, continuationToken } = page;
  if (typeof continuationUri === 'string' && continuationUri !== '' && urls.isSameOrigin(continuationUri)) {
    return continuationUri;
  }
  if (typeof continuationToken === 'string' && continuationToken !== '') {
    const next = new URL(firstUrl);
    next.searchParams.set('continuationToken', continuationToken);
    return next.href;
  }
  return undefined;
}
