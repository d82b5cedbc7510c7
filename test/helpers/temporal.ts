/**
 * Temporal for integration tests: a real dev server (never a mock), with the project's search
 * attributes registered (src/devserver/start.ts, shared with the demo and CI).
 * - `sharedTemporal()`: the run's one dev server (test/global-setup.ts), namespace `default`; a test
 *   file isolates itself by its own task queue, and by a namespace of its own where it lists. `teardown()` closes the connections, not the server.
 * - `startDevServer()`: a server of the file's own, for the few tests that must own one (they kill it,
 *   need dynamic config or a persistent database); each start is counted in the run's summary line.
 * - `testWorkflowCode()`: the Worker options that load the run's prebuilt workflow bundle.
 * Outside vitest (the history recording scripts, run with tsx) there is no run: `sharedTemporal()`
 * starts a server of its own and `testWorkflowCode()` bundles src/workflows at the worker's start.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type WorkerOptions } from '@temporalio/worker';
import { expect, inject } from 'vitest';
import { startDevServer as startOwnDevServer, type DevServerOptions } from '../../src/devserver/start.js';
import { workflowCodeOptions } from '../../src/worker/workflow-bundle.js';
import { workflowsPath } from '../../src/worker/workflows-path.js';

const underVitest = () => process.env.VITEST !== undefined;

export { startTimeSkippingServer, searchAttributeKeys, type DevServerOptions } from '../../src/devserver/start.js';

/**
 * A client and worker connection to the run's shared dev server: namespace `default`, or with
 * `ownNamespace` one no other file uses (for files that list or count what is in the namespace);
 * `env.namespace` names it, and workers must be given it.
 */
export async function sharedTemporal(options: { ownNamespace?: boolean } = {}): Promise<TestWorkflowEnvironment> {
  if (!underVitest()) return startOwnDevServer();
  const namespace = options.ownNamespace ? claimNamespace() : 'default';
  return TestWorkflowEnvironment.createFromExistingServer({ address: inject('temporalAddress'), namespace });
}

function claimNamespace(): string {
  const claims = inject('namespaceClaims');
  mkdirSync(claims, { recursive: true });
  for (const namespace of inject('temporalNamespaces')) {
    try {
      mkdirSync(join(claims, namespace));
      return namespace;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error('every namespace test/global-setup.ts created is taken: raise NAMESPACES there');
}

/** A dev server of the calling test file's own (say why in the file); counted in the run's summary. */
export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const env = await startOwnDevServer(options);
  if (!underVitest()) return env;
  const file = basename(expect.getState().testPath ?? process.argv[1] ?? 'unknown');
  appendFileSync(inject('devServerLog'), `${env.address}\t${file}\n`);
  return env;
}

/**
 * `{ workflowBundle }` for the run's prebuilt bundle matching `dataConverter` (plain, or the encrypting
 * failure converter), with `workflowsPath` cleared so that spreading it over other options wins.
 */
export function testWorkflowCode(dataConverter?: DataConverter): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (!underVitest()) return { workflowsPath: workflowsPath() };
  const code = workflowCodeOptions(dataConverter, inject('workflowBundleDir'));
  if (!code.workflowBundle) throw new Error('no prebuilt workflow bundle for this data converter (test/global-setup.ts builds the plain and encrypted ones)');
  return { workflowBundle: code.workflowBundle, workflowsPath: undefined };
}

let runtimeInstalled = false;
/** Installs the Temporal runtime once per test process with a logger that shows errors only (TEST_LOG_LEVEL=debug: everything). */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'DEBUG' : 'ERROR') });
}
