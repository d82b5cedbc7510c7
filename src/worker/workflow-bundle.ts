/**
 * The prebuilt workflow bundle: `npm run build` writes it next to the compiled code, and the worker
 * loads it with `workflowBundle` instead of running webpack at every start (which costs a few
 * hundred MiB of memory and several seconds). Without a built bundle (running from src/ with tsx),
 * the worker bundles at start as before.
 *
 * Two bundles are built, because a bundle carries the failure converter the workflows use: one with
 * the SDK's default, one with the encryption failure converter (src/codec). A data converter with
 * any other converter path makes the worker bundle at start.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import type { WorkerOptions } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../codec/data-converter.js';
import { workflowsPath } from './workflows-path.js';

/** The bundle files, in the package root's `dist/` (one level above this module). */
export const WORKFLOW_BUNDLE_FILES = { plain: 'workflow-bundle.js', encrypted: 'workflow-bundle-encrypted.js' } as const;
type BundleKind = keyof typeof WORKFLOW_BUNDLE_FILES;

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

function kindFor(dataConverter: DataConverter | undefined): BundleKind | undefined {
  if (dataConverter?.payloadConverterPath) return undefined;
  const failure = dataConverter?.failureConverterPath;
  if (failure === undefined) return 'plain';
  return failure === FAILURE_CONVERTER_PATH ? 'encrypted' : undefined;
}

/**
 * The Worker options that load the workflows: `{ workflowBundle }` when a matching prebuilt bundle
 * exists in `dir`, else `{ workflowsPath }` (bundled at start).
 */
export function workflowCodeOptions(dataConverter: DataConverter | undefined, dir: string = DEFAULT_DIR): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const kind = kindFor(dataConverter);
  const codePath = kind ? join(dir, WORKFLOW_BUNDLE_FILES[kind]) : undefined;
  if (codePath && existsSync(codePath)) return { workflowBundle: { codePath } };
  return { workflowsPath: workflowsPath() };
}

/** Builds both bundles into `dir` (the build step). Returns the files written. */
export async function buildWorkflowBundles(dir: string = DEFAULT_DIR): Promise<string[]> {
  // Loaded only here: the worker itself never needs the bundler when a bundle is built.
  const { bundleWorkflowCode, DefaultLogger } = await import('@temporalio/worker');
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const kind of Object.keys(WORKFLOW_BUNDLE_FILES) as BundleKind[]) {
    const { code } = await bundleWorkflowCode({
      workflowsPath: workflowsPath(),
      logger: new DefaultLogger('WARN'),
      ...(kind === 'encrypted' ? { failureConverterPath: FAILURE_CONVERTER_PATH } : {}),
    });
    const file = join(dir, WORKFLOW_BUNDLE_FILES[kind]);
    await writeFile(file, code);
    written.push(file);
  }
  return written;
}
