/**
 * The worker's own settings (task queue, concurrency, shutdown) and the settings the CLI uses when
 * it starts workflows (task queue, search attributes).
 */
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../shared.js';
import { booleanVar, enumVar, optionalStringVar, parseEnvSection, positiveIntVar, problemFor } from './fields.js';
import { unwrapSection, type ConfigProblem, type Env, type SectionResult } from './problems.js';

/** Default time in-flight activities get to finish when the worker shuts down. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;

const taskQueueVar = z
  .string()
  .transform((text) => text.trim())
  .refine((text) => !/\s/.test(text), { error: 'must be a task queue name without spaces' })
  .default(DEFAULT_TASK_QUEUE);

export interface WorkerConfig {
  /** FABRIC_TASK_QUEUE. @default 'fabric-jobs' */
  taskQueue: string;
  /** FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES: regular activities at once (local-activity polls are not counted). @default undefined (the SDK's default) */
  maxConcurrentActivities?: number;
  /** FABRIC_WORKER_MAX_CACHED_WORKFLOWS. @default undefined (sized from the memory: src/worker/sizing.ts) */
  maxCachedWorkflows?: number;
  /** FABRIC_WORKER_MEMORY_MIB: the memory this worker may use; sizes its cache and heap. @default undefined (the container's limit, else the heap's) */
  memoryMiB?: number;
  /** FABRIC_WORKER_SHUTDOWN_GRACE_MS: how long in-flight activities may run after a shutdown signal. @default 30000 */
  shutdownGraceTimeMs: number;
  /** FABRIC_SEARCH_ATTRIBUTES: runs upsert the Fabric* search attributes, so the worker checks they are registered. @default false */
  searchAttributes: boolean;
  /** FABRIC_STRICT_STARTUP: a Fabric credential that yields no token at start stops the worker (exit 3) instead of a warning. @default false */
  strictStartup: boolean;
  /**
   * Worker Versioning (worker deployments): FABRIC_WORKER_DEPLOYMENT_NAME + FABRIC_WORKER_BUILD_ID (both or
   * neither), FABRIC_WORKER_VERSIONING_BEHAVIOR. @default undefined (unversioned worker)
   */
  deployment?: WorkerDeploymentConfig;
  /** FABRIC_CAPACITY_WAIT_MS: first wait after a run request refused for capacity (HTTP 430) without Retry-After. @default undefined (30 s) */
  capacityWaitMs?: number;
  /** FABRIC_CAPACITY_WAIT_MAX_MS: longest such wait. @default undefined (5 minutes) */
  capacityWaitMaxMs?: number;
}

export interface WorkerDeploymentConfig {
  deploymentName: string;
  buildId: string;
  /** How runs without their own behaviour are versioned. @default 'pinned' */
  defaultBehavior: 'pinned' | 'auto-upgrade';
}

const workerSchema = z.object({
  FABRIC_TASK_QUEUE: taskQueueVar,
  FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES: positiveIntVar('a number of activities'),
  FABRIC_WORKER_MAX_CACHED_WORKFLOWS: positiveIntVar('a number of workflows'),
  FABRIC_WORKER_MEMORY_MIB: positiveIntVar('MiB'),
  FABRIC_WORKER_SHUTDOWN_GRACE_MS: positiveIntVar('milliseconds'),
  FABRIC_SEARCH_ATTRIBUTES: booleanVar(false),
  FABRIC_STRICT_STARTUP: booleanVar(false),
  FABRIC_WORKER_DEPLOYMENT_NAME: optionalStringVar,
  FABRIC_WORKER_BUILD_ID: optionalStringVar,
  FABRIC_WORKER_VERSIONING_BEHAVIOR: enumVar(['pinned', 'auto-upgrade'] as const, 'pinned'),
  FABRIC_CAPACITY_WAIT_MS: positiveIntVar('milliseconds'),
  FABRIC_CAPACITY_WAIT_MAX_MS: positiveIntVar('milliseconds'),
});

/** The worker section, or every problem in it. */
export function workerSection(env: Env): SectionResult<WorkerConfig> {
  const check = (p: z.output<typeof workerSchema>, problems: ConfigProblem[]) => {
    const name = p.FABRIC_WORKER_DEPLOYMENT_NAME?.trim();
    const build = p.FABRIC_WORKER_BUILD_ID?.trim();
    if (name && !build) problems.push(problemFor(env, 'FABRIC_WORKER_BUILD_ID', 'is required when FABRIC_WORKER_DEPLOYMENT_NAME is set (the build id of this worker version)'));
    if (build && !name) problems.push(problemFor(env, 'FABRIC_WORKER_DEPLOYMENT_NAME', 'is required when FABRIC_WORKER_BUILD_ID is set (the worker deployment this build belongs to)'));
  };
  return parseEnvSection(env, workerSchema, (p) => {
    const config: WorkerConfig = {
      taskQueue: p.FABRIC_TASK_QUEUE,
      shutdownGraceTimeMs: p.FABRIC_WORKER_SHUTDOWN_GRACE_MS ?? DEFAULT_SHUTDOWN_GRACE_MS,
      searchAttributes: p.FABRIC_SEARCH_ATTRIBUTES,
      strictStartup: p.FABRIC_STRICT_STARTUP,
    };
    if (p.FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES !== undefined) config.maxConcurrentActivities = p.FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES;
    if (p.FABRIC_WORKER_MAX_CACHED_WORKFLOWS !== undefined) config.maxCachedWorkflows = p.FABRIC_WORKER_MAX_CACHED_WORKFLOWS;
    const deploymentName = p.FABRIC_WORKER_DEPLOYMENT_NAME?.trim();
    const buildId = p.FABRIC_WORKER_BUILD_ID?.trim();
    if (deploymentName && buildId) config.deployment = { deploymentName, buildId, defaultBehavior: p.FABRIC_WORKER_VERSIONING_BEHAVIOR };
    if (p.FABRIC_WORKER_MEMORY_MIB !== undefined) config.memoryMiB = p.FABRIC_WORKER_MEMORY_MIB;
    if (p.FABRIC_CAPACITY_WAIT_MS !== undefined) config.capacityWaitMs = p.FABRIC_CAPACITY_WAIT_MS;
    if (p.FABRIC_CAPACITY_WAIT_MAX_MS !== undefined) config.capacityWaitMaxMs = p.FABRIC_CAPACITY_WAIT_MAX_MS;
    return config;
  }, check);
}

/** Reads the worker's settings. Throws a ConfigError listing every problem. */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  return unwrapSection(workerSection(env));
}

export interface ClientJobConfig {
  /** FABRIC_TASK_QUEUE: where the CLI starts workflows. @default 'fabric-jobs' */
  taskQueue: string;
  /** FABRIC_SEARCH_ATTRIBUTES: ask workflows to upsert the Fabric* search attributes (they must be registered). @default false */
  searchAttributes: boolean;
}

const clientSchema = z.object({
  FABRIC_TASK_QUEUE: taskQueueVar,
  FABRIC_SEARCH_ATTRIBUTES: booleanVar(false),
});

/** The CLI's job settings, or every problem in them. */
export function clientJobSection(env: Env): SectionResult<ClientJobConfig> {
  return parseEnvSection(env, clientSchema, (p) => ({ taskQueue: p.FABRIC_TASK_QUEUE, searchAttributes: p.FABRIC_SEARCH_ATTRIBUTES }));
}

/** Reads the CLI's job settings. Throws a ConfigError listing every problem. */
export function loadClientJobConfig(env: Env = process.env): ClientJobConfig {
  return unwrapSection(clientJobSection(env));
}
