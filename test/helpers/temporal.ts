/**
 * Starts a real Temporal dev server for integration tests (never a mock), with the project's
 * search attributes registered. The dev server start is shared with the demo (src/devserver/start.ts);
 * binaries are resolved by src/devserver/binaries.ts.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalExecutable } from '../../src/devserver/binaries.js';

export { startDevServer, searchAttributeKeys, type DevServerOptions } from '../../src/devserver/start.js';

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: temporalExecutable('temporal-test-server') },
  });
}
