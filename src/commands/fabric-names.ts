/**
 * Names on the command line: the CLI resolves workspace and item names before it starts anything
 * (one NameResolver per invocation, so each list is read once), and turns what went wrong into exit
 * codes: an unknown or ambiguous name, a bad reference or a job type that cannot be inferred → 2
 * (UsageError, with the closest names); Fabric errors as fabric-schedule maps them (403 → 3, naming
 * the refused identity).
 */
import type { FabricClient } from '../fabric/index.js';
import { NameResolver } from '../names/index.js';
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
