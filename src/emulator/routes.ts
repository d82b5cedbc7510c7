/**
 * Matching /v1 paths of the Job Scheduler API to operations.
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
