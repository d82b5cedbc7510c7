/**
 * `fabric-temporal workspaces` and `fabric-temporal items [--workspace W] [--type T]`: what the
 * Fabric identity (FABRIC_AUTH) can see, with the names and ids the other commands accept.
 * Human table on stdout, or one JSON object with `--json`.
 */
import type { Command } from 'commander';
import type { FabricItem } from '../fabric/index.js';
import { canonicalItemType, closestNames, ITEM_TYPES, parseWorkspaceRef } from '../names/index.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { withNames } from './fabric-names.js';
import { formatTable } from './table.js';

interface ListedItem {
  id: string;
  name: string;
  type: string;
  workspaceId: string;
  workspaceName: string | null;
}

function parseType(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const type = canonicalItemType(raw.trim());
  if (type !== undefined) return type;
  const near = closestNames(raw, ITEM_TYPES, 1);
  throw new UsageError(`--type "${raw}": unknown item type${near.length > 0 ? ` (did you mean ${near[0]}?)` : ''}; e.g. Notebook, DataPipeline, SparkJobDefinition, Lakehouse, Dataflow`);
}

export function registerCatalogCommands(program: Command, ctx: CliContext): void {
  program
    .command('workspaces')
    .description('list the Fabric workspaces the identity can see: name, type, id')
    .option('--json', 'print one JSON object on stdout: { "workspaces": [{ id, name, type }] }')
    .action(
      ctx.handler(async (options: { json?: boolean }) => {
        const rows = await withNames(ctx, 'list workspaces', async (_resolver, fabric) => {
          const out: { id: string; name: string; type: string | null }[] = [];
          for await (const w of fabric.listWorkspaces()) out.push({ id: w.id, name: w.displayName, type: w.type ?? null });
          return out;
        });
        if (options.json) ctx.json({ workspaces: rows });
        else if (rows.length === 0) ctx.info('No workspaces are visible to this identity.');
        else ctx.io.stdout.write(`${formatTable(['NAME', 'TYPE', 'ID'], rows.map((r) => [r.name, r.type ?? '-', r.id]))}\n`);
        return EXIT.ok;
      }),
    );

  program
    .command('items')
    .description('list Fabric items the identity can see: name, type, id (every workspace unless --workspace)')
    .option('--workspace <name|uuid>', 'only this workspace')
    .option('--type <ItemType>', 'only items of this type, e.g. Notebook, DataPipeline, Lakehouse')
    .option('--json', 'print one JSON object on stdout: { "items": [{ id, name, type, workspaceId, workspaceName }] }')
    .action(
      ctx.handler(async (options: { workspace?: string; type?: string; json?: boolean }) => {
        const type = parseType(options.type);
        const workspaceRef = options.workspace === undefined ? undefined : parseWithUsage(() => parseWorkspaceRef(options.workspace!, '--workspace'));
        const rows = await withNames(ctx, 'list items', async (resolver, fabric) => {
          const workspaces: { id: string; name: string | null }[] = [];
          if (workspaceRef) {
            const w = await resolver.workspace(workspaceRef);
            workspaces.push({ id: w.id, name: w.name ?? null });
          } else {
            for await (const w of fabric.listWorkspaces()) workspaces.push({ id: w.id, name: w.displayName });
          }
          const out: ListedItem[] = [];
          for (const w of workspaces) {
            const items: AsyncIterable<FabricItem> = fabric.listItems(w.id, type === undefined ? {} : { type });
            for await (const i of items) out.push({ id: i.id, name: i.displayName, type: i.type, workspaceId: w.id, workspaceName: w.name });
          }
          return out;
        });
        if (options.json) ctx.json({ items: rows });
        else if (rows.length === 0) ctx.info('No items found.');
        else {
          const table = formatTable(['NAME', 'TYPE', 'ID', 'WORKSPACE'], rows.map((r) => [r.name, r.type, r.id, r.workspaceName ?? r.workspaceId]));
          ctx.io.stdout.write(`${table}\n`);
        }
        return EXIT.ok;
      }),
    );
}

function parseWithUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
