/**
 * The Temporal connection, read by @temporalio/envconfig: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_GRPC_META_*, TEMPORAL_PROFILE and the TOML config file
 * (TEMPORAL_CONFIG_FILE, or the Temporal CLI's default ~/.config/temporalio/temporal.toml).
 */
import { loadClientConfigProfile, toClientOptions, type ClientConfigProfile } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/client';
import { problemFor } from './fields.js';
import { unwrapSection, type ConfigProblem, type Env, type SectionResult } from './problems.js';

export const DEFAULT_TEMPORAL_ADDRESS = 'localhost:7233';
export const DEFAULT_TEMPORAL_NAMESPACE = 'default';

/** Options accepted by both `Connection.connect` (client) and `NativeConnection.connect` (worker). */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean | null;
  apiKey?: string;
  metadata?: Record<string, string>;
}

export interface TemporalConfig {
  /** Pass to `Connection.connect` or `NativeConnection.connect`. */
  connectionOptions: TemporalConnectionOptions;
  /** @default 'default' */
  namespace: string;
}

function definedEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readProfile(env: Env, problems: ConfigProblem[]): ClientConfigProfile | undefined {
  try {
    return loadClientConfigProfile({ overrideEnvVars: definedEnv(env) });
  } catch (error) {
    const variable = env.TEMPORAL_PROFILE ? 'TEMPORAL_PROFILE' : 'TEMPORAL_CONFIG_FILE';
    const where = env.TEMPORAL_CONFIG_FILE ?? 'the default Temporal config file (~/.config/temporalio/temporal.toml)';
    problems.push(problemFor(env, variable, `could not load the Temporal client profile from ${where}: ${errorText(error)}`));
    return undefined;
  }
}

function checkAddress(address: string, problems: ConfigProblem[]): void {
  if (address.includes('://') || /\s/.test(address) || !/^(\[[0-9a-fA-F:]+\]|[^:\s]+)(:\d{1,5})?$/.test(address)) {
    problems.push({
      variable: 'TEMPORAL_ADDRESS',
      shownValue: JSON.stringify(address),
      message: 'must be host:port without a scheme, e.g. localhost:7233 or my-ns.a1b2c.tmprl.cloud:7233',
    });
  }
}

/** The Temporal section, or every problem in it. */
export function temporalSection(env: Env): SectionResult<TemporalConfig> {
  const problems: ConfigProblem[] = [];
  const profile = readProfile(env, problems);
  if (!profile) return { ok: false, problems };
  let connect: ReturnType<typeof toClientOptions> | undefined;
  try {
    connect = toClientOptions(profile);
  } catch (error) {
    problems.push({ variable: 'TEMPORAL_TLS_*', message: `could not read a TLS certificate or key: ${errorText(error)}` });
  }
  const address = profile.address?.trim() || DEFAULT_TEMPORAL_ADDRESS;
  checkAddress(address, problems);
  if (!connect || problems.length > 0) return { ok: false, problems };
  const { tls, apiKey } = connect.connectionOptions;
  const metadata = profile.grpcMeta;
  const connectionOptions: TemporalConnectionOptions = { address };
  if (tls !== undefined) connectionOptions.tls = tls;
  if (typeof apiKey === 'string') connectionOptions.apiKey = apiKey;
  if (metadata && Object.keys(metadata).length > 0) connectionOptions.metadata = metadata;
  return { ok: true, value: { connectionOptions, namespace: connect.namespace?.trim() || DEFAULT_TEMPORAL_NAMESPACE } };
}

/** Reads the Temporal connection settings. Throws a ConfigError listing every problem. */
export function loadTemporalConfig(env: Env = process.env): TemporalConfig {
  return unwrapSection(temporalSection(env));
}
