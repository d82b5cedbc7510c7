/** Item schedule CRUD under `.../items/{itemId}/jobs/{jobType}/schedules`. */
import type { OperationOptions, ScheduleScope } from './client-types.js';
import type { JobContext } from './job-operations.js';
import { parseJsonObject, protocolError, type SuccessResponse } from './json.js';
import { paginate } from './pagination.js';
import type { CreateScheduleRequest, ItemSchedule, UpdateScheduleRequest } from './schedule-models.js';
import { assertScheduleRequest } from './schedule-validation.js';
import { assertJobType, assertUuid } from './validation.js';

function schedulesUrl(ctx: JobContext, scope: ScheduleScope, scheduleId?: string): string {
  const s = (scope ?? {}) as Partial<ScheduleScope>;
  assertUuid('workspaceId', s.workspaceId);
  assertUuid('itemId', s.itemId);
  assertJobType(s.jobType);
  if (scheduleId === undefined) return ctx.urls.schedules(s.workspaceId, s.itemId, s.jobType);
  assertUuid('scheduleId', scheduleId);
  return ctx.urls.schedule(s.workspaceId, s.itemId, s.jobType, scheduleId);
}

function toSchedule(res: SuccessResponse, json: unknown): ItemSchedule {
  const o = json as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || typeof o.configuration !== 'object') {
    throw protocolError(res, 'Fabric sent a schedule without an id and configuration');
  }
  return o as unknown as ItemSchedule;
}

function scheduleBody(request: CreateScheduleRequest | UpdateScheduleRequest): CreateScheduleRequest {
  assertScheduleRequest(request);
  const { enabled, configuration, executionData } = request;
  return { enabled, configuration, ...(executionData !== undefined && { executionData }) };
}

/** Creates a schedule (Fabric allows 20 per item; more answers `ScheduleExceedsLimit`). */
export async function createItemSchedule(
  ctx: JobContext, scope: ScheduleScope, request: CreateScheduleRequest, options: OperationOptions = {},
): Promise<ItemSchedule> {
  const url = schedulesUrl(ctx, scope);
  const body = scheduleBody(request);
  const res = await ctx.http.send({ operation: 'createItemSchedule', method: 'POST', url, body, signal: options.signal });
  return toSchedule(res, parseJsonObject(res, 'a schedule'));
}

/** Every schedule of the job type, all pages. Validates eagerly. */
export function listItemSchedules(
  ctx: JobContext, scope: ScheduleScope, options: OperationOptions = {},
): AsyncGenerator<ItemSchedule, void, undefined> {
  const url = schedulesUrl(ctx, scope);
  return paginate(ctx.http, ctx.urls, 'listItemSchedules', url, options.signal, (item, res) => toSchedule(res, item));
}

export async function getItemSchedule(
  ctx: JobContext, scope: ScheduleScope, scheduleId: string, options: OperationOptions = {},
): Promise<ItemSchedule> {
  const url = schedulesUrl(ctx, scope, scheduleId);
  const res = await ctx.http.send({ operation: 'getItemSchedule', method: 'GET', url, signal: options.signal });
  return toSchedule(res, parseJsonObject(res, 'a schedule'));
}

export async function updateItemSchedule(
  ctx: JobContext, scope: ScheduleScope, scheduleId: string, request: UpdateScheduleRequest, options: OperationOptions = {},
): Promise<ItemSchedule> {
  const url = schedulesUrl(ctx, scope, scheduleId);
  const body = scheduleBody(request);
  const res = await ctx.http.send({ operation: 'updateItemSchedule', method: 'PATCH', url, body, signal: options.signal });
  return toSchedule(res, parseJsonObject(res, 'a schedule'));
}

export async function deleteItemSchedule(
  ctx: JobContext, scope: ScheduleScope, scheduleId: string, options: OperationOptions = {},
): Promise<void> {
  const url = schedulesUrl(ctx, scope, scheduleId);
  await ctx.http.send({ operation: 'deleteItemSchedule', method: 'DELETE', url, signal: options.signal });
}
