/**
 * One credential per named connection, and the clients built on it: the worker resolves the name a
 * run carries to these (src/activities/connections.ts). Credentials are created once, here; no
 * secret ever leaves the worker process.
 */
import type { TokenCredential } from '@azure/identity';
import { connectionClients, type ConnectionClients } from '../activities/connections.js';
import type { ConnectionsConfig, FabricConfig } from '../config.js';
import { DEFAULT_CONNECTION } from '../contracts/connection.js';
import { createCredential, FabricClient } from '../fabric/index.js';
import { PowerBIClient } from '../fabric/powerbi/index.js';
import type { CreateFabricClientOptions } from './fabric-client.js';

export interface WorkerConnections {
  /** The Fabric client of each connection (the default one is FABRIC_AUTH's). */
  fabric: ConnectionClients<FabricClient>;
  /** The Power BI client of each connection. */
  powerbi: ConnectionClients<PowerBIClient>;
}

/** Builds the clients of the default connection and of every named one. */
export function createWorkerConnections(fabric: FabricConfig, connections: ConnectionsConfig, options: CreateFabricClientOptions = {}): WorkerConnections {
  const credentials: Record<string, TokenCredential> = { [DEFAULT_CONNECTION]: createCredential(fabric.auth) };
  for (const [name, auth] of Object.entries(connections.named)) credentials[name] = createCredential(auth);
  const timeout = fabric.requestTimeoutMs !== undefined ? { timeoutMs: fabric.requestTimeoutMs } : {};
  const map = <C>(make: (credential: TokenCredential) => C): Record<string, C> =>
    Object.fromEntries(Object.entries(credentials).map(([name, credential]) => [name, make(credential)]));
  return {
    fabric: connectionClients(map((credential) => new FabricClient({ ...options, ...timeout, credential, baseUrl: fabric.apiUrl }))),
    powerbi: connectionClients(map((credential) => new PowerBIClient({ ...options, ...timeout, credential, baseUrl: connections.powerbiApiUrl }))),
  };
}
