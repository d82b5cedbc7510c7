/** Building the FabricClient from the Fabric config (FABRIC_API_URL, FABRIC_AUTH, ...). */
import { createCredential, FabricClient, type FabricClientOptions } from '../fabric/index.js';
import type { FabricConfig } from '../config.js';

/** Options of the FabricClient that do not come from the environment. */
export type CreateFabricClientOptions = Omit<FabricClientOptions, 'credential' | 'baseUrl' | 'timeoutMs'>;

export function createFabricClient(config: FabricConfig, options: CreateFabricClientOptions = {}): FabricClient {
  return new FabricClient({
    ...options,
    credential: createCredential(config.auth),
    baseUrl: config.apiUrl,
    ...(config.requestTimeoutMs !== undefined ? { timeoutMs: config.requestTimeoutMs } : {}),
  });
}
