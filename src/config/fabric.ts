/**
 * The Fabric part of the configuration: API URL, authentication and request timeout.
 * Each authentication kind requires the variables @azure/identity's matching credential needs.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { enumVar, httpUrlVar, optionalStringVar, parseEnvSection, positiveIntVar, problemFor } from './fields.js';
import { unwrapSection, type ConfigProblem, type Env, type SectionResult } from './problems.js';

export const DEFAULT_FABRIC_API_URL = 'https://api.fabric.microsoft.com/v1';

export const FABRIC_AUTH_KINDS = [
  'default',
  'azure-cli',
  'client-secret',
  'client-certificate',
  'managed-identity',
  'workload-identity',
  'device-code',
  'token',
] as const;
export type FabricAuthKind = (typeof FABRIC_AUTH_KINDS)[number];

/**
 * How the worker authenticates to Fabric (FABRIC_AUTH and the variables that kind needs). Assignable
 * to the Fabric client's FabricAuthOptions (createCredential).
 */
export type FabricAuthConfig =
  | { kind: 'default' }
  | { kind: 'azure-cli' }
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'client-certificate'; tenantId: string; clientId: string; certificatePath: string }
  | { kind: 'managed-identity'; clientId?: string }
  | { kind: 'workload-identity'; tenantId: string; clientId: string; tokenFilePath: string }
  | { kind: 'device-code'; tenantId?: string; clientId?: string }
  | { kind: 'token'; token: string };

export interface FabricConfig {
  /** Base URL of the Fabric REST API (FABRIC_API_URL), without a trailing slash. @default 'https://api.fabric.microsoft.com/v1' */
  apiUrl: string;
  auth: FabricAuthConfig;
  /** Per-request timeout in ms (FABRIC_REQUEST_TIMEOUT_MS). @default undefined (the Fabric client's own default) */
  requestTimeoutMs?: number;
}

/** The variables of one identity: FABRIC_AUTH and what its kind needs (also read per named connection). */
const authSchema = z.object({
  FABRIC_AUTH: enumVar(FABRIC_AUTH_KINDS, 'default'),
  FABRIC_TOKEN: optionalStringVar,
  AZURE_TENANT_ID: optionalStringVar,
  AZURE_CLIENT_ID: optionalStringVar,
  AZURE_CLIENT_SECRET: optionalStringVar,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalStringVar,
  AZURE_FEDERATED_TOKEN_FILE: optionalStringVar,
});
/** The names of the identity variables, e.g. for FABRIC_CONNECTION_<NAME>_<variable>. */
export const AUTH_VARIABLES = Object.keys(authSchema.shape) as readonly (keyof z.output<typeof authSchema>)[];

const schema = authSchema.extend({
  FABRIC_API_URL: httpUrlVar(DEFAULT_FABRIC_API_URL),
  FABRIC_REQUEST_TIMEOUT_MS: positiveIntVar('milliseconds'),
});
type Parsed = z.output<typeof authSchema>;

/** Which variables each kind requires (beyond FABRIC_AUTH), and what each one is. */
const REQUIRED: Record<FabricAuthKind, readonly (keyof Parsed)[]> = {
  default: [],
  'azure-cli': [],
  'client-secret': ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
  'client-certificate': ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_CERTIFICATE_PATH'],
  'managed-identity': [],
  'workload-identity': ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_FEDERATED_TOKEN_FILE'],
  'device-code': [],
  token: ['FABRIC_TOKEN'],
};

const MEANING: Partial<Record<keyof Parsed, string>> = {
  AZURE_TENANT_ID: 'the Microsoft Entra tenant id',
  AZURE_CLIENT_ID: 'the application (client) id',
  AZURE_CLIENT_SECRET: 'the client secret',
  AZURE_CLIENT_CERTIFICATE_PATH: 'the path of a PEM file holding the certificate and its private key',
  AZURE_FEDERATED_TOKEN_FILE: 'the path of the federated token file',
  FABRIC_TOKEN: 'a bearer token for https://api.fabric.microsoft.com',
};

const FILE_VARIABLES = ['AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_FEDERATED_TOKEN_FILE'] as const;

function checkRequired(env: Env, parsed: Parsed, problems: ConfigProblem[]): void {
  const kind = parsed.FABRIC_AUTH;
  for (const name of REQUIRED[kind]) {
    if (parsed[name] === undefined) {
      problems.push(problemFor(env, name, `is required when FABRIC_AUTH=${kind} (${MEANING[name]})`));
    }
  }
  for (const name of FILE_VARIABLES) {
    const path = parsed[name];
    if (REQUIRED[kind].includes(name) && path !== undefined && !existsSync(path)) {
      problems.push(problemFor(env, name, `no such file (${MEANING[name]})`));
    }
  }
  if (kind !== 'token' && parsed.FABRIC_TOKEN !== undefined) {
    problems.push(problemFor(env, 'FABRIC_TOKEN', `is only used with FABRIC_AUTH=token (FABRIC_AUTH is ${kind}): set FABRIC_AUTH=token or unset FABRIC_TOKEN`));
  }
}

function buildAuth(p: Parsed): FabricAuthConfig {
  const tenantId = p.AZURE_TENANT_ID;
  const clientId = p.AZURE_CLIENT_ID;
  const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  switch (p.FABRIC_AUTH) {
    case 'client-secret':
      return { kind: 'client-secret', tenantId: tenantId!, clientId: clientId!, clientSecret: p.AZURE_CLIENT_SECRET! };
    case 'client-certificate':
      return { kind: 'client-certificate', tenantId: tenantId!, clientId: clientId!, certificatePath: p.AZURE_CLIENT_CERTIFICATE_PATH! };
    case 'workload-identity':
      return { kind: 'workload-identity', tenantId: tenantId!, clientId: clientId!, tokenFilePath: p.AZURE_FEDERATED_TOKEN_FILE! };
    case 'token':
      return { kind: 'token', token: p.FABRIC_TOKEN! };
    case 'managed-identity':
      return { kind: 'managed-identity', ...optional('clientId', clientId) };
    case 'device-code':
      return { kind: 'device-code', ...optional('tenantId', tenantId), ...optional('clientId', clientId) };
    case 'default':
    case 'azure-cli':
      // DefaultAzureCredential reads AZURE_* itself; the Azure CLI uses its own login.
      return { kind: p.FABRIC_AUTH };
  }
}

/** The Fabric section, or every problem in it. */
export function fabricSection(env: Env): SectionResult<FabricConfig> {
  return parseEnvSection(
    env,
    schema,
    (parsed) => {
      const config: FabricConfig = { apiUrl: parsed.FABRIC_API_URL, auth: buildAuth(parsed) };
      if (parsed.FABRIC_REQUEST_TIMEOUT_MS !== undefined) config.requestTimeoutMs = parsed.FABRIC_REQUEST_TIMEOUT_MS;
      return config;
    },
    (parsed, problems) => checkRequired(env, parsed, problems),
  );
}

/** The identity variables alone (FABRIC_AUTH, FABRIC_TOKEN, AZURE_*): one connection's credential settings. */
export function authSection(env: Env): SectionResult<FabricAuthConfig> {
  return parseEnvSection(env, authSchema, buildAuth, (parsed, problems) => checkRequired(env, parsed, problems));
}

/** Reads FABRIC_* and AZURE_* variables. Throws a ConfigError listing every problem. */
export function loadFabricConfig(env: Env = process.env): FabricConfig {
  return unwrapSection(fabricSection(env));
}
