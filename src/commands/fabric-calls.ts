/**
 * The CLI's Fabric client: built from the configuration (FABRIC_*, AZURE_*; never needed for
 * invalid input), and its errors mapped to exit codes: bad input and unknown ids → 2 (UsageError),
 * everything else (auth, a 403 naming the refused identity, throttling, transport) → 3.
 */
import { loadFabricConfig } from '../config.js';
import type { FabricClient } from '../fabric/index.js';
import { createFabricClient } from '../worker/fabric-client.js';
import type { CliContext } from './context.js';
import { InfrastructureError, UsageError } from './errors.js';

/** A FabricClient from the configuration. @throws ConfigError (exit 3). */
export function fabricClient(ctx: CliContext): FabricClient {
  return createFabricClient(loadFabricConfig(ctx.io.env));
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
