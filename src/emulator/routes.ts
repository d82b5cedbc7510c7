/**
 * Matching /v1 paths of the Job Scheduler API (and the released notebook run route) and of the run-details APIs (notebook job instance,
 * pipeline activity runs, Livy sessions), and /v1.0/myorg paths of the Power BI enhanced refresh API,
 * to operations. A Power BI route carries the semantic model id as `itemId` and the refresh id as
 * `jobInstanceId`: refreshes are kept as jobs of that item.
 */
import type { LoggedOp } from './types.js';

export interface Route {
  op: Exclude<LoggedOp, 'unknown' | 'list-workspaces' | 'list-items'>;
  workspaceId: string;
  itemId: string;
  /** From the path (`/jobs/{jobType}/...`); the query route's jobType is read by the handler. */
  jobType?: string;
  jobInstanceId?: string;
  scheduleId?: string;
  /** Load table: the table name of the path. */
  tableName?: string;
  /** Livy sessions: the item-type collection of the path; on a `run`, `notebooks` means the released notebook route. */
  collection?: 'notebooks' | 'sparkJobDefinitions';
}

export type RouteMatch =
  | { kind: 'route'; route: Route }
  /** A known path used with a method it does not support. */
  | { kind: 'method'; allow: string[]; itemId: string }
  | { kind: 'none' };

type Ops = Partial<Record<string, Route['op']>>;

function pick(method: string, ops: Ops, base: Omit<Route, 'op'>): RouteMatch {
  const op = ops[method];
  return op ? { kind: 'route', route: { op, ...base } } : { kind: 'method', allow: Object.keys(ops), itemId: base.itemId };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Matches a pathname that starts with `/v1/`. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const raw = pathname.replace(/\/+$/, '').split('/').slice(2); // drop '' and 'v1'
  const parts = raw.map(decode);
  if (parts.some((p) => p === undefined || p === '')) return { kind: 'none' };
  const s = parts as string[];
  const operation = matchOperationRoute(method, s);
  if (operation) return operation;
  const details = matchDetailsRoute(method, s);
  if (details) return details;
  if (s.length < 6 || s[0] !== 'workspaces' || s[2] !== 'items' || s[4] !== 'jobs') return { kind: 'none' };
  const base = { workspaceId: s[1]!, itemId: s[3]! };
  const [a, b, c] = [s[5]!, s[6], s[7]];

  if (a === 'instances') {
    if (s.length === 6) return pick(method, { GET: 'list', POST: 'run' }, base);
    if (s.length === 7) return pick(method, { GET: 'get' }, { ...base, jobInstanceId: b! });
    if (s.length === 8 && c === 'cancel') return pick(method, { POST: 'cancel' }, { ...base, jobInstanceId: b! });
    return { kind: 'none' };
  }
  if (b === 'instances' && s.length === 7) return pick(method, { POST: 'run' }, { ...base, jobType: a });
  if (b === 'schedules') {
    if (s.length === 7) return pick(method, { GET: 'schedule-list', POST: 'schedule-create' }, { ...base, jobType: a });
    if (s.length === 8) {
      return pick(method, { GET: 'schedule-get', PATCH: 'schedule-update', DELETE: 'schedule-delete' }, { ...base, jobType: a, scheduleId: c! });
    }
  }
  return { kind: 'none' };
}

/** The path prefix of the Power BI REST API (`https://api.powerbi.com/v1.0/myorg`). */
export const POWERBI_PREFIX = '/v1.0/myorg';

/** Matches a pathname that starts with `/v1.0/myorg/`: `groups/{ws}/datasets/{model}/refreshes[/{refreshId}]`. */
export function matchPowerBIRoute(method: string, pathname: string): RouteMatch {
  const parts = pathname.slice(POWERBI_PREFIX.length).replace(/\/+$/, '').split('/').slice(1).map(decode);
  if (parts.some((p) => p === undefined || p === '')) return { kind: 'none' };
  const s = parts as string[];
  if (s.length < 5 || s.length > 6 || s[0] !== 'groups' || s[2] !== 'datasets' || s[4] !== 'refreshes') return { kind: 'none' };
  const base = { workspaceId: s[1]!, itemId: s[3]! };
  if (s.length === 5) return pick(method, { GET: 'refresh-history', POST: 'refresh' }, base);
  return pick(method, { GET: 'refresh-get', DELETE: 'refresh-cancel' }, { ...base, jobInstanceId: s[5]! });
}

const same = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

/** The run-details routes, or undefined when `s` (the path segments after /v1) is none of them. */
function matchDetailsRoute(method: string, s: string[]): RouteMatch | undefined {
  if (s[0] !== 'workspaces' || s.length < 5) return undefined;
  const workspaceId = s[1]!;
  // POST /workspaces/{ws}/datapipelines/pipelineruns/{jobId}/queryactivityruns: the item is found from the job.
  if (s.length === 6 && same(s[2], 'datapipelines') && same(s[3], 'pipelineruns') && same(s[5], 'queryactivityruns')) {
    return pick(method, { POST: 'activity-runs' }, { workspaceId, itemId: '', jobInstanceId: s[4]! });
  }
  const collection = same(s[2], 'notebooks') ? 'notebooks' : same(s[2], 'sparkJobDefinitions') ? 'sparkJobDefinitions' : undefined;
  if (!collection) return undefined;
  const itemId = s[3]!;
  if (s.length === 5 && same(s[4], 'livySessions')) return pick(method, { GET: 'livy-list' }, { workspaceId, itemId, collection });
  // The released notebook route (notebook/swagger.json BackgroundJobs_RunOnDemandNotebook): a RunNotebook run.
  if (collection === 'notebooks' && s.length === 7 && same(s[4], 'jobs') && same(s[5], 'execute') && same(s[6], 'instances')) {
    return pick(method, { POST: 'run' }, { workspaceId, itemId, jobType: 'RunNotebook', collection });
  }
  if (collection === 'notebooks' && s.length === 8 && same(s[4], 'jobs') && same(s[5], 'execute') && same(s[6], 'instances')) {
    return pick(method, { GET: 'notebook-get' }, { workspaceId, itemId, jobInstanceId: s[7]! });
  }
  return undefined;
}

/**
 * The long-running operation routes (see operation-handlers.ts), or undefined. A deployment pipeline's
 * id stands for both workspace and item; `/operations/{id}` names no item: api.ts finds it from the operation.
 */
function matchOperationRoute(method: string, s: string[]): RouteMatch | undefined {
  if (s[0] === 'operations' && (s.length === 2 || (s.length === 3 && s[2] === 'result'))) {
    return pick(method, { GET: s.length === 2 ? 'operation-get' : 'operation-result' }, { workspaceId: s[1]!, itemId: '', jobInstanceId: s[1]! });
  }
  if (s[0] === 'deploymentPipelines' && s.length === 3) {
    const base = { workspaceId: s[1]!, itemId: s[1]! };
    if (s[2] === 'deploy') return pick(method, { POST: 'deploy' }, base);
    if (s[2] === 'stages') return pick(method, { GET: 'deploy-stages' }, base);
    return undefined;
  }
  if (s[0] !== 'workspaces') return undefined;
  const base = { workspaceId: s[1]!, itemId: s[3]! };
  if (s.length === 5 && same(s[2], 'sqlEndpoints') && s[4] === 'refreshMetadata') return pick(method, { POST: 'sql-refresh-metadata' }, base);
  if (s.length === 5 && s[2] === 'items' && s[4] === 'getDefinition') return pick(method, { POST: 'get-definition' }, base);
  if (s.length === 7 && same(s[2], 'lakehouses') && s[4] === 'tables' && s[6] === 'load') return pick(method, { POST: 'load-table' }, { ...base, tableName: s[5]! });
  return undefined;
}
