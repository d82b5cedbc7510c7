/**
 * Names → ids through Fabric's List Workspaces and List Items (every page), with closest-name
 * suggestions, clear errors for duplicates and for items renamed or deleted since they were last
 * resolved, and the job type inferred from the item type. One NameResolver caches what it listed:
 * create one per CLI invocation or per workflow run (activity call), never across runs.
 * No Temporal imports: the CLI and the `resolveFabricNames` activity both use it.
 */
import { closestNames } from './closest.js';
import { FabricItemAmbiguous, FabricItemNotFound } from './errors.js';
import { inferJobType, type ItemType } from './item-types.js';
import { parseItemRef, parseTypedItemRef, parseWorkspaceRef, type ItemRef, type WorkspaceRef } from './reference.js';

interface Named {
  id: string;
  displayName: string;
}
interface ListedItem extends Named {
  type: string;
}

/** The two Fabric calls the resolver needs (FabricClient has them). */
export interface CatalogClient {
  listWorkspaces(options?: { signal?: AbortSignal }): AsyncIterable<Named>;
  listItems(workspaceId: string, options?: { type?: string; signal?: AbortSignal }): AsyncIterable<ListedItem>;
}

/** A job's target as written: references (ids or names) and an optional job type. */
export interface TargetReference {
  /** Workspace id or name; optional when `item` is a path or the caller has a default. */
  workspace?: string;
  /** Item id, `Name.ItemType`, or `Workspace.Workspace/Name.ItemType`. */
  item: string;
  /** Wins over the inferred one. */
  jobType?: string;
  /** Ids this target resolved to before (e.g. when a schedule was created): a missing name then says "renamed" or "deleted". */
  lastKnown?: { workspaceId?: string; itemId?: string };
  /**
   * Look among items of this type only (e.g. `SemanticModel` for a refresh): a plain name means an
   * item of this type, another `.Type` suffix is refused, an id is taken as it is, and no job type is
   * required or inferred (the result has none). @default none (a job's target)
   */
  itemType?: ItemType;
}

/** A resolved item: ids, and the names beside them (absent for parts given as ids). */
export interface ResolvedItem {
  workspaceId: string;
  itemId: string;
  workspaceName?: string;
  itemName?: string;
  itemType?: string;
}

/** A resolved job target: the item, and the job type to run. */
export interface ResolvedTarget extends ResolvedItem {
  jobType: string;
}

export interface TargetLabels {
  /** @default '--workspace' */
  workspace?: string;
  /** @default '--item' */
  item?: string;
  /** @default '--job-type' */
  jobType?: string;
}

export class NameResolver {
  private workspaces: Promise<Named[]> | undefined;
  private readonly items = new Map<string, Promise<ListedItem[]>>();

  constructor(
    private readonly client: CatalogClient,
    private readonly options: { signal?: AbortSignal } = {},
  ) {}

  /** Workspace id (and name when given by name). */
  async workspace(ref: WorkspaceRef, what = '--workspace', lastKnownId?: string): Promise<{ id: string; name?: string }> {
    if (ref.kind === 'id') return { id: ref.id };
    const all = await this.listWorkspaces();
    const found = matching(all, ref.name);
    if (found.length === 1) return { id: found[0]!.id, name: found[0]!.displayName };
    if (found.length > 1) {
      const ids = found.map((w) => w.id);
      throw new FabricItemAmbiguous(`${what} "${ref.name}": ${found.length} workspaces have this name (${ids.join(', ')}); give the id instead`, {
        kind: 'workspace',
        reference: ref.name,
        ids,
      });
    }
    const suggestions = closestNames(ref.name, all.map((w) => w.displayName));
    const before = lastKnownId === undefined ? undefined : all.find((w) => sameId(w.id, lastKnownId));
    throw new FabricItemNotFound(
      `${what} "${ref.name}": no workspace with this name is visible to this identity${gone('workspace', lastKnownId, before)}${hint(suggestions, 'fabric-temporal workspaces')}`,
      { kind: 'workspace', reference: ref.name, suggestions, ...(lastKnownId && { lastKnownId }), ...(before && { renamedTo: before.displayName }) },
    );
  }

  /**
   * Item id (and name, type when given by name). `workspaceId` is where to look (for a path, the
   * path's workspace wins and must have been resolved by the caller: use `target`).
   */
  async item(ref: Extract<ItemRef, { kind: 'name' }>, workspaceId: string, what = '--item', lastKnownId?: string): Promise<ListedItem> {
    const all = await this.listItems(workspaceId, ref.type);
    const ofType = all.filter((item) => item.type.toLowerCase() === ref.type.toLowerCase());
    const found = matching(ofType, ref.name);
    if (found.length === 1) return found[0]!;
    const shown = `${ref.name}.${ref.type}`;
    if (found.length > 1) {
      const ids = found.map((i) => i.id);
      throw new FabricItemAmbiguous(
        `${what} "${shown}": ${found.length} items of type ${ref.type} have this name in workspace ${workspaceId} (${ids.join(', ')}); rename one, or give the id`,
        { kind: 'item', reference: shown, ids },
      );
    }
    const suggestions = closestNames(ref.name, ofType.map((i) => i.displayName)).map((name) => `${name}.${ref.type}`);
    const before = lastKnownId === undefined ? undefined : ofType.find((i) => sameId(i.id, lastKnownId));
    throw new FabricItemNotFound(
      `${what} "${shown}": no ${ref.type} with this name in workspace ${workspaceId}${gone('item', lastKnownId, before)}${hint(suggestions, `fabric-temporal items --workspace ${workspaceId} --type ${ref.type}`)}`,
      {
        kind: 'item',
        reference: shown,
        suggestions,
        workspaceId,
        ...(lastKnownId && { lastKnownId }),
        ...(before && { renamedTo: `${before.displayName}.${ref.type}` }),
      },
    );
  }

  /** The type of an item given by id (one List Items of its workspace); undefined when it is not listed. */
  async typeOf(workspaceId: string, itemId: string): Promise<string | undefined> {
    const all = await this.listItems(workspaceId, undefined);
    return all.find((item) => sameId(item.id, itemId))?.type;
  }

  /**
   * Resolves a target: the workspace (the item path's, else `target.workspace`, else
   * `defaultWorkspace`) and the item. A job's target (no `itemType`) also gets its job type
   * (explicit, else inferred from the item type). A target with `itemType` is looked up among items
   * of that type only, and gets no job type.
   * @throws InvalidFabricReference, FabricItemNotFound, FabricItemAmbiguous, JobTypeNotInferable, or a Fabric client error.
   */
  async target(target: TargetReference & { itemType: ItemType }, labels?: TargetLabels, defaultWorkspace?: string): Promise<ResolvedItem>;
  async target(target: TargetReference, labels?: TargetLabels, defaultWorkspace?: string): Promise<ResolvedTarget>;
  async target(target: TargetReference, labels: TargetLabels = {}, defaultWorkspace?: string): Promise<ResolvedTarget | ResolvedItem> {
    const what = { workspace: labels.workspace ?? '--workspace', item: labels.item ?? '--item', jobType: labels.jobType ?? '--job-type' };
    const itemRef = target.itemType !== undefined ? parseTypedItemRef(target.item, target.itemType, what.item) : parseItemRef(target.item, what.item);
    const pathWorkspace = itemRef.kind === 'name' ? itemRef.workspace : undefined;
    const workspaceText = target.workspace ?? defaultWorkspace;
    if (pathWorkspace === undefined && workspaceText === undefined) {
      const example = target.itemType !== undefined && !target.item.includes('.') ? `${target.item}.${target.itemType}` : target.item;
      throw new FabricItemNotFound(`${what.item} "${target.item}": which workspace? give ${what.workspace}, or write the item as "Workspace.Workspace/${example}"`, {
        kind: 'workspace',
        reference: '',
        suggestions: [],
      });
    }
    const workspaceRef = pathWorkspace ?? parseWorkspaceRef(workspaceText!, what.workspace);
    const workspace = await this.workspace(workspaceRef, pathWorkspace ? what.item : what.workspace, target.lastKnown?.workspaceId);
    const out = { workspaceId: workspace.id, ...(workspace.name !== undefined && { workspaceName: workspace.name }) };
    if (target.itemType !== undefined) {
      if (itemRef.kind === 'id') return { ...out, itemId: itemRef.id };
      const item = await this.item(itemRef, workspace.id, what.item, target.lastKnown?.itemId);
      return { ...out, itemId: item.id.toLowerCase(), itemName: item.displayName, itemType: item.type };
    }
    if (itemRef.kind === 'id') {
      const explicit = target.jobType?.trim() ? target.jobType : undefined;
      const itemType = explicit ? undefined : await this.typeOf(workspace.id, itemRef.id);
      if (!explicit && itemType === undefined) {
        throw new FabricItemNotFound(`${what.item} ${itemRef.id}: no such item in workspace ${workspace.id}, so its job type cannot be inferred; give ${what.jobType}`, {
          kind: 'item',
          reference: itemRef.id,
          suggestions: [],
          workspaceId: workspace.id,
        });
      }
      const jobType = explicit ?? inferJobType(itemType!, undefined, `${what.item} ${itemRef.id}`, what.jobType);
      return { ...out, itemId: itemRef.id, jobType, ...(itemType !== undefined && { itemType }) };
    }
    const item = await this.item(itemRef, workspace.id, what.item, target.lastKnown?.itemId);
    const jobType = inferJobType(item.type, target.jobType, `${what.item} "${item.displayName}.${item.type}"`, what.jobType);
    return { ...out, itemId: item.id.toLowerCase(), jobType, itemName: item.displayName, itemType: item.type };
  }

  private listWorkspaces(): Promise<Named[]> {
    this.workspaces ??= collect(this.client.listWorkspaces(this.signalOption()));
    return this.workspaces;
  }

  private listItems(workspaceId: string, type: string | undefined): Promise<ListedItem[]> {
    const key = `${workspaceId.toLowerCase()}|${type ?? ''}`;
    let list = this.items.get(key);
    if (!list) {
      list = collect(this.client.listItems(workspaceId, { ...(type !== undefined && { type }), ...this.signalOption() }));
      this.items.set(key, list);
    }
    return list;
  }

  private signalOption(): { signal?: AbortSignal } {
    return this.options.signal ? { signal: this.options.signal } : {};
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Exact display name first; else the case-insensitive matches (Fabric compares names without case). */
function matching<T extends Named>(all: T[], name: string): T[] {
  const exact = all.filter((x) => x.displayName === name);
  if (exact.length > 0) return exact;
  const lower = name.trim().toLowerCase();
  return all.filter((x) => x.displayName.trim().toLowerCase() === lower);
}

function gone(kind: string, lastKnownId: string | undefined, now: Named | undefined): string {
  if (lastKnownId === undefined) return '';
  if (now) return `; the ${kind} resolved before (${lastKnownId}) is now named "${now.displayName}": it was renamed`;
  return `; the ${kind} resolved before (${lastKnownId}) no longer exists: it was deleted or renamed`;
}

function hint(suggestions: string[], listCommand: string): string {
  if (suggestions.length === 0) return ` (list them with: ${listCommand})`;
  return `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`;
}
