/**
 * `fabric-temporal pipeline ...`: run, start, validate, graph, status, list, retry, skip, abort, cancel, repair.
 * See docs/pipelines.md.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerPipelineInspectCommands } from './inspect.js';
import { registerPipelineListCommand } from './list.js';
import { registerPipelineOperateCommands } from './operate.js';
import { registerPipelineRepairCommand } from './repair.js';
import { registerPipelineRunCommands } from './run.js';

export function registerPipelineCommand(program: Command, ctx: CliContext): void {
  const pipeline = program.command('pipeline').description('multi-step pipelines of Fabric jobs (see docs/pipelines.md)');
  registerPipelineRunCommands(pipeline, ctx);
  registerPipelineInspectCommands(pipeline, ctx);
  registerPipelineOperateCommands(pipeline, ctx);
  registerPipelineListCommand(pipeline, ctx);
  registerPipelineRepairCommand(pipeline, ctx);
}
