/** `npm run build`'s last step: `node dist/worker/bundle-main.js` writes the prebuilt workflow bundles into dist/. */
import { buildWorkflowBundles } from './workflow-bundle.js';

try {
  for (const file of await buildWorkflowBundles()) process.stderr.write(`workflow bundle: ${file}\n`);
} catch (error) {
  process.stderr.write(`cannot build the workflow bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
