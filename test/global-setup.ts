/**
 * Once per test run (vitest globalSetup of the integration tier, in the main process): one Temporal dev
 * server, and one build of dist/ (the compiled CLI and worker the process tests run, and the prebuilt
 * workflow bundles, plain and encrypted, every test worker loads; skipped when dist/ is up to date)
 * for every test file, instead of a server, a tsx start per process and a webpack run per file. Test files reach them through test/helpers/temporal.ts (`sharedTemporal()`,
 * `testWorkflowCode()`), each on its own task queue. At the end it prints how many dev servers the run
 * started: the shared one plus those the files that must own one started (see `startDevServer` there).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../src/devserver/start.js';
import { DIST, ensureBuilt } from './helpers/dist.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the run's shared Temporal dev server (namespace `default`). */
    temporalAddress: string;
    /** The directory holding the run's prebuilt workflow bundles (WORKFLOW_BUNDLE_FILES): dist/. */
    workflowBundleDir: string;
    /** Namespaces created with the shared server for files that need one of their own (`sharedTemporal({ ownNamespace: true })`). */
    temporalNamespaces: string[];
    /** A directory where a file claims one of them (an atomic mkdir per namespace). */
    namespaceClaims: string;
    /** A file each dev server a test file starts for itself adds one line to. */
    devServerLog: string;
  }
}

/** More than the files that ask for a namespace of their own (the CLI harness's, about 25). */
const NAMESPACES = 64;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'fabric-temporal-tests-'));
  const devServerLog = join(dir, 'dev-servers.log');
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `test-${i + 1}`);
  const [env] = await Promise.all([startDevServer({ namespaces }), ensureBuilt()]);
  project.provide('temporalNamespaces', namespaces);
  project.provide('namespaceClaims', join(dir, 'namespace-claims'));
  project.provide('temporalAddress', env.address);
  project.provide('workflowBundleDir', DIST);
  project.provide('devServerLog', devServerLog);
  return async () => {
    const owned = (await readFile(devServerLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    const files = [...new Set(owned)].map((line) => line.replace(/^.*\t/, ''));
    process.stderr.write(
      `Temporal dev servers this run started: ${1 + owned.length} (1 shared${owned.length ? `, ${owned.length} owned by ${files.join(', ')}` : ''})\n`,
    );
    await env.teardown();
    await rm(dir, { recursive: true, force: true });
  };
}
