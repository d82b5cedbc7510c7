/**
 * Names on the command line: the CLI resolves workspace and item names before it starts anything
 * (one NameResolver per invocation, so each list is read once), and turns what went wrong into exit
 * codes: an unknown or ambiguous name, a bad reference or a job type that cannot be inferred → 2
 * (UsageError, with the closest names); Fabric errors as fabric-schedule maps them (403 → 3, naming
 * the refused identity).
 */
import type { FabricClient } from '../fabric/index.js';
import { NameResolver, targetsByConnection, type LabelledTarget, type Resolved } from '../names/index.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { callFabric, fabricClient } from './fabric-calls.js';

const INPUT_ERRORS = new Set(['FabricItemNotFound', 'FabricItemAmbiguous', 'JobTypeNotInferable', 'InvalidFabricReference']);

/**
 * Runs `call` with a resolver over the configured Fabric client (of `connection`, when named);
 * resolution problems exit 2.
 */
export async function withNames<T>(ctx: CliContext, what: string, call: (resolver: NameResolver, fabric: FabricClient) => Promise<T>, connection?: string): Promise<T> {
  const fabric = await fabricClient(ctx, connection);
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
 * Checks every target before anything starts: resolves them all (each list read once per
 * connection; a target that names a connection is looked up with that connection's identity) and
 * reports every unknown or ambiguous name at once (exit 2), or returns what they resolved to.
 */
export async function checkTargets(ctx: CliContext, targets: Record<string, LabelledTarget>, defaultWorkspace?: string): Promise<Record<string, Resolved>> {
  const problems: string[] = [];
  const out: Record<string, Resolved> = {};
  for (const group of targetsByConnection(targets)) {
    await withNames(
      ctx,
      'resolve names',
      async (resolver) => {
        for (const [key, { labels, ...target }] of Object.entries(group.targets)) {
          try {
            out[key] = await resolver.target(target, labels, defaultWorkspace);
          } catch (error) {
            const name = (error as { name?: string })?.name;
            if (name === undefined || !INPUT_ERRORS.has(name)) throw error;
            problems.push((error as Error).message);
          }
        }
      },
      group.connection,
    );
  }
  if (problems.length > 0) throw new UsageError([...problems, 'nothing was started']);
  return out;
}

/**
 * `item "Load orders.Notebook" (aaaa…) in workspace "Sales Prod" (1111…), job type RunNotebook`;
 * a target without a job type (a semantic model) ends after the workspace.
 */
export function describeResolved(t: Resolved): string {
  const item = t.itemName !== undefined ? `item "${t.itemName}.${t.itemType}" (${t.itemId})` : `item ${t.itemId}`;
  const workspace = t.workspaceName !== undefined ? `workspace "${t.workspaceName}" (${t.workspaceId})` : `workspace ${t.workspaceId}`;
  return `${item} in ${workspace}${'jobType' in t ? `, job type ${t.jobType}` : ''}`;
}
