/**
 * The CLI's Fabric client: built from the configuration (FABRIC_*, AZURE_*; never needed for
 * invalid input), and its errors mapped to exit codes: bad input and unknown ids → 2 (UsageError),
 * everything else (auth, a 403 naming the refused identity, throttling, transport) → 3.
 */
import { connectionsSection, fabricSection, loadFabricConfig, loadSections } from '../config.js';
import { DEFAULT_CONNECTION, normalizeConnectionName, unknownConnectionMessage } from '../contracts/connection.js';
import type { FabricClient } from '../fabric/index.js';
import type { FabricConfig } from '../config.js';
import { explainedCredential } from './fabric-credential.js';
import type { CliContext } from './context.js';
import { InfrastructureError, UsageError } from './errors.js';

/**
 * A FabricClient from the configuration: FABRIC_AUTH's identity, or that of the named `connection`
 * (FABRIC_CONNECTION_<NAME>_*, or the connections file), on FABRIC_API_URL.
 * @throws ConfigError (exit 3); UsageError (exit 2) for a connection that is not configured.
 */
export async function fabricClient(ctx: CliContext, connection?: string): Promise<FabricClient> {
  const name = normalizeConnectionName(connection ?? DEFAULT_CONNECTION);
  if (name === DEFAULT_CONNECTION) {
    const config = loadFabricConfig(ctx.io.env);
    return explainedClient(ctx, config, `FABRIC_AUTH=${config.auth.kind}`);
  }
  const { fabric, connections } = loadSections(ctx.io.env, { fabric: fabricSection, connections: connectionsSection });
  const auth = connections.named[name];
  if (auth === undefined) throw new UsageError(unknownConnectionMessage(name, [DEFAULT_CONNECTION, ...Object.keys(connections.named)]));
  return explainedClient(ctx, { ...fabric, auth }, `connection ${JSON.stringify(name)} (auth ${auth.kind})`);
}

/**
 * The client, its credential's failures worded as one line naming `setting` and the API root. The
 * HTTP client and @azure/identity are loaded here, on first use: commands that call no Fabric API
 * start without them.
 */
async function explainedClient(ctx: CliContext, config: FabricConfig, setting: string): Promise<FabricClient> {
  const [{ createCredential }, { createFabricClient }] = await Promise.all([import('../fabric/credentials.js'), import('../worker/fabric-client.js')]);
  const credential = explainedCredential(createCredential(config.auth), { setting, kind: config.auth.kind, apiUrl: config.apiUrl, verbose: ctx.verbose });
  return createFabricClient(config, { credential });
}

/** Runs a Fabric call and maps its errors to the CLI's. */
export async function callFabric<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const err = error as { name?: string; message?: string; statusCode?: number; errorCode?: string; requestId?: string; url?: string };
    if (err?.name === 'FabricValidationError') throw new UsageError(err.message ?? String(error));
    if (err?.name === 'FabricError') {
      const code = err.errorCode && !err.message?.startsWith(`${err.errorCode}:`) ? `${err.errorCode}: ` : '';
      const request = err.requestId ? ` (request id ${err.requestId})` : '';
      // Refused credentials: say which API root refused them (FABRIC_API_URL), and what to check.
      const refused = err.statusCode === 401 || err.statusCode === 403;
      const at = refused && err.url ? ` at ${new URL(err.url).origin}` : '';
      const fix = err.statusCode === 401 ? '; check FABRIC_AUTH and its settings (FABRIC_TOKEN, AZURE_*) and FABRIC_API_URL' : '';
      const line = `${what}: Fabric${at} answered ${err.statusCode} ${code}${err.message}${request}${fix}`;
      if (err.statusCode === 400 || err.statusCode === 404) throw new UsageError(line);
      throw new InfrastructureError(line);
    }
    if (err?.name === 'FabricTransportError' || err?.name === 'FabricProtocolError') throw new InfrastructureError(`${what}: ${err.message}`);
    throw error;
  }
}
