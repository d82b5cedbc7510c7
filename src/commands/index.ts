/** The CLI's public surface: `runCli`, the command registry and the pieces commands are built from. */
export { runCli, buildProgram } from './program.js';
export { COMMANDS, type CommandRegistrar } from './registry.js';
export { CliContext, type CliIo } from './context.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export { UsageError, InfrastructureError } from './errors.js';
