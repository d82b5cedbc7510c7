/**
 * List Workspaces (`GET /v1/workspaces`) and List Items (`GET /v1/workspaces/{ws}/items[?type=]`),
 * paginated like every Fabric list (continuationToken / continuationUri).
 */
import { ITEM_TYPES } from '../names/item-types.js';
import type { EmulatorState } from './context.js';
import { badRequest } from './errors.js';
import type { Reply } from './http-io.js';
import { brokenJson } from './job-handlers.js';
import { paginate } from './pagination.js';

export type CatalogRoute = { op: 'list-workspaces' } | { op: 'list-items'; workspaceId: string };

/** Matches the catalog's paths (`/v1/workspaces`, `/v1/workspaces/{ws}/items`); undefined for any other path. */
export function matchCatalogRoute(pathname: string): CatalogRoute | undefined {
  let segments: string[];
  try {
    segments = pathname.replace(/\/+$/, '').split('/').slice(2).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segments.length === 1 && segments[0] === 'workspaces') return { op: 'list-workspaces' };
  if (segments.length === 3 && segments[0] === 'workspaces' && segments[2] === 'items') return { op: 'list-items', workspaceId: segments[1]! };
  return undefined;
}

/** Answers a catalog request (after auth, id checks and faults). `malformed-json` cuts the page short. */
export function handleCatalog(state: EmulatorState, route: CatalogRoute, url: URL, baseUrl: string, malformed: boolean): Reply {
  const token = url.searchParams.get('continuationToken');
  const pageUri = (next: string): string => {
    const u = new URL(`${baseUrl}${url.pathname}`);
    for (const [k, v] of url.searchParams) if (k !== 'continuationToken') u.searchParams.append(k, v);
    u.searchParams.set('continuationToken', next);
    return u.href;
  };
  let page;
  if (route.op === 'list-workspaces') {
    page = paginate(state.catalog.workspaces(), token, state.pageSize, pageUri, (w) => ({ ...w }));
  } else {
    const type = url.searchParams.get('type') ?? undefined;
    if (type !== undefined && !(ITEM_TYPES as readonly string[]).some((t) => t.toLowerCase() === type.toLowerCase())) {
      throw badRequest('InvalidItemType', `Invalid item type '${type}'.`);
    }
    page = paginate(state.catalog.items(route.workspaceId, type), token, state.pageSize, pageUri, (i) => ({ ...i }));
  }
  if (malformed) return { status: 200, rawBody: brokenJson(page) };
  return { status: 200, body: page };
}
