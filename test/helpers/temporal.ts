/**
 * Starts a real Temporal dev server for integration tests (never a mock), with the project's
 * search attributes registered. Binaries are resolved by src/devserver/binaries.ts.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { temporalExecutable } from '../../src/devserver/binaries.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared.js';

export const searchAttributeKeys = Object.values(SEARCH_ATTRIBUTES).map((name) =>
  defineSearchAttributeKey(name, SearchAttributeType.KEYWORD),
);

export interface DevServerOptions {
  /** Dynamic config values, e.g. `{ 'limit.historyCount.suggestContinueAsNew': 40 }`. */
  dynamicConfig?: Record<string, string | number | boolean>;
  dbFilename?: string;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const extraArgs = Object.entries(options.dynamicConfig ?? {}).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable('temporal'),
      searchAttributes: searchAttributeKeys,
      extraArgs,
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
    },
  });
}

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: temporalExecutable('temporal-test-server') },
  });
}
