/**
 * Item schedule operations: create, list, get, update, delete.
 */
import type { RequestContext } from './context.js';
import { FabricApiError, notFound } from './errors.js';
import type { Reply } from './http-io.js';
import { paginate } from './pagination.js';
import { MAX_SCHEDULES_PER_ITEM } from './schedule-store.js';
import type { ScheduleRecord } from './schedule-store.js';
import { parseScheduleRequest } from './schedule-validation.js';
import { formatFabricTime } from './time.js';

/** Fabric's ItemSchedule. */
export function toItemSchedule(s: ScheduleRecord): Record<string, unknown> {
  return {
    id: s.id,
    enabled: s.enabled,
    createdDateTime: formatFabricTime(s.createdAtMs),
    configuration: s.configuration,
    owner: s.owner,
    ...(s.executionData !== undefined ? { executionData: s.executionData } : {}),
  };
}

function key(ctx: RequestContext): { workspaceId: string; itemId: string; jobType: string } {
  const { workspaceId, itemId, jobType } = ctx.route;
  return { workspaceId, itemId, jobType: jobType! };
}

const schedulesUrl = (ctx: RequestContext): string =>
  `${ctx.baseUrl}/v1/workspaces/${ctx.route.workspaceId}/items/${ctx.route.itemId}/jobs/${encodeURIComponent(ctx.route.jobType!)}/schedules`;

function findSchedule(ctx: RequestContext): ScheduleRecord {
  const schedule = ctx.state.schedules.get(key(ctx), ctx.route.scheduleId!);
  if (!schedule) throw notFound('EntityNotFound', `The schedule '${ctx.route.scheduleId}' was not found.`);
  return schedule;
}

export function createSchedule(ctx: RequestContext, ownerId: string): Reply {
  const request = parseScheduleRequest(ctx.bodyText);
  const { workspaceId, itemId } = ctx.route;
  if (ctx.state.schedules.countForItem(workspaceId, itemId) >= MAX_SCHEDULES_PER_ITEM) {
    throw new FabricApiError(400, 'ScheduleExceedsLimit', `An item can have at most ${MAX_SCHEDULES_PER_ITEM} schedules.`);
  }
  const schedule = ctx.state.schedules.create(key(ctx), request, { id: ownerId, type: 'User' });
  return { status: 201, headers: { Location: `${schedulesUrl(ctx)}/${schedule.id}` }, body: toItemSchedule(schedule) };
}

export function listSchedules(ctx: RequestContext): Reply {
  const all = ctx.state.schedules.list(key(ctx));
  const token = ctx.url.searchParams.get('continuationToken');
  const page = paginate(all, token, ctx.state.pageSize, (t) => `${schedulesUrl(ctx)}?continuationToken=${encodeURIComponent(t)}`, toItemSchedule);
  return { status: 200, body: page };
}

export function getSchedule(ctx: RequestContext): Reply {
  return { status: 200, body: toItemSchedule(findSchedule(ctx)) };
}

export function updateSchedule(ctx: RequestContext): Reply {
  const schedule = findSchedule(ctx);
  const request = parseScheduleRequest(ctx.bodyText);
  return { status: 200, body: toItemSchedule(ctx.state.schedules.update(schedule, request)) };
}

export function deleteSchedule(ctx: RequestContext): Reply {
  const schedule = findSchedule(ctx);
  ctx.state.schedules.delete(schedule.id);
  return { status: 200 };
}
