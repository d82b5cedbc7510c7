/**
 * The CLI's Fabric credential: the configured one, wrapped so that a failure to get a token ends
 * the command with one actionable line (exit 3) instead of Azure's multi-line credential chain:
 * which setting (FABRIC_AUTH or the named connection), which API root the token was for, why, and
 * how to fix it. `--verbose` (or FABRIC_LOG_LEVEL=debug) adds Azure's own messages below it.
 */
import type { GetTokenOptions, TokenCredential } from '@azure/identity';
import type { FabricAuthConfig } from '../config.js';
import { InfrastructureError } from './errors.js';

/** The public Fabric API root (FABRIC_API_URL's default). */
const PUBLIC_API_HOST = 'api.fabric.microsoft.com';

const FIXES: Record<FabricAuthConfig['kind'], string> = {
  default:
    'sign in with `az login`, or choose an identity with FABRIC_AUTH (client-secret with AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, managed-identity, …; docs/configuration.md)',
  'azure-cli': 'sign in with `az login` (the Azure CLI must be on PATH), or choose another FABRIC_AUTH (docs/configuration.md)',
  'client-secret': 'check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (a secret expires), and that the app may call Fabric',
  'client-certificate': 'check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH (a PEM file with its private key)',
  'managed-identity': 'this machine must have a managed identity (AZURE_CLIENT_ID picks a user-assigned one); elsewhere choose another FABRIC_AUTH',
  'workload-identity': 'check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (set by the Kubernetes workload identity webhook)',
  'device-code': 'sign in with the code the device login printed, within its time limit',
  token: 'set FABRIC_TOKEN to a valid bearer token',
};

/** Why the credential gave no token, in a few words (the first line of Azure's own message at most). */
function reason(error: unknown): string {
  const err = error as { name?: string; message?: string; errorResponse?: { error?: string; errorDescription?: string } } | null;
  if (err?.name === 'AggregateAuthenticationError' || err?.message?.startsWith('ChainedTokenCredential')) {
    return 'none of its sources (environment variables, workload identity, managed identity, Azure CLI, Azure PowerShell, Azure Developer CLI) gave a token';
  }
  const first = (err?.message ?? String(error)).split(/\r?\n/)[0]?.trim().slice(0, 160);
  if (err?.name === 'CredentialUnavailableError') return `the credential is not available here${first ? ` (${first})` : ''}`;
  if (err?.name === 'AuthenticationError' && err.errorResponse?.error) {
    const description = (err.errorResponse.errorDescription ?? '').split(/\r?\n/)[0]?.trim();
    return `Microsoft Entra ID refused it: ${err.errorResponse.error}${description ? ` (${description})` : ''}`;
  }
  return first || 'no token';
}

export interface CredentialContext {
  /** The setting that chose the identity: `FABRIC_AUTH=default`, or `connection "finance" (FABRIC_AUTH…=client-secret)`. */
  setting: string;
  kind: FabricAuthConfig['kind'];
  /** FABRIC_API_URL: the API the token is for. */
  apiUrl: string;
  /** Add Azure's own messages below the line. */
  verbose: boolean;
}

/** The one line (plus Azure's messages when verbose) for a credential that gave no token. */
export function credentialFailure(error: unknown, where: CredentialContext): InfrastructureError {
  let fix = FIXES[where.kind];
  // Pointed at something other than Fabric (the emulator, say) without a token: the likely fix.
  if (where.kind !== 'token' && !where.apiUrl.includes(PUBLIC_API_HOST)) fix = `for the emulator set FABRIC_AUTH=token and FABRIC_TOKEN; otherwise ${fix}`;
  const line = `cannot get a Fabric token with ${where.setting} for ${where.apiUrl}: ${reason(error)}. Fix: ${fix}${where.verbose ? '' : ' (--verbose shows the details)'}`;
  const details = where.verbose ? `\n${(error instanceof Error ? error.message : String(error)).split(/\r?\n/).map((l) => `  ${l}`).join('\n')}` : '';
  return new InfrastructureError(`${line}${details}`);
}

/** `credential`, whose failures become {@link credentialFailure}. */
export function explainedCredential(credential: TokenCredential, where: CredentialContext): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions) {
      try {
        const token = await credential.getToken(scopes, options);
        if (!token?.token) throw new Error('the credential returned no token');
        return token;
      } catch (error) {
        if ((error as Error | null)?.name === 'AbortError') throw error;
        throw credentialFailure(error, where);
      }
    },
  };
}
