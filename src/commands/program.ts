/**
 * The commander program and `runCli`, which runs one command line and returns its exit code
 * (0 ok, 1 job not completed, 2 invalid input, 3 infrastructure; see docs/cli.md). Errors become
 * one clear message per problem on stderr, never a stack trace.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, type Option } from 'commander';
import { CliContext, type CliIo } from './context.js';
import { asInfrastructureError, exitCodeForError, messagesForError } from './errors.js';
import { decorateHelp } from './help-text.js';
import { EXIT } from './exit-codes.js';
import { COMMANDS, type CommandRegistrar } from './registry.js';

function version(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * A mistyped flag (`--itme x`) is reported as unknown, with commander's suggestion (`Did you mean
 * --item?`), before the required flag it was meant to be (`--item`) is reported missing: commander
 * checks required options first, which hides the typo behind a misleading message.
 */
function unknownOptionsFirst(command: Command): void {
  // Both methods exist on every Command (commander's own error paths) but are left out of its typings.
  const errors = command as unknown as { missingMandatoryOptionValue(option: Option): void; unknownOption(flag: string): void };
  const parseOptions = command.parseOptions.bind(command);
  const missing = errors.missingMandatoryOptionValue.bind(command);
  let unknown: string[] = [];
  command.parseOptions = (args) => {
    const parsed = parseOptions(args);
    unknown = parsed.unknown;
    return parsed;
  };
  errors.missingMandatoryOptionValue = (option) => {
    const typo = unknown.find((arg) => arg.startsWith('-'));
    if (typo !== undefined) errors.unknownOption(typo);
    missing(option);
  };
  for (const sub of command.commands) unknownOptionsFirst(sub);
}

export function buildProgram(ctx: CliContext, commands: readonly CommandRegistrar[]): Command {
  const program = new Command('fabric-temporal')
    .description('Durable Microsoft Fabric item jobs on Temporal')
    .version(version())
    .option('--address <host:port>', 'Temporal frontend address (overrides TEMPORAL_ADDRESS and the profile)')
    .option('--namespace <name>', 'Temporal namespace (overrides TEMPORAL_NAMESPACE and the profile)')
    .option('--profile <name>', 'Temporal client profile from the config file (overrides TEMPORAL_PROFILE)')
    .option('--verbose', 'errors show what lies under them, e.g. Azure\'s credential chain (also FABRIC_LOG_LEVEL=debug)')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'fabric-temporal: ')),
    });
  program.hook('preAction', () => ctx.overrideConnection(program.opts<{ address?: string; namespace?: string; profile?: string; verbose?: boolean }>()));
  for (const register of commands) register(program, ctx);
  decorateHelp(program);
  unknownOptionsFirst(program);
  return program;
}

function commanderExitCode(error: CommanderError): number {
  if (error.exitCode === 0) return EXIT.ok; // --help, --version
  return EXIT.invalidInput; // unknown command or flag, missing required flag or argument
}

/** Runs `argv` (without node and script) and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CommandRegistrar[] = COMMANDS): Promise<number> {
  const ctx = new CliContext(io);
  const program = buildProgram(ctx, commands);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.invalidInput;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (caught) {
    if (caught instanceof CommanderError) return commanderExitCode(caught);
    let error = caught;
    try {
      error = asInfrastructureError(caught, ctx.config().temporal);
    } catch {
      // the configuration itself is invalid: keep the original error
    }
    for (const line of messagesForError(error)) ctx.info(line.startsWith(' ') ? line : `fabric-temporal: ${line}`);
    return exitCodeForError(error);
  } finally {
    await ctx.close().catch(() => undefined);
  }
}
