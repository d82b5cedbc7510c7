/**
 * Flags of the chaos and benchmark scripts: `--name value` integers or choices, and `--json`. A bad flag is one
 * clear message and exit code 2, before anything is started.
 */
import { parseArgs } from 'node:util';
import { entryPoint } from '../../src/entry-point.js';
import { runInterruptCleanups } from './cleanup.js';

export class FlagError extends Error {
  override name = 'FlagError';
}

export interface IntFlag {
  /** @default none: the flag is required to have a default */
  default: number;
  min: number;
  max: number;
  /** What the number means, for messages and --help. */
  what: string;
}

/** A flag that takes one of a few words (`--server dev|cluster`). */
export interface ChoiceFlag<C extends string = string> {
  choices: readonly C[];
  default: C;
  what: string;
}

export type Flag = IntFlag | ChoiceFlag;

export type ParsedFlags<T extends Record<string, Flag>> = { [K in keyof T]: T[K] extends ChoiceFlag<infer C> ? C : number } & { json: boolean; help: boolean };

function isChoice(flag: Flag): flag is ChoiceFlag {
  return 'choices' in flag;
}

/** Parses `argv` against integer and choice flags plus `--json` and `--help`; throws FlagError naming the bad flag. */
export function parseFlags<T extends Record<string, Flag>>(argv: string[], flags: T): ParsedFlags<T> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } as never };
  for (const name of Object.keys(flags)) options[name] = { type: 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new FlagError((err as Error).message);
  }
  const out: Record<string, number | boolean | string> = { json: values.json === true, help: values.help === true };
  for (const [name, spec] of Object.entries(flags)) {
    const raw = values[name];
    if (raw === undefined) {
      out[name] = spec.default;
      continue;
    }
    if (isChoice(spec)) {
      if (typeof raw !== 'string' || !spec.choices.includes(raw)) throw new FlagError(`--${name} must be one of ${spec.choices.join(', ')} (${spec.what}), got '${String(raw)}'`);
      out[name] = raw;
      continue;
    }
    const n = Number(raw);
    if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || n < spec.min || n > spec.max) {
      throw new FlagError(`--${name} must be a whole number from ${spec.min} to ${spec.max} (${spec.what}), got '${String(raw)}'`);
    }
    out[name] = n;
  }
  return out as ParsedFlags<T>;
}

/** One line per flag, for --help. */
export function usage(command: string, flags: Record<string, Flag>): string {
  const lines = Object.entries(flags).map(([name, f]) =>
    isChoice(f) ? `  --${name} ${f.choices.join('|')}   ${f.what} (default ${f.default})` : `  --${name} N   ${f.what} (${f.min}..${f.max}, default ${f.default})`,
  );
  return [`usage: ${command} [flags]`, ...lines, '  --json     print one JSON object instead of the text report'].join('\n');
}

/** On the first SIGINT/SIGTERM: stop every process the script started (and the cluster's files), then exit 130. */
function exitCleanlyOnInterrupt(command: string): void {
  const onSignal = (signal: string) => {
    console.error(`${command}: ${signal}: stopping the processes it started`);
    void runInterruptCleanups().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Runs `main` with parsed flags: exit 2 on a bad flag, 130 when interrupted (after clean-up), the main's code otherwise. */
export async function runScript<T extends Record<string, Flag>>(command: string, flags: T, main: (f: ParsedFlags<T>) => Promise<number>): Promise<never> {
  entryPoint({ program: command, usage: usage(command, flags) });
  let parsed: ParsedFlags<T>;
  try {
    parsed = parseFlags(process.argv.slice(2), flags);
  } catch (err) {
    console.error(`${command}: ${(err as Error).message} (see --help)`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(usage(command, flags));
    process.exit(0);
  }
  exitCleanlyOnInterrupt(command);
  try {
    process.exit(await main(parsed));
  } catch (err) {
    console.error(`${command}: failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(3);
  }
}
