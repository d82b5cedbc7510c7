/**
 * What the worker checks before it says "ready", so that a broken deployment fails at start and not
 * on its first job:
 *
 * 1. Temporal answers and the namespace exists (else exit 3);
 * 2. with FABRIC_SEARCH_ATTRIBUTES=true, every attribute runs upsert is registered as Keyword
 *    (else exit 3, printing the `temporal operator search-attribute create` commands);
 * 3. the Fabric credential yields a token: by default a loud warning and the worker keeps running
 *    (the credential may come good, e.g. a managed identity still being assigned);
 *    with FABRIC_STRICT_STARTUP=true, exit 3.
 */
import type { TokenCredential } from '@azure/identity';
import type { NativeConnection } from '@temporalio/worker';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { DEFAULT_SCOPE } from '../fabric/index.js';
import { checkSearchAttributes, searchAttributeProblems } from './search-attributes.js';

export interface WorkerPreflightOptions {
  connection: Pick<NativeConnection, 'workflowService' | 'operatorService'>;
  namespace: string;
  /** For messages and the printed commands. */
  address: string;
  /** FABRIC_SEARCH_ATTRIBUTES. */
  searchAttributes: boolean;
  /** The credential the Fabric client uses. */
  credential: TokenCredential;
  /** FABRIC_STRICT_STARTUP: a credential that yields no token stops the worker. @default false */
  strict?: boolean;
  /** How long to wait for a token. @default 30_000 */
  tokenTimeoutMs?: number;
}

export interface PreflightResult {
  /** Problems that stop the worker (exit 3), one line each (indented lines continue the one before). */
  fatal: string[];
  /** Problems worth a loud warning; the worker goes on. */
  warnings: string[];
}

async function namespaceProblem(options: WorkerPreflightOptions): Promise<string | undefined> {
  try {
    await options.connection.workflowService.describeNamespace({ namespace: options.namespace });
    return undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === 5) {
      return `namespace ${JSON.stringify(options.namespace)} does not exist at ${options.address} (set TEMPORAL_NAMESPACE, or create it: temporal operator namespace create --address ${options.address} --namespace ${options.namespace})`;
    }
    return `Temporal at ${options.address} did not answer DescribeNamespace: ${oneLine(error)}`;
  }
}

async function credentialProblem(options: WorkerPreflightOptions): Promise<string | undefined> {
  const timeoutMs = options.tokenTimeoutMs ?? 30_000;
  try {
    const token = await options.credential.getToken(DEFAULT_SCOPE, { abortSignal: AbortSignal.timeout(timeoutMs) });
    return token?.token ? undefined : 'the Fabric credential returned no token';
  } catch (error) {
    return `the Fabric credential yields no token: ${oneLine(error)}`;
  }
}

/** Runs the checks; never throws. */
export async function runWorkerPreflight(options: WorkerPreflightOptions): Promise<PreflightResult> {
  const result: PreflightResult = { fatal: [], warnings: [] };
  const namespace = await namespaceProblem(options);
  if (namespace) {
    result.fatal.push(namespace);
    return result;
  }
  if (options.searchAttributes) {
    try {
      const check = await checkSearchAttributes(options.connection, options.namespace);
      if (check.uncheckable) result.warnings.push(`cannot list the namespace's search attributes, so they were not checked: ${oneLine(check.uncheckable)}`);
      result.fatal.push(...searchAttributeProblems(check, options.namespace, options.address));
    } catch (error) {
      result.fatal.push(`cannot list the search attributes of namespace ${JSON.stringify(options.namespace)}: ${oneLine(error)}`);
    }
  }
  const credential = await credentialProblem(options);
  if (credential) {
    if (options.strict) result.fatal.push(`${credential} (FABRIC_STRICT_STARTUP=true)`);
    else result.warnings.push(`${credential}. The worker starts anyway, but every Fabric call will fail until the credential works (set FABRIC_STRICT_STARTUP=true to stop instead)`);
  }
  return result;
}
