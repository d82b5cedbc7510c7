/**
 * Reading a pipeline file for a command: load + validate, then (for run/start) resolve params and
 * the logical date. Every problem becomes a line of one UsageError (exit 2); nothing starts.
 */
import {
  loadPipelineFile,
  parseParamAssignments,
  resolvePipeline,
  type LoadedPipeline,
  type PipelineIssue,
} from '../../pipeline/index.js';
import type { FabricPipelineInput } from '../../contracts/pipeline.js';
import { UsageError } from '../errors.js';
import { formatIssueForCli } from './issues.js';

/** The flags of `run` and `start` that shape the input. */
export interface RawPipelineInputOptions {
  param?: string[];
  logicalDate?: string;
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

/** @throws UsageError listing every problem of the file. */
export async function loadForCommand(file: string): Promise<LoadedPipeline> {
  try {
    return await loadPipelineFile(file);
  } catch (error) {
    throw asUsageError(file, error);
  }
}

/** The workflow input for `file` with the run's params and logical date. @throws UsageError */
export async function pipelineInputFromFile(file: string, options: RawPipelineInputOptions): Promise<{ loaded: LoadedPipeline; input: FabricPipelineInput }> {
  const loaded = await loadForCommand(file);
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
