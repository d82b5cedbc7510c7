/**
 * The CLI's commands. Adding a command (e.g. `pipeline ...`, `schedule ...`) is one file that exports
 * a `CommandRegistrar` and one entry in `COMMANDS`.
 */
import type { Command } from 'commander';
import { registerCancelCommand } from './cancel.js';
import { registerCatalogCommands } from './catalog.js';
import type { CliContext } from './context.js';
import { registerFabricScheduleCommands } from './fabric-schedule/index.js';
import { registerJobsCommands } from './jobs.js';
import { registerListCommand } from './list.js';
import { registerReconcileCommand } from './reconcile.js';
import { registerPipelineCommand } from './pipeline/index.js';
import { registerOperationCommands } from './operation/index.js';
import { registerPoolsCommands } from './pools.js';
import { registerRefreshCommand } from './refresh/index.js';
import { registerRunCommand } from './run.js';
import { registerScheduleCommands } from './schedule/index.js';
import { registerStartCommand } from './start.js';
import { registerStatusCommand } from './status.js';
import { registerUiCommand } from './ui.js';

/** Adds one command (or a group of subcommands) to the program. */
export type CommandRegistrar = (program: Command, ctx: CliContext) => void;

export const COMMANDS: readonly CommandRegistrar[] = [
  registerRunCommand,
  registerStartCommand,
  registerStatusCommand,
  registerCancelCommand,
  registerListCommand,
  registerPipelineCommand,
  registerRefreshCommand,
  registerOperationCommands,
  registerScheduleCommands,
  registerFabricScheduleCommands,
  registerJobsCommands,
  registerReconcileCommand,
  registerPoolsCommands,
  registerCatalogCommands,
  registerUiCommand,
];
