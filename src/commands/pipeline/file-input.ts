/**
 * Reading a pipeline file for a command: load + validate, then (for run/start) resolve params and
 * the logical date. Every problem becomes a line of one UsageError (exit 2); nothing starts.
 */
import type { Command } from 'commander';
import {
  envTemplatesUsed,
  loadPipelineFile,
  loadValuesFile,
  parseParamAssignments,
  resolvePipeline,
  type LoadedPipeline,
  type PipelineIssue,
} from '../../pipeline/index.js';
import type { FabricPipelineInput } from '../../contracts/pipeline.js';
import { UsageError } from '../errors.js';
import { formatIssueForCli } from './issues.js';

/** `--env` and `--values`: which environment's values the file's `{{ env.X }}` read. */
export interface RawEnvironmentOptions {
  env?: string;
  values?: string;
}

/** The flags of `run` and `start` that shape the input. */
export interface RawPipelineInputOptions extends RawEnvironmentOptions {
  param?: string[];
  logicalDate?: string;
}

/** Adds `--env NAME` and `--values FILE`. */
export function addEnvironmentOptions(command: Command): Command {
  return command
    .option('--env <name>', 'use this environment of the file\'s environments: block ({{ env.X }}, params)')
    .option('--values <file>', 'take the {{ env.X }} values (and params) from this YAML/JSON file (over --env\'s)');
}

function usageError(source: string, issues: readonly PipelineIssue[]): UsageError {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new UsageError([`${source}: invalid pipeline (${count}):`, ...issues.map((issue) => `  ${formatIssueForCli(issue)}`)]);
}

/** A PipelineValidationError as the UsageError listing its issues; any other error as it is. */
function asUsageError(source: string, error: unknown): unknown {
  if ((error as Error | null)?.name !== 'PipelineValidationError') return error;
  return usageError(source, (error as { issues: PipelineIssue[] }).issues);
}

/**
 * Loads the file with the selected environment applied. With `requireEnv`, a file that reads
 * `{{ env.X }}` needs `--env` or `--values` (a run must know every value before it starts).
 * @throws UsageError listing every problem of the file.
 */
export async function loadForCommand(file: string, raw: RawEnvironmentOptions = {}, requireEnv = false): Promise<LoadedPipeline> {
  let loaded: LoadedPipeline;
  try {
    const values = raw.values === undefined ? undefined : await loadValuesFile(raw.values);
    loaded = await loadPipelineFile(file, { ...(raw.env !== undefined && { env: raw.env }), ...(values !== undefined && { values, valuesSource: raw.values! }) });
  } catch (error) {
    throw asUsageError((error as { source?: string }).source ?? file, error);
  }
  const used = requireEnv && raw.env === undefined && raw.values === undefined ? envTemplatesUsed(loaded.pipeline) : [];
  if (used.length > 0) {
    const declared = Object.keys(loaded.pipeline.environments ?? {});
    const choices = declared.length > 0 ? ` (declared: ${declared.join(', ')})` : '';
    throw new UsageError(`${file}: the file reads ${used.map((n) => `{{ env.${n} }}`).join(', ')}: choose an environment with --env${choices}, or give --values FILE; nothing was started`);
  }
  return loaded;
}

/** The workflow input for `file` with the run's params and logical date. @throws UsageError */
export async function pipelineInputFromFile(file: string, options: RawPipelineInputOptions): Promise<{ loaded: LoadedPipeline; input: FabricPipelineInput }> {
  const loaded = await loadForCommand(file, options, true);
  const { params, issues } = parseParamAssignments(options.param ?? []);
  if (issues.length > 0) throw usageError(file, issues);
  try {
    const input = resolvePipeline(loaded.pipeline, { params, ...(options.logicalDate !== undefined ? { logicalDate: options.logicalDate } : {}) });
    return { loaded, input };
  } catch (error) {
    throw asUsageError(file, error);
  }
}

/** commander's collector for a repeatable `--param k=v`. */
export function collectParam(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
