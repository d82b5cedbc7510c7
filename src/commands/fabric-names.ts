/**
 * Names on the command line: the CLI resolves workspace and item names before it starts anything
 * (one NameResolver per invocation, so each list is read once), and turns what went wrong into exit
 * codes: an unknown or ambiguous name, a bad reference or a job type that cannot be inferred → 2
 * (UsageError, with the closest names); Fabric errors as fabric-schedule maps them (403 → 3, naming
 * the refused identity).
 */
import type { FabricClient } from '../fabric/index.js';
import { NameResolver, type LabelledTarget, type ResolvedTarget } from '../names/index.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { callFabric, fabricClient } from './fabric-calls.js';

const INPUT_ERRORS = new Set(['FabricItemNotFound', 'FabricItemAmbiguous', 'JobTypeNotInferable', 'InvalidFabricReference']);

/** Runs `call` with a resolver over the configured Fabric client; resolution problems exit 2. */
export async function withNames<T>(ctx: CliContext, what: string, call: (resolver: NameResolver, fabric: FabricClient) => Promise<T>): Promise<T> {
  const fabric = fabricClient(ctx);
  const resolver = new NameResolver(fabric);
  try {
    return await callFabric(what, () => call(resolver, fabric));
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name !== undefined && INPUT_ERRORS.has(name)) throw new UsageError(`${(error as Error).message}; nothing was started`);
    throw error;
  }
}

/**
 * Checks every target before anything starts: resolves them all (each list read once) and reports
 * every unknown or ambiguous name at once (exit 2), or returns what they resolved to.
 */
export async function checkTargets(ctx: CliContext, targets: Record<string, LabelledTarget>, defaultWorkspace?: string): Promise<Record<string, ResolvedTarget>> {
  if (Object.keys(targets).length === 0) return {};
  const problems: string[] = [];
  const resolved = await withNames(ctx, 'resolve names', async (resolver) => {
    const out: Record<string, ResolvedTarget> = {};
    for (const [key, { labels, ...target }] of Object.entries(targets)) {
      try {
        out[key] = await resolver.target(target, labels, defaultWorkspace);
      } catch (error) {
        const name = (error as { name?: string })?.name;
        if (name === undefined || !INPUT_ERRORS.has(name)) throw error;
        problems.push((error as Error).message);
      }
    }
    return out;
  });
  if (problems.length > 0) throw new UsageError([...problems, 'nothing was started']);
  return resolved;
}

/** `item "Load orders.Notebook" (aaaa…) in workspace "Sales Prod" (1111…), job type RunNotebook`. */
export function describeResolved(t: ResolvedTarget): string {
  const item = t.itemName !== undefined ? `item "${t.itemName}.${t.itemType}" (${t.itemId})` : `item ${t.itemId}`;
  const workspace = t.workspaceName !== undefined ? `workspace "${t.workspaceName}" (${t.workspaceId})` : `workspace ${t.workspaceId}`;
  return `${item} in ${workspace}, job type ${t.jobType}`;
}
