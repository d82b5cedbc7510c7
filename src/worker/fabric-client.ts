/** Building the FabricClient from the Fabric config (FABRIC_API_URL, FABRIC_AUTH, ...). */
import type { TokenCredential } from '@azure/identity';
import { createCredential, FabricClient, type FabricClientOptions } from '../fabric/index.js';
import type { FabricAuthConfig, FabricConfig } from '../config.js';

/** Options of the FabricClient that do not come from the environment. */
export type CreateFabricClientOptions = Omit<FabricClientOptions, 'credential' | 'baseUrl' | 'timeoutMs'> & {
  /** A credential already built from `config.auth` (e.g. the one the start-up check used). @default createCredential(config.auth) */
  credential?: TokenCredential;
};

export function createFabricClient(config: FabricConfig, options: CreateFabricClientOptions = {}): FabricClient {
  return new FabricClient({
    identity: describeIdentity(config.auth),
    ...options,
    credential: options.credential ?? createCredential(config.auth),
    baseUrl: config.apiUrl,
    ...(config.requestTimeoutMs !== undefined ? { timeoutMs: config.requestTimeoutMs } : {}),
  });
}

const KINDS: Record<FabricAuthConfig['kind'], string> = {
  default: 'DefaultAzureCredential: the first identity it found',
  'azure-cli': 'the user logged in with az login',
  'client-secret': 'service principal',
  'client-certificate': 'service principal',
  'managed-identity': 'managed identity',
  'workload-identity': 'workload identity',
  'device-code': 'the user signed in with a device code',
  token: 'a static bearer token',
};

/** The identity kind named in a 403 (`FABRIC_AUTH=client-secret (service principal 1234…)`). Never a secret. */
export function describeIdentity(auth: FabricAuthConfig): string {
  const clientId = 'clientId' in auth && auth.clientId ? ` ${auth.clientId}` : '';
  return `FABRIC_AUTH=${auth.kind} (${KINDS[auth.kind]}${clientId})`;
}
