/**
 * What every entry point (CLI, worker, codec server, emulator, demo, bench, chaos, binaries) does
 * before anything else: refuse a Node.js too old for it with one line (no stack trace), and answer
 * `--help` / `--version` without side effects (no connection, no server, no file written).
 */
import { createRequire } from 'node:module';

interface PackageJson {
  version: string;
  engines?: { node?: string };
}

function packageJson(): PackageJson {
  return createRequire(import.meta.url)('../package.json') as PackageJson;
}

/** The project's version (package.json). */
export function packageVersion(): string {
  try {
    return packageJson().version;
  } catch {
    return 'unknown';
  }
}

/** package.json's engines.node, e.g. `>=22`. */
export function packageEngines(): string {
  try {
    return packageJson().engines?.node ?? '>=0';
  } catch {
    return '>=0';
  }
}

/** `>=22` or `>= 22.12.0` → [22, 0, 0] / [22, 12, 0]. */
function minimumOf(range: string): number[] {
  const match = /^\s*>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range);
  if (!match) return [0, 0, 0];
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function older(found: number[], minimum: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    if ((found[i] ?? 0) !== (minimum[i] ?? 0)) return (found[i] ?? 0) < (minimum[i] ?? 0);
  }
  return false;
}

/** The one line for a Node.js older than `range`, or undefined when it is recent enough. */
export function nodeVersionProblem(program: string, range: string, version = process.versions.node): string | undefined {
  const minimum = minimumOf(range);
  if (!older(version.split('.').map(Number), minimum)) return undefined;
  return `${program}: Node.js ${version} found, but this needs Node.js ${range.replace(/\s+/g, '')}: install Node.js 24 LTS (https://nodejs.org, or \`nvm install 24\`) and run the command again`;
}

export interface EntryPointSpec {
  /** The name in messages, e.g. `fabric-temporal worker`. */
  program: string;
  /** The usage text printed by --help (on stdout). */
  usage: string;
  /** The Node.js versions it runs on. @default package.json's engines.node */
  node?: string;
}

/**
 * Checks the Node.js version (exit 3 with one line when too old) and answers -h/--help and
 * -V/--version (exit 0). Returns when the entry point should go on.
 */
export function entryPoint(spec: EntryPointSpec, argv: readonly string[] = process.argv.slice(2)): void {
  const range = spec.node ?? packageEngines();
  const problem = nodeVersionProblem(spec.program, range);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(3);
  }
  const flags = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  if (flags.includes('-h') || flags.includes('--help')) {
    process.stdout.write(`${spec.usage.trimEnd()}\n`);
    process.exit(0);
  }
  if (flags.includes('-V') || flags.includes('--version')) {
    process.stdout.write(`${packageVersion()}\n`);
    process.exit(0);
  }
}
