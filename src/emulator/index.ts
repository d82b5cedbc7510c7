/**
 * The local Fabric Job Scheduler emulator: a real HTTP server speaking Fabric's REST API, with
 * scenarios (timing, outcome, injected faults) per item and an admin API. See docs/emulator.md.
 */
import type { AddressInfo } from 'node:net';
import { CapacityLimits } from './capacity.js';
import { CatalogStore, type CatalogDefinition } from './catalog.js';
import type { EmulatorState } from './context.js';
import { JobStore } from './job-store.js';
import { RequestLog } from './request-log.js';
import { validateScenario, validateScenarioFile } from './scenario.js';
import { ScenarioRegistry } from './scenario-registry.js';
import { ScheduleStore } from './schedule-store.js';
import { createEmulatorServer } from './server.js';
import type { Scenario } from './types.js';

export { EmulatorAdmin, EmulatorAdminError } from './admin-client.js';
export { ScenarioValidationError, validateScenario, validateScenarioFile, resolveScenario } from './scenario.js';
export { formatFabricTime } from './time.js';
export { validateCatalog, type CatalogDefinition, type CatalogSnapshot, type CatalogWorkspace, type CatalogItem } from './catalog.js';
export * from './types.js';

export interface EmulatorOptions {
  /** Port to listen on. @default 0 (a random free port) */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** When set, every /v1 request must carry exactly `Authorization: Bearer <token>`. @default any bearer token is accepted */
  token?: string;
  /**
   * Named identities, name → bearer token: every one of these tokens is accepted (besides `token`),
   * and the request log and the jobs show which identity a request used. @default none
   */
  identities?: Record<string, string>;
  /** Page size of the list operations. @default 50 */
  pageSize?: number;
  /** Scenario of items without their own. @default {} (every Scenario default) */
  defaultScenario?: Scenario;
  /** Scenarios per item id. @default {} */
  scenarios?: Record<string, Scenario>;
  /**
   * Concurrent Spark jobs (RunNotebook, TableMaintenance, sparkjob) a workspace's capacity runs; a
   * RunNotebook or TableMaintenance request beyond it gets HTTP 430. Per workspace through the admin
   * API. @default unlimited
   */
  sparkJobLimit?: number;
  /** Workspaces and items with names and types (List Workspaces / List Items); also what a reset restores. @default { workspaces: [] } */
  catalog?: CatalogDefinition;
  /** How many request log entries to keep (older ones are dropped). @default 100_000 */
  requestLogLimit?: number;
  /** Clock in epoch milliseconds; tests may pass a controllable one. @default Date.now */
  now?: () => number;
}

export interface RunningEmulator {
  /** `http://host:port` */
  url: string;
  /** `url + '/v1'`: the Fabric base URL to give a client. */
  apiUrl: string;
  /** `url + '/v1.0/myorg'`: the Power BI base URL to give a client (POWERBI_API_URL). */
  powerbiUrl: string;
  /** `url + '/_emulator'` */
  adminUrl: string;
  port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer, got ${value}`);
  return value;
}

function identityMap(identities: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, token] of Object.entries(identities)) {
    if (typeof token !== 'string' || !/^\S+$/.test(token)) throw new RangeError(`identities.${name} must be a non-empty token without spaces`);
    if (map.has(token)) throw new RangeError(`identities.${name} uses the same token as identities.${map.get(token)}`);
    map.set(token, name);
  }
  return map;
}

/** Starts the emulator; resolves once it listens. Invalid scenarios throw ScenarioValidationError. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const defaultScenario = options.defaultScenario === undefined ? undefined : validateScenario(options.defaultScenario, 'defaultScenario');
  const scenarios = validateScenarioFile({ items: options.scenarios ?? {} }, 'options').items ?? {};
  if (options.sparkJobLimit !== undefined && (!Number.isSafeInteger(options.sparkJobLimit) || options.sparkJobLimit < 0)) {
    throw new RangeError(`sparkJobLimit must be a non-negative integer, got ${options.sparkJobLimit}`);
  }
  const state: EmulatorState = {
    jobs: new JobStore(now),
    schedules: new ScheduleStore(now),
    catalog: new CatalogStore(options.catalog),
    scenarios: new ScenarioRegistry(defaultScenario, scenarios),
    capacity: new CapacityLimits(options.sparkJobLimit),
    log: new RequestLog(positiveInt(options.requestLogLimit ?? 100_000, 'requestLogLimit')),
    now,
    pageSize: positiveInt(options.pageSize ?? 50, 'pageSize'),
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.identities !== undefined ? { identities: identityMap(options.identities) } : {}),
  };
  let url = '';
  const server = createEmulatorServer(state, () => url);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  url = `http://${urlHost}:${port}`;
  return {
    url,
    apiUrl: `${url}/v1`,
    powerbiUrl: `${url}/v1.0/myorg`,
    adminUrl: `${url}/_emulator`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
