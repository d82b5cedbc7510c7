/**
 * The CLI's guard before it starts a workflow that upserts the search attributes (`run`, `start`,
 * `pipeline run|start` with FABRIC_SEARCH_ATTRIBUTES=true): when one is missing on the namespace,
 * nothing is started and the command exits 3 with the registration commands. Checked once per
 * client (one CLI process).
 */
import type { Client } from '@temporalio/client';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { checkSearchAttributes, searchAttributeProblems, upsertsSearchAttributes } from './search-attributes.js';

/** Raised when the guard refuses; the CLI maps it to exit 3 (name 'InfrastructureError'). */
export class SearchAttributesNotRegistered extends Error {
  override readonly name = 'InfrastructureError';
}

const addresses = new WeakMap<Client, string>();
const checked = new WeakMap<Client, Promise<void>>();

/** Remembers where a client is connected, for the commands the guard prints. */
export function rememberAddress(client: Client, address: string): void {
  addresses.set(client, address);
}

async function check(client: Client): Promise<void> {
  const namespace = client.options.namespace;
  const address = addresses.get(client) ?? '<address>';
  let problems: string[];
  try {
    const result = await checkSearchAttributes(client.connection, namespace);
    problems = searchAttributeProblems(result, namespace, address);
  } catch (error) {
    throw new SearchAttributesNotRegistered(`cannot list the search attributes of namespace ${JSON.stringify(namespace)} at ${address}: ${oneLine(error)}; nothing was started`);
  }
  if (problems.length > 0) throw new SearchAttributesNotRegistered(`${problems.join('\n')}\nNothing was started.`);
}

/** Resolves when the start may go ahead: it upserts no search attribute, or they are all registered. */
export function guardSearchAttributes(client: Client, args: readonly unknown[] | undefined): Promise<void> {
  if (!upsertsSearchAttributes(args)) return Promise.resolve();
  let pending = checked.get(client);
  if (!pending) {
    pending = check(client);
    checked.set(client, pending);
  }
  return pending;
}
