/**
 * Starts a real Temporal dev server (or the time-skipping test server) for integration tests, never
 * a mock, with the project's search attributes registered. Shared with the demo and CI
 * (src/devserver/start.ts); binaries are found or obtained by src/devserver/binaries.ts.
 */
export { startDevServer, startTimeSkippingServer, searchAttributeKeys, type DevServerOptions } from '../../src/devserver/start.js';
