/**
 * Pool configuration: which pools exist and how many slots each has.
 *
 * - `FABRIC_POOLS=spark-f8=3,warehouse=10` (read once, at start), or
 * - `FABRIC_POOLS_FILE=pools.yaml`: a YAML or JSON mapping `name: slots`, read again every time a
 *   pool asks for its slot count, so an edit applies to waiting runs without a restart.
 *
 * Every problem (a malformed entry, a bad name, slots that are not a whole number ≥ 1, a duplicate,
 * both variables set, an unreadable file) is reported with the variable it comes from.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { poolNameProblem, type PoolSlots } from '../contracts/pool.js';
import { pickEnv, problemFor } from './fields.js';
import { unwrapSection, type ConfigProblem, type Env, type SectionResult } from './problems.js';

/** The most slots a pool may have (a bound on typos such as 30000 for 3). */
export const MAX_POOL_SLOTS = 10_000;

/** Where the pools come from. */
export type PoolsConfig =
  | { source: 'none'; slots: PoolSlots }
  | { source: 'env'; slots: PoolSlots }
  /** `slots` as read at start; `readPoolSlots` reads the file again. */
  | { source: 'file'; path: string; slots: PoolSlots };

function slotsProblem(value: unknown): string | undefined {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_POOL_SLOTS) {
    return `slots must be a whole number from 1 to ${MAX_POOL_SLOTS}, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** Checks name → slots pairs; returns the pools, or the problems (one per bad pair). */
function checkPairs(pairs: ReadonlyArray<[string, unknown]>): { slots: PoolSlots; problems: string[] } {
  const slots: Record<string, number> = {};
  const problems: string[] = [];
  for (const [name, value] of pairs) {
    const nameProblem = poolNameProblem(name);
    const valueProblem = slotsProblem(value);
    if (nameProblem) problems.push(`pool ${JSON.stringify(name)}: the name ${nameProblem}`);
    else if (valueProblem) problems.push(`pool ${JSON.stringify(name)}: ${valueProblem}`);
    else if (name in slots) problems.push(`pool ${JSON.stringify(name)} is given twice`);
    else slots[name] = Number(value);
  }
  return { slots, problems };
}

/** Parses `name=slots,name=slots` (spaces around entries are ignored). */
export function parsePoolsSpec(text: string): { slots: PoolSlots; problems: string[] } {
  const problems: string[] = [];
  const pairs: Array<[string, unknown]> = [];
  for (const entry of text.split(',').map((e) => e.trim())) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      problems.push(entry === '' ? 'an empty entry (two commas in a row, or a trailing comma)' : `${JSON.stringify(entry)} is not name=slots`);
      continue;
    }
    pairs.push([entry.slice(0, eq).trim(), entry.slice(eq + 1).trim()]);
  }
  const checked = checkPairs(pairs);
  return { slots: checked.slots, problems: [...problems, ...checked.problems] };
}

/** Parses a pools file's text: a YAML or JSON mapping of pool names to slot counts. */
export function parsePoolsFile(text: string): { slots: PoolSlots; problems: string[] } {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    return { slots: {}, problems: [`not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`] };
  }
  if (doc === null || doc === undefined) return { slots: {}, problems: [] };
  if (typeof doc !== 'object' || Array.isArray(doc)) return { slots: {}, problems: ['must be a mapping of pool names to slot counts, e.g. "spark-f8: 3"'] };
  return checkPairs(Object.entries(doc as Record<string, unknown>));
}

function readFileSlots(path: string): { slots: PoolSlots; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { slots: {}, problems: [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`] };
  }
  return parsePoolsFile(text);
}

const VARIABLES = ['FABRIC_POOLS', 'FABRIC_POOLS_FILE'] as const;

/** The pools section, or every problem in it. */
export function poolsSection(env: Env): SectionResult<PoolsConfig> {
  const picked = pickEnv(env, VARIABLES);
  const spec = picked.FABRIC_POOLS;
  const file = picked.FABRIC_POOLS_FILE;
  const problems: ConfigProblem[] = [];
  const report = (variable: string, messages: string[]) => messages.forEach((m) => problems.push(problemFor(env, variable, m)));
  if (spec !== undefined && file !== undefined) {
    report('FABRIC_POOLS', ['set FABRIC_POOLS or FABRIC_POOLS_FILE, not both']);
    return { ok: false, problems };
  }
  if (spec !== undefined) {
    const parsed = parsePoolsSpec(spec);
    report('FABRIC_POOLS', parsed.problems);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { source: 'env', slots: parsed.slots } };
  }
  if (file !== undefined) {
    const parsed = readFileSlots(file);
    report('FABRIC_POOLS_FILE', parsed.problems);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { source: 'file', path: file, slots: parsed.slots } };
  }
  return { ok: true, value: { source: 'none', slots: {} } };
}

/** Reads the pools. Throws a ConfigError listing every problem. */
export function loadPoolsConfig(env: Env = process.env): PoolsConfig {
  return unwrapSection(poolsSection(env));
}

/**
 * The slots now: the file is read again (a file being edited that does not parse throws an Error
 * naming its problems); the other sources never change.
 */
export function readPoolSlots(config: PoolsConfig): PoolSlots {
  if (config.source !== 'file') return config.slots;
  const parsed = readFileSlots(config.path);
  if (parsed.problems.length > 0) throw new Error(`FABRIC_POOLS_FILE ${JSON.stringify(config.path)}: ${parsed.problems.join('; ')}`);
  return parsed.slots;
}

/** One line naming the configured pools, for messages about an unknown pool. */
export function describeConfiguredPools(slots: PoolSlots): string {
  const names = Object.keys(slots);
  return names.length === 0
    ? 'no pools are configured (set FABRIC_POOLS, e.g. FABRIC_POOLS=spark-f8=3, or FABRIC_POOLS_FILE)'
    : `configured pools: ${names.map((n) => `${n} (${slots[n]} slot${slots[n] === 1 ? '' : 's'})`).join(', ')}`;
}
