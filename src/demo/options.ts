/**
 * Command-line options of `npm run demo [-- --keep-running] [--pipeline <file>] [--json]`.
 * A bad flag is one message and exit code 2, before anything starts.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** The pipeline the demo runs unless `--pipeline` names another. */
export const DEMO_PIPELINE = fileURLToPath(new URL('../../examples/pipelines/demo.yaml', import.meta.url));

export const DEMO_USAGE = `usage: npm run demo [-- [--keep-running] [--pipeline <file>] [--json]]

Starts a local Temporal dev server (with its Web UI), the Fabric emulator and a worker, runs a
pipeline of Fabric jobs with live progress, prints the result, then stops everything.

  --keep-running     leave everything up after the run (Ctrl-C stops it)
  --pipeline <file>  run this pipeline file instead of examples/pipelines/demo.yaml
  --json             print the result as one JSON object on stdout
  -h, --help         show this help

Exit codes: 0 the pipeline completed, 1 it ended otherwise, 2 bad flags or pipeline file,
3 the infrastructure could not start, 130 stopped by Ctrl-C / SIGTERM before the pipeline ended.
See docs/demo.md.`;

const OPTIONS = '--keep-running, --pipeline <file>, --json, --help';

export interface DemoOptions {
  /** Leave the dev server, emulator and worker up after the run, until Ctrl-C. @default false */
  keepRunning: boolean;
  /** The pipeline file to run. @default examples/pipelines/demo.yaml */
  pipelineFile: string;
  /** Print the result as one JSON object on stdout. @default false */
  json: boolean;
}

/** A bad command line (exit 2). */
export class DemoUsageError extends Error {
  override name = 'DemoUsageError';
}

/**
 * `npm run` runs scripts in the package's directory; a relative `--pipeline` is meant from where
 * the user typed it (npm's INIT_CWD).
 */
function fromUserDirectory(file: string, env: NodeJS.ProcessEnv): string {
  const typedIn = env.INIT_CWD;
  if (!typedIn || isAbsolute(file) || resolve(typedIn) === process.cwd()) return file;
  return relative(process.cwd(), resolve(typedIn, file)) || file;
}

/** Parses the flags; `'help'` for --help. @throws DemoUsageError */
export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DemoOptions | 'help' {
  let values: { 'keep-running'?: boolean; pipeline?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'keep-running': { type: 'boolean' },
        pipeline: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new DemoUsageError(`${(error as Error).message} (options: ${OPTIONS})`);
  }
  if (values.help) return 'help';
  if (values.pipeline === '') throw new DemoUsageError('--pipeline needs a file name');
  const pipelineFile = values.pipeline === undefined ? DEMO_PIPELINE : fromUserDirectory(values.pipeline, env);
  return { keepRunning: values['keep-running'] ?? false, pipelineFile, json: values.json ?? false };
}
