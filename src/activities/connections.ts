/**
 * Picking the client of a run's named connection. The workflow carries only the name; the worker
 * holds one client per configured connection (src/worker/connections.ts). An unknown name is a
 * non-retryable failure that names the configured connections.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { DEFAULT_CONNECTION, normalizeConnectionName, UNKNOWN_CONNECTION_FAILURE, unknownConnectionMessage } from '../contracts/connection.js';

/** One client per connection name (normalized, see normalizeConnectionName); `default` is always there. */
export interface ConnectionClients<C> {
  /** The configured names, `default` included. */
  readonly names: readonly string[];
  /** The client of a connection, or undefined when no such connection is configured. */
  get(name: string): C | undefined;
}

/** A ConnectionClients over a plain map (its keys are normalized); `default` is required. */
export function connectionClients<C>(byName: Record<string, C>): ConnectionClients<C> {
  const map = new Map(Object.entries(byName).map(([name, client]) => [normalizeConnectionName(name), client]));
  if (!map.has(DEFAULT_CONNECTION)) throw new TypeError(`connectionClients needs a "${DEFAULT_CONNECTION}" connection`);
  return { names: [...map.keys()], get: (name) => map.get(normalizeConnectionName(name)) };
}

/** The client for `connection` (`default` when unset), or a non-retryable FabricUnknownConnection. */
export function clientFor<C>(clients: ConnectionClients<C>, connection: string | undefined): C {
  const name = connection ?? DEFAULT_CONNECTION;
  const client = clients.get(name);
  if (client === undefined) {
    throw ApplicationFailure.nonRetryable(`The worker has no such connection: ${unknownConnectionMessage(name, clients.names)}`, UNKNOWN_CONNECTION_FAILURE, {
      connection: name,
      configured: [...clients.names],
    });
  }
  return client;
}
