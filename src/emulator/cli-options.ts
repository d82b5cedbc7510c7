/**
 * Command-line options of the emulator CLI (src/emulator/main.ts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateCatalog } from './catalog.js';
import { SAMPLE_CATALOG } from './sample-catalog.js';
import { validateScenarioFile } from './scenario.js';
import type { EmulatorOptions } from './index.js';

export const USAGE = 'usage: npm run emulator -- [--port N (default 5050)] [--host H] [--token T] [--identity NAME=TOKEN]... [--scenario-file F] [--catalog-file F | --empty-catalog] [--page-size N] [--spark-job-limit N]';

/** A command-line problem: reported in one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function intFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

function readJsonFile(flag: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --${flag} ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--${flag} ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function loadCatalogFile(path: string): Pick<EmulatorOptions, 'catalog'> {
  const json = readJsonFile('catalog-file', path);
  try {
    return { catalog: validateCatalog(json) };
  } catch (err) {
    throw new UsageError(`--catalog-file ${path}: ${(err as Error).message}`);
  }
}

function loadScenarioFile(path: string): Pick<EmulatorOptions, 'defaultScenario' | 'scenarios'> {
  const json = readJsonFile('scenario-file', path);
  try {
    const file = validateScenarioFile(json);
    return { ...(file.default ? { defaultScenario: file.default } : {}), ...(file.items ? { scenarios: file.items } : {}) };
  } catch (err) {
    throw new UsageError(`--scenario-file ${path}: ${(err as Error).message}`);
  }
}

/** Parses the CLI flags; `help` when --help was given. Throws UsageError on a bad flag. */
export function parseCli(argv: string[]): EmulatorOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        identity: { type: 'string', multiple: true },
        'scenario-file': { type: 'string' },
        'catalog-file': { type: 'string' },
        'empty-catalog': { type: 'boolean' },
        'page-size': { type: 'string' },
        'spark-job-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  const port = intFlag(values.port, 'port', 0, 65535) ?? 5050;
  const pageSize = intFlag(values['page-size'], 'page-size', 1, 10_000);
  const sparkJobLimit = intFlag(values['spark-job-limit'], 'spark-job-limit', 0, 100_000);
  if (values.token === '') throw new UsageError('--token must not be empty');
  if (values.host === '') throw new UsageError('--host must not be empty');
  if (values['empty-catalog'] && values['catalog-file'] !== undefined) throw new UsageError('--catalog-file and --empty-catalog exclude each other');
  const identities: Record<string, string> = {};
  for (const pair of values.identity ?? []) {
    const match = /^([A-Za-z0-9_-]+)=(\S+)$/.exec(pair);
    if (!match) throw new UsageError(`--identity must be NAME=TOKEN (NAME of letters, digits, _ or -), got '${pair}'`);
    if (identities[match[1]!] !== undefined) throw new UsageError(`--identity ${match[1]} is given twice`);
    identities[match[1]!] = match[2]!;
  }
  return {
    port,
    ...(Object.keys(identities).length > 0 ? { identities } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.token !== undefined ? { token: values.token } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(sparkJobLimit !== undefined ? { sparkJobLimit } : {}),
    ...(values['scenario-file'] !== undefined ? loadScenarioFile(values['scenario-file']) : {}),
    // Without a catalog file: the sample catalog, unless --empty-catalog.
    ...(values['catalog-file'] !== undefined ? loadCatalogFile(values['catalog-file']) : values['empty-catalog'] ? {} : { catalog: validateCatalog(SAMPLE_CATALOG) }),
  };
}
