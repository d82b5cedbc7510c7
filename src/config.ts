/**
 * Typed configuration from the environment (zod for FABRIC_* / AZURE_*, @temporalio/envconfig for
 * TEMPORAL_*). Invalid settings raise one ConfigError (name 'ConfigError') listing every problem.
 *
 * Processes load the sections they need at once with `loadSections`, so that one start reports all
 * problems; adding a part of the configuration (metrics, logging, encryption, ...) is one more
 * section loader in the maps below.
 */
import { loadSections, type Env } from './config/problems.js';
import { fabricSection } from './config/fabric.js';
import { temporalSection } from './config/temporal.js';
import { clientJobSection, workerSection } from './config/worker.js';
import { observabilitySection } from './config/observability.js';
import { encryptionSection } from './config/encryption.js';

export { ConfigError, formatProblem, loadSections, SECRET_VARIABLES } from './config/problems.js';
export type { ConfigProblem, Env, SectionLoader, SectionResult } from './config/problems.js';
export { loadFabricConfig, fabricSection, DEFAULT_FABRIC_API_URL, FABRIC_AUTH_KINDS } from './config/fabric.js';
export type { FabricConfig, FabricAuthConfig, FabricAuthKind } from './config/fabric.js';
export { loadTemporalConfig, temporalSection, DEFAULT_TEMPORAL_ADDRESS, DEFAULT_TEMPORAL_NAMESPACE } from './config/temporal.js';
export type { TemporalConfig, TemporalConnectionOptions } from './config/temporal.js';
export { loadWorkerConfig, workerSection, loadClientJobConfig, clientJobSection, DEFAULT_SHUTDOWN_GRACE_MS } from './config/worker.js';
export type { WorkerConfig, ClientJobConfig } from './config/worker.js';
export { observabilitySection } from './config/observability.js';
export { encryptionSection, loadEncryptionKeyring, codecServerSection, type CodecServerConfig } from './config/encryption.js';

/** The sections the worker process reads. */
export const workerProcessSections = {
  fabric: fabricSection,
  worker: workerSection,
  temporal: temporalSection,
  observability: observabilitySection,
  encryption: encryptionSection,
};

/** The sections the CLI reads (it never needs Fabric credentials: the worker calls Fabric). */
export const cliProcessSections = { jobs: clientJobSection, temporal: temporalSection, encryption: encryptionSection };

/** Everything the worker process needs. Throws one ConfigError listing every problem. */
export function loadWorkerProcessConfig(env: Env = process.env) {
  return loadSections(env, workerProcessSections);
}
export type WorkerProcessConfig = ReturnType<typeof loadWorkerProcessConfig>;

/** Everything the CLI needs. Throws one ConfigError listing every problem. */
export function loadCliProcessConfig(env: Env = process.env) {
  return loadSections(env, cliProcessSections);
}
export type CliProcessConfig = ReturnType<typeof loadCliProcessConfig>;
