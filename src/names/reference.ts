/**
 * How a workspace or an item is written, as microsoft/fabric-cli (`fab`) writes it. Pure and
 * sandbox-safe (the workflows parse references too).
 *
 * - a UUID: `4b218778-e7a5-4d73-8187-f10824047715`;
 * - a workspace by name: `Sales Prod`, or `Sales Prod.Workspace`;
 * - an item by name: its display name, then `.ItemType`: `Load orders.Notebook` (the type is
 *   required: names are unique per type only);
 * - a path, workspace then item: `Sales Prod.Workspace/Load orders.Notebook`.
 *
 * Names may hold dots and spaces; the item type is what follows the last dot. Bad input gets one
 * message each (InvalidFabricReference).
 */
import { closestNames } from './closest.js';
import { canonicalItemType, ITEM_TYPES, type ItemType } from './item-types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORKSPACE_SUFFIX = '.workspace';

export type WorkspaceRef = { kind: 'id'; id: string } | { kind: 'name'; name: string };

export type ItemRef =
  | { kind: 'id'; id: string }
  /** `workspace` is set when the item was written as a path. */
  | { kind: 'name'; name: string; type: ItemType; workspace?: WorkspaceRef };

/** A reference that cannot be read. Matched by `name`; `message` names the input and what is expected, `reason` only the latter. */
export class InvalidFabricReference extends Error {
  override readonly name = 'InvalidFabricReference';
  constructor(
    what: string,
    text: string,
    readonly reason: string,
  ) {
    super(`${what} ${JSON.stringify(text)}: ${reason}`);
  }
}

function problemOf(parse: (text: string) => unknown, text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (error) {
    return (error as InvalidFabricReference).reason;
  }
}

/** Why `text` is not a workspace reference (an id, a name, `Name.Workspace`), or undefined. */
export function workspaceRefProblem(text: unknown): string | undefined {
  return typeof text === 'string' ? problemOf(parseWorkspaceRef, text) : 'must be a workspace id or name';
}

/** Why `text` is not an item reference (an id, `Name.ItemType`, a path), or undefined. */
export function itemRefProblem(text: unknown): string | undefined {
  return typeof text === 'string' ? problemOf(parseItemRef, text) : 'must be an item id or "Name.ItemType"';
}

/** True when `text` is an item path (`Workspace.Workspace/Name.ItemType`): it names its workspace. */
export function isItemPath(text: unknown): boolean {
  return typeof text === 'string' && !UUID.test(text.trim()) && text.includes('/');
}

export function isUuidText(text: string): boolean {
  return UUID.test(text);
}

/**
 * A UUID mistyped (a character short or long, a dash misplaced) would otherwise be looked up as a
 * name: hex digits and at least three dashes, 30 characters or more, and not a UUID.
 */
function refuseNearUuid(value: string, text: string, what: string): void {
  if (!/^[0-9a-f-]{30,}$/i.test(value) || (value.match(/-/g)?.length ?? 0) < 3 || UUID.test(value)) return;
  const groups = value.split('-').map((group) => group.length).join('-');
  throw new InvalidFabricReference(what, text, `not a UUID: ${value.length} characters in groups of ${groups}, where a UUID has 36 in groups of 8-4-4-4-12 (copy it again from the item's URL in Fabric)`);
}

/**
 * A workspace: a UUID, a name, or `Name.Workspace`.
 * @param what how the message names the input, e.g. `--workspace`.
 */
export function parseWorkspaceRef(text: string, what = 'workspace'): WorkspaceRef {
  const value = text.trim();
  if (UUID.test(value)) return { kind: 'id', id: value.toLowerCase() };
  refuseNearUuid(value, text, what);
  if (value.includes('/')) {
    throw new InvalidFabricReference(what, text, 'a workspace is a name or an id, not a path (a "/" separates a workspace from an item)');
  }
  const name = value.toLowerCase().endsWith(WORKSPACE_SUFFIX) ? value.slice(0, -WORKSPACE_SUFFIX.length).trim() : value;
  if (name === '') throw new InvalidFabricReference(what, text, 'the workspace name is empty');
  return { kind: 'name', name };
}

/**
 * An item: a UUID, `Name.ItemType`, or the path `Workspace.Workspace/Name.ItemType`.
 * @param what how the message names the input, e.g. `--item`.
 */
export function parseItemRef(text: string, what = 'item'): ItemRef {
  const value = text.trim();
  if (UUID.test(value)) return { kind: 'id', id: value.toLowerCase() };
  refuseNearUuid(value, text, what);
  if (value === '') throw new InvalidFabricReference(what, text, 'empty; expected an item id or "Name.ItemType", e.g. "Load orders.Notebook"');
  const parts = value.split('/');
  if (parts.length > 2) {
    throw new InvalidFabricReference(what, text, `a path has two parts, "Workspace.Workspace/Name.ItemType"; this one has ${parts.length} (folders are not supported)`);
  }
  if (parts.length === 2) {
    let workspace: WorkspaceRef;
    try {
      workspace = parseWorkspaceRef(parts[0]!);
    } catch (error) {
      throw new InvalidFabricReference(what, text, `workspace part: ${(error as InvalidFabricReference).reason}`);
    }
    const item = parseNamedItem(parts[1]!, text, what);
    return { ...item, workspace };
  }
  return parseNamedItem(value, text, what);
}

function parseNamedItem(part: string, text: string, what: string): Extract<ItemRef, { kind: 'name' }> {
  const value = part.trim();
  if (UUID.test(value)) {
    throw new InvalidFabricReference(what, text, 'in a path the item is "Name.ItemType"; give an item id on its own');
  }
  const dot = value.lastIndexOf('.');
  if (dot < 0) {
    throw new InvalidFabricReference(what, text, `add the item type after a dot, e.g. "${value}.Notebook" (item names are unique per type; list them with: fabric-temporal items)`);
  }
  const name = value.slice(0, dot).trim();
  const suffix = value.slice(dot + 1).trim();
  const type = canonicalItemType(suffix);
  if (type === undefined) {
    const near = closestNames(suffix, ITEM_TYPES, 1);
    const hint = near.length > 0 ? `did you mean ${near[0]}?` : 'e.g. Notebook, DataPipeline, SparkJobDefinition, Lakehouse, Dataflow';
    throw new InvalidFabricReference(what, text, `unknown item type "${suffix}" (${hint})`);
  }
  if (name === '') throw new InvalidFabricReference(what, text, `the item name before ".${type}" is empty`);
  return { kind: 'name', name, type };
}

/**
 * An item of one known type (a semantic model for a refresh): a UUID, its name (`Sales`),
 * `Name.Type` (`Sales.SemanticModel`), or a path whose item part is either
 * (`Sales Prod.Workspace/Sales`). A name may hold dots (`Sales v1.2`); a suffix that names another
 * item type is refused (write `Sales.Report.SemanticModel` for a model named `Sales.Report`).
 * @param what how the message names the input, e.g. `--semantic-model`.
 */
export function parseTypedItemRef(text: string, type: ItemType, what = 'item'): ItemRef {
  const value = text.trim();
  if (UUID.test(value)) return { kind: 'id', id: value.toLowerCase() };
  refuseNearUuid(value, text, what);
  const example = `e.g. "Sales" or "Sales.${type}"`;
  if (value === '') throw new InvalidFabricReference(what, text, `empty; expected a ${type} id or name, ${example}`);
  const parts = value.split('/');
  if (parts.length > 2) {
    throw new InvalidFabricReference(what, text, `a path has two parts, "Workspace.Workspace/Name.${type}"; this one has ${parts.length} (folders are not supported)`);
  }
  let workspace: WorkspaceRef | undefined;
  if (parts.length === 2) {
    try {
      workspace = parseWorkspaceRef(parts[0]!);
    } catch (error) {
      throw new InvalidFabricReference(what, text, `workspace part: ${(error as InvalidFabricReference).reason}`);
    }
  }
  const part = parts.at(-1)!.trim();
  if (workspace && UUID.test(part)) throw new InvalidFabricReference(what, text, `in a path the item is a name; give a ${type} id on its own`);
  const dot = part.lastIndexOf('.');
  const suffix = dot < 0 ? undefined : canonicalItemType(part.slice(dot + 1).trim());
  if (suffix !== undefined && suffix !== type) {
    throw new InvalidFabricReference(what, text, `names a ${suffix}, not a ${type} (for a ${type} whose name ends in ".${part.slice(dot + 1).trim()}", write "${part}.${type}")`);
  }
  const name = (suffix === undefined ? part : part.slice(0, dot)).trim();
  if (name === '') throw new InvalidFabricReference(what, text, `the ${type} name is empty`);
  return { kind: 'name', name, type, ...(workspace && { workspace }) };
}

/** Why `text` is not a reference to an item of `type` (see parseTypedItemRef), or undefined. */
export function typedItemRefProblem(text: unknown, type: ItemType): string | undefined {
  return typeof text === 'string' ? problemOf((t) => parseTypedItemRef(t, type), text) : `must be a ${type} id or name`;
}

/** How a reference is shown: the id, `Name.Type`, or `Workspace.Workspace/Name.Type`. */
export function formatItemRef(ref: ItemRef): string {
  if (ref.kind === 'id') return ref.id;
  const item = `${ref.name}.${ref.type}`;
  return ref.workspace ? `${formatWorkspaceRef(ref.workspace)}.Workspace/${item}` : item;
}

export function formatWorkspaceRef(ref: WorkspaceRef): string {
  return ref.kind === 'id' ? ref.id : ref.name;
}
