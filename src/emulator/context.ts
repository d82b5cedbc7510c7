/**
 * What handlers share: the emulator's state, and the request being handled.
 */
import type { CapacityLimits } from './capacity.js';
import type { CatalogStore } from './catalog.js';
import type { JobRecord } from './job-state.js';
import type { JobStore } from './job-store.js';
import type { RequestLog } from './request-log.js';
import type { Route } from './routes.js';
import type { ScenarioRegistry } from './scenario-registry.js';
import type { ScheduleStore } from './schedule-store.js';
import type { Fault } from './types.js';

export interface EmulatorState {
  jobs: JobStore;
  schedules: ScheduleStore;
  /** Workspaces and items with names and types (List Workspaces, List Items). */
  catalog: CatalogStore;
  scenarios: ScenarioRegistry;
  /** Concurrent Spark job limits per workspace (the 430 model). */
  capacity: CapacityLimits;
  log: RequestLog;
  now: () => number;
  pageSize: number;
  token?: string;
  /** Token → identity name (the `identities` option): each is accepted, and requests are logged with it. */
  identities?: ReadonlyMap<string, string>;
}

export interface RequestContext {
  state: EmulatorState;
  route: Route;
  url: URL;
  /** `http://host:port` as the client addressed the emulator (for Location and continuationUri). */
  baseUrl: string;
  requestId: string;
  bodyText: string;
  /** An operation-specific fault (not-found, unknown-status, malformed-json, no-location, reset-after-create). */
  fault?: Fault;
  /** Set by handlers: the job this request concerns (the server tracks its Retry-After). */
  job?: JobRecord;
}

/** Absolute URL of an item's job instances collection. */
export function instancesUrl(ctx: RequestContext): string {
  const { workspaceId, itemId } = ctx.route;
  return `${ctx.baseUrl}/v1/workspaces/${workspaceId}/items/${itemId}/jobs/instances`;
}
