/**
 * The worker's own settings (task queue, concurrency, shutdown) and the settings the CLI uses when
 * it starts workflows (task queue, search attributes).
 */
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../shared.js';
import { booleanVar, parseEnvSection, positiveIntVar } from './fields.js';
import { unwrapSection, type Env, type SectionResult } from './problems.js';

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
  /** FABRIC_WORKER_MAX_CACHED_WORKFLOWS. @default undefined (the SDK's default) */
  maxCachedWorkflows?: number;
  /** FABRIC_WORKER_SHUTDOWN_GRACE_MS: how long in-flight activities may run after a shutdown signal. @default 30000 */
  shutdownGraceTimeMs: number;
  /** FABRIC_CAPACITY_WAIT_MS: first wait after a run request refused for capacity (HTTP 430) without Retry-After. @default undefined (30 s) */
  capacityWaitMs?: number;
  /** FABRIC_CAPACITY_WAIT_MAX_MS: longest such wait. @default undefined (5 minutes) */
  capacityWaitMaxMs?: number;
}

const workerSchema = z.object({
  FABRIC_TASK_QUEUE: taskQueueVar,
  FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES: positiveIntVar('a number of activities'),
  FABRIC_WORKER_MAX_CACHED_WORKFLOWS: positiveIntVar('a number of workflows'),
  FABRIC_WORKER_SHUTDOWN_GRACE_MS: positiveIntVar('milliseconds'),
  FABRIC_CAPACITY_WAIT_MS: positiveIntVar('milliseconds'),
  FABRIC_CAPACITY_WAIT_MAX_MS: positiveIntVar('milliseconds'),
});

/** The worker section, or every problem in it. */
export function workerSection(env: Env): SectionResult<WorkerConfig> {
  return parseEnvSection(env, workerSchema, (p) => {
    const config: WorkerConfig = {
      taskQueue: p.FABRIC_TASK_QUEUE,
      shutdownGraceTimeMs: p.FABRIC_WORKER_SHUTDOWN_GRACE_MS ?? DEFAULT_SHUTDOWN_GRACE_MS,
    };
    if (p.FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES !== undefined) config.maxConcurrentActivities = p.FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES;
    if (p.FABRIC_WORKER_MAX_CACHED_WORKFLOWS !== undefined) config.maxCachedWorkflows = p.FABRIC_WORKER_MAX_CACHED_WORKFLOWS;
    if (p.FABRIC_CAPACITY_WAIT_MS !== undefined) config.capacityWaitMs = p.FABRIC_CAPACITY_WAIT_MS;
    if (p.FABRIC_CAPACITY_WAIT_MAX_MS !== undefined) config.capacityWaitMaxMs = p.FABRIC_CAPACITY_WAIT_MAX_MS;
    return config;
  });
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
