/** Building the FabricClient from the Fabric config (FABRIC_API_URL, FABRIC_AUTH, ...). */
import type { TokenCredential } from '@azure/identity';
import { createCredential, FabricClient, type FabricClientOptions } from '../fabric/index.js';
import type { FabricConfig } from '../config.js';

/** Options of the FabricClient that do not come from the environment. */
export type CreateFabricClientOptions = Omit<FabricClientOptions, 'credential' | 'baseUrl' | 'timeoutMs'> & {
  /** A credential already built from `config.auth` (e.g. the one the start-up check used). @default createCredential(config.auth) */
  credential?: TokenCredential;
};

export function createFabricClient(config: FabricConfig, options: CreateFabricClientOptions = {}): FabricClient {
  return new FabricClient({
    ...options,
    credential: options.credential ?? createCredential(config.auth),
    baseUrl: config.apiUrl,
    ...(config.requestTimeoutMs !== undefined ? { timeoutMs: config.requestTimeoutMs } : {}),
  });
}
