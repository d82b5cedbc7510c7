/**
 * The fabric-temporal worker: `npm run worker` (or `node dist/worker.js`) runs it; other code (the
 * demo, tests) reuses `createFabricWorker`. Configuration: docs/configuration.md.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { entryPoint } from './entry-point.js';
import { runWorkerMain, WORKER_USAGE } from './worker/main.js';
import { reexecWithHeapLimit } from './worker/heap-reexec.js';

export { createFabricWorker, workerDeploymentOptions, type FabricWorkerOptions } from './worker/create-worker.js';
export { workflowCodeOptions, buildWorkflowBundles, WORKFLOW_BUNDLE_FILES } from './worker/workflow-bundle.js';
export { createFabricClient, type CreateFabricClientOptions } from './worker/fabric-client.js';
export { workflowsPath } from './worker/workflows-path.js';
export { runWorkerMain, type WorkerMainIo } from './worker/main.js';

function isMainModule(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  entryPoint({ program: 'fabric-temporal worker', usage: WORKER_USAGE });
  // With FABRIC_WORKER_MEMORY_MIB or a container limit: restart once with the main thread's heap limit.
  reexecWithHeapLimit();
  process.exit(await runWorkerMain());
}
