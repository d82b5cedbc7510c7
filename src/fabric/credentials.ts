/** Building a TokenCredential from configuration. */
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  DeviceCodeCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { FabricValidationError } from './errors/fabric-validation-error.js';
import { StaticTokenCredential } from './static-token-credential.js';

/** How the client authenticates to Fabric. Discriminated on `kind`. */
export type FabricAuthOptions =
  /** DefaultAzureCredential: environment, workload identity, managed identity, Azure CLI, ... */
  | { kind: 'default' }
  /** The identity logged in with `az login`. */
  | { kind: 'azure-cli' }
  /** A service principal with a client secret. */
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  /** A service principal with a PEM certificate (private key included) on disk. */
  | { kind: 'client-certificate'; tenantId: string; clientId: string; certificatePath: string }
  /** The Azure managed identity; `clientId` picks a user-assigned one. */
  | { kind: 'managed-identity'; clientId?: string }
  /** Kubernetes workload identity; unset fields come from AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_FEDERATED_TOKEN_FILE. */
  | { kind: 'workload-identity'; tenantId?: string; clientId?: string; tokenFilePath?: string }
  /** Interactive device-code login (prints a code to enter at microsoft.com/devicelogin). */
  | { kind: 'device-code'; tenantId?: string; clientId?: string }
  /** A bearer token obtained elsewhere (or the emulator's token). It is never refreshed. */
  | { kind: 'token'; token: string };

export type FabricAuthKind = FabricAuthOptions['kind'];

/** Creates the credential for `auth`. Missing required fields throw FabricValidationError; no network is used here. */
export function createCredential(auth: FabricAuthOptions): TokenCredential {
  switch (auth?.kind) {
    case 'default':
      return new DefaultAzureCredential();
    case 'azure-cli':
      return new AzureCliCredential();
    case 'client-secret':
      return new ClientSecretCredential(required(auth, 'tenantId'), required(auth, 'clientId'), required(auth, 'clientSecret'));
    case 'client-certificate':
      return new ClientCertificateCredential(required(auth, 'tenantId'), required(auth, 'clientId'), required(auth, 'certificatePath'));
    case 'managed-identity':
      return auth.clientId ? new ManagedIdentityCredential({ clientId: auth.clientId }) : new ManagedIdentityCredential();
    case 'workload-identity':
      return new WorkloadIdentityCredential({
        ...(auth.tenantId && { tenantId: auth.tenantId }),
        ...(auth.clientId && { clientId: auth.clientId }),
        ...(auth.tokenFilePath && { tokenFilePath: auth.tokenFilePath }),
      });
    case 'device-code':
      return new DeviceCodeCredential({
        ...(auth.tenantId && { tenantId: auth.tenantId }),
        ...(auth.clientId && { clientId: auth.clientId }),
      });
    case 'token':
      return new StaticTokenCredential(required(auth, 'token'));
    default: {
      const kind = (auth as { kind?: unknown } | undefined)?.kind;
      throw new FabricValidationError('auth.kind',
        `auth.kind must be one of default, azure-cli, client-secret, client-certificate, managed-identity, workload-identity, device-code, token; got ${JSON.stringify(kind)}`);
    }
  }
}

function required<T extends object, K extends keyof T & string>(auth: T & { kind: string }, key: K): string {
  const value = auth[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FabricValidationError(`auth.${key}`, `auth.${key} is required for auth kind '${auth.kind}'`);
  }
  return value;
}
