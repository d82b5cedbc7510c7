/**
 * Fabric's catalog: List Workspaces (`GET /workspaces`) and List Items (`GET /workspaces/{id}/items`),
 * every page. Paths, query parameters and fields as in Microsoft's published spec
 * (microsoft/fabric-rest-api-specs: platform/swagger.json operations Workspaces_ListWorkspaces and
 * Items_ListItems; models Workspace in platform/definitions/platform.json, Item and ItemType in
 * common/definitions.json).
 */
import type { OperationOptions } from './client-types.js';
import type { JobContext } from './job-operations.js';
import { protocolError, type SuccessResponse } from './json.js';
import { paginate } from './pagination.js';
import { assertUuid } from './validation.js';
import { FabricValidationError } from './errors/fabric-validation-error.js';

/** A workspace as List Workspaces returns it (fields beyond these are kept as sent). */
export interface FabricWorkspace {
  id: string;
  displayName: string;
  description?: string;
  /** `Personal`, `Workspace`, `AdminWorkspace` (more may be added). */
  type?: string;
  capacityId?: string;
}

/** An item as List Items returns it. */
export interface FabricItem {
  id: string;
  displayName: string;
  /** The ItemType, e.g. `Notebook`, `DataPipeline`, `Lakehouse` (more may be added). */
  type: string;
  workspaceId: string;
  description?: string;
  folderId?: string;
}

export interface ListItemsOptions extends OperationOptions {
  /** Only items of this ItemType (Fabric's `type` query parameter). @default every type */
  type?: string;
}

function checkEntry<T>(res: SuccessResponse, value: unknown, what: string, fields: readonly string[]): T {
  const o = value as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || fields.some((f) => typeof o[f] !== 'string')) {
    throw protocolError(res, `Fabric sent ${what} without ${fields.join(', ')}`);
  }
  return o as T;
}

/** Every workspace the caller can see, all pages. */
export function listWorkspaces(ctx: JobContext, options: OperationOptions = {}): AsyncGenerator<FabricWorkspace, void, undefined> {
  const url = `${ctx.urls.base}/workspaces`;
  return paginate(ctx.http, ctx.urls, 'listWorkspaces', url, options.signal, (value, res) =>
    checkEntry<FabricWorkspace>(res, value, 'a workspace', ['id', 'displayName']),
  );
}

/** Every item of a workspace (of one type when `type` is given), all pages. Validates eagerly. */
export function listItems(ctx: JobContext, workspaceId: string, options: ListItemsOptions = {}): AsyncGenerator<FabricItem, void, undefined> {
  assertUuid('workspaceId', workspaceId);
  const url = new URL(`${ctx.urls.base}/workspaces/${workspaceId}/items`);
  if (options.type !== undefined) {
    if (typeof options.type !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(options.type)) {
      throw new FabricValidationError('type', `type must be an item type such as Notebook, got ${JSON.stringify(options.type)}`);
    }
    url.searchParams.set('type', options.type);
  }
  return paginate(ctx.http, ctx.urls, 'listItems', url.href, options.signal, (value, res) => {
    const item = checkEntry<FabricItem>(res, value, 'an item', ['id', 'displayName', 'type']);
    // workspaceId is read-only and present in every spec example; fill it in if a response left it out.
    return typeof item.workspaceId === 'string' ? item : { ...item, workspaceId };
  });
}
