/**
 * The CLI's Fabric client: built from the configuration (FABRIC_*, AZURE_*; never needed for
 * invalid input), and its errors mapped to exit codes: bad input and unknown ids → 2 (UsageError),
 * everything else (auth, a 403 naming the refused identity, throttling, transport) → 3.
 */
import { connectionsSection, fabricSection, loadFabricConfig, loadSections } from '../config.js';
import { DEFAULT_CONNECTION, normalizeConnectionName, unknownConnectionMessage } from '../contracts/connection.js';
import type { FabricClient } from '../fabric/index.js';
import { createFabricClient } from '../worker/fabric-client.js';
import type { CliContext } from './context.js';
import { InfrastructureError, UsageError } from './errors.js';

/**
 * A FabricClient from the configuration: FABRIC_AUTH's identity, or that of the named `connection`
 * (FABRIC_CONNECTION_<NAME>_*, or the connections file), on FABRIC_API_URL.
 * @throws ConfigError (exit 3); UsageError (exit 2) for a connection that is not configured.
 */
export function fabricClient(ctx: CliContext, connection?: string): FabricClient {
  const name = normalizeConnectionName(connection ?? DEFAULT_CONNECTION);
  if (name === DEFAULT_CONNECTION) return createFabricClient(loadFabricConfig(ctx.io.env));
  const { fabric, connections } = loadSections(ctx.io.env, { fabric: fabricSection, connections: connectionsSection });
  const auth = connections.named[name];
  if (auth === undefined) throw new UsageError(unknownConnectionMessage(name, [DEFAULT_CONNECTION, ...Object.keys(connections.named)]));
  return createFabricClient({ ...fabric, auth });
}

/** Runs a Fabric call and maps its errors to the CLI's. */
export async function callFabric<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const err = error as { name?: string; message?: string; statusCode?: number; errorCode?: string; requestId?: string };
    if (err?.name === 'FabricValidationError') throw new UsageError(err.message ?? String(error));
    if (err?.name === 'FabricError') {
      const code = err.errorCode ? `${err.errorCode}: ` : '';
      const request = err.requestId ? ` (request id ${err.requestId})` : '';
      const line = `${what}: Fabric answered ${err.statusCode} ${code}${err.message}${request}`;
      if (err.statusCode === 400 || err.statusCode === 404) throw new UsageError(line);
      throw new InfrastructureError(line);
    }
    if (err?.name === 'FabricTransportError' || err?.name === 'FabricProtocolError') throw new InfrastructureError(`${what}: ${err.message}`);
    throw error;
  }
}
