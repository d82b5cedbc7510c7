/**
 * Named connections: each one a FABRIC_AUTH kind plus its AZURE_* settings, configured as
 * `FABRIC_CONNECTION_<NAME>_<VARIABLE>` variables (e.g. FABRIC_CONNECTION_SALES_AUTH=client-secret,
 * FABRIC_CONNECTION_SALES_AZURE_CLIENT_SECRET=...) or in a JSON connections file
 * (FABRIC_CONNECTIONS_FILE: `{ "sales": { "FABRIC_AUTH": "client-secret", "AZURE_TENANT_ID": ... } }`).
 * The default connection is FABRIC_AUTH itself (src/config/fabric.ts). Also POWERBI_API_URL, the
 * Power BI REST root every connection uses.
 *
 * The worker reads the whole section (connectionsSection); the CLI only the names
 * (connectionNamesSection), to refuse an unknown `--connection` before anything starts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_CONNECTION, isConnectionName, normalizeConnectionName } from '../contracts/connection.js';
import { AUTH_VARIABLES, authSection, type FabricAuthConfig } from './fabric.js';
import { httpUrlVar, parseEnvSection, problemFor } from './fields.js';
import type { ConfigProblem, Env, SectionResult } from './problems.js';

export const DEFAULT_POWERBI_API_URL = 'https://api.powerbi.com/v1.0/myorg';
export const CONNECTION_PREFIX = 'FABRIC_CONNECTION_';
export const CONNECTIONS_FILE_VARIABLE = 'FABRIC_CONNECTIONS_FILE';

/** The suffix of a FABRIC_CONNECTION_<NAME>_ variable → the identity variable it stands for. */
const SUFFIXES: Record<string, (typeof AUTH_VARIABLES)[number]> = Object.fromEntries(
  AUTH_VARIABLES.map((v) => [v.startsWith('FABRIC_') ? v.slice('FABRIC_'.length) : v, v]),
);
// Longest first, so that NAME may itself contain `_` (FABRIC_CONNECTION_SALES_EU_AZURE_CLIENT_ID).
const SUFFIX_LIST = Object.keys(SUFFIXES).sort((a, b) => b.length - a.length);

interface RawConnection {
  /** The identity variables of the connection, under their FABRIC_AUTH / AZURE_* names. */
  vars: Record<string, string>;
  /** Where an identity variable of this connection was set (for problems). */
  source: (variable: string) => string;
}

export interface ConnectionsConfig {
  /** Power BI REST root (POWERBI_API_URL), without a trailing slash. @default 'https://api.powerbi.com/v1.0/myorg' */
  powerbiApiUrl: string;
  /** The named connections (normalized names), not including the default one. */
  named: Record<string, FabricAuthConfig>;
}

function readFile(env: Env, problems: ConfigProblem[]): Record<string, RawConnection> {
  const path = env[CONNECTIONS_FILE_VARIABLE]?.trim();
  if (!path) return {};
  const fail = (message: string) => {
    problems.push(problemFor(env, CONNECTIONS_FILE_VARIABLE, message));
    return {};
  };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return fail(`cannot read the connections file: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('must hold a JSON object { "<name>": { "FABRIC_AUTH": ..., "AZURE_...": ... } }');
  const out: Record<string, RawConnection> = {};
  for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
    if (!isConnectionName(name)) {
      fail(`connection name ${JSON.stringify(name)} must be letters, digits, _ or -`);
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      fail(`connection ${name} must be an object of ${AUTH_VARIABLES.join(', ')}`);
      continue;
    }
    const vars: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      if (!(AUTH_VARIABLES as readonly string[]).includes(key)) fail(`connection ${name}: ${key} is not a connection setting (allowed: ${AUTH_VARIABLES.join(', ')})`);
      else if (typeof value !== 'string') fail(`connection ${name}: ${key} must be a string`);
      else vars[key] = value;
    }
    out[normalizeConnectionName(name)] = { vars, source: (v) => `${CONNECTIONS_FILE_VARIABLE} (${name}.${v})` };
  }
  return out;
}

function readVariables(env: Env, problems: ConfigProblem[]): Record<string, RawConnection> {
  const out: Record<string, RawConnection> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(CONNECTION_PREFIX) || value === undefined || value.trim() === '') continue;
    const rest = key.slice(CONNECTION_PREFIX.length);
    const suffix = SUFFIX_LIST.find((s) => rest.endsWith(`_${s}`) && rest.length > s.length + 1);
    if (suffix === undefined) {
      problems.push(problemFor(env, key, `is not a connection setting: use ${CONNECTION_PREFIX}<NAME>_<${SUFFIX_LIST.join('|')}>`));
      continue;
    }
    const rawName = rest.slice(0, rest.length - suffix.length - 1);
    const name = normalizeConnectionName(rawName);
    out[name] ??= { vars: {}, source: (v) => `${CONNECTION_PREFIX}${rawName}_${Object.keys(SUFFIXES).find((s) => SUFFIXES[s] === v)}` };
    out[name].vars[SUFFIXES[suffix]!] = value;
  }
  return out;
}

/** Every named connection from the variables and the file, with the problems of reading them. */
function collect(env: Env): { connections: Record<string, RawConnection>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const fromFile = readFile(env, problems);
  const fromVars = readVariables(env, problems);
  for (const name of Object.keys(fromVars)) {
    if (fromFile[name]) problems.push({ variable: fromVars[name]!.source('FABRIC_AUTH'), message: `connection ${name} is also defined in ${CONNECTIONS_FILE_VARIABLE}: define it once` });
  }
  const connections = { ...fromFile, ...fromVars };
  if (connections[DEFAULT_CONNECTION]) {
    problems.push({ variable: connections[DEFAULT_CONNECTION].source('FABRIC_AUTH'), message: `"${DEFAULT_CONNECTION}" is the connection of FABRIC_AUTH itself: name the connection otherwise` });
    delete connections[DEFAULT_CONNECTION];
  }
  return { connections, problems };
}

/** Checks one connection with the same rules as FABRIC_AUTH; problems name the connection's own variables. */
function resolveConnection(raw: RawConnection, problems: ConfigProblem[]): FabricAuthConfig | undefined {
  if (raw.vars.FABRIC_AUTH === undefined) {
    problems.push({ variable: raw.source('FABRIC_AUTH'), message: 'is required: every named connection says its FABRIC_AUTH kind' });
    return undefined;
  }
  const result = authSection(raw.vars);
  if (result.ok) return result.value;
  // Values were shown (or hidden) under the FABRIC_* / AZURE_* name; only the variable is renamed.
  const authVariable = raw.source('FABRIC_AUTH');
  const rename = (message: string) => (authVariable.startsWith(CONNECTION_PREFIX) ? message.replace(/FABRIC_AUTH=/g, `${authVariable}=`) : message);
  for (const p of result.problems) problems.push({ ...p, variable: raw.source(p.variable), message: rename(p.message) });
  return undefined;
}

const urlSchema = z.object({ POWERBI_API_URL: httpUrlVar(DEFAULT_POWERBI_API_URL) });

/** The worker's view: POWERBI_API_URL and every named connection, each checked like FABRIC_AUTH. */
export function connectionsSection(env: Env): SectionResult<ConnectionsConfig> {
  const url = parseEnvSection(env, urlSchema, (p) => p.POWERBI_API_URL);
  const { connections, problems } = collect(env);
  if (!url.ok) problems.push(...url.problems);
  const named: Record<string, FabricAuthConfig> = {};
  for (const [name, raw] of Object.entries(connections)) {
    const auth = resolveConnection(raw, problems);
    if (auth) named[name] = auth;
  }
  if (problems.length > 0 || !url.ok) return { ok: false, problems };
  return { ok: true, value: { powerbiApiUrl: url.value, named } };
}

/** The CLI's view: only the names (the default one first), so that a bad `--connection` is refused early. */
export function connectionNamesSection(env: Env): SectionResult<{ names: string[] }> {
  const { connections, problems } = collect(env);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { names: [DEFAULT_CONNECTION, ...Object.keys(connections).sort()] } };
}
