/**
 * The field tables' mechanism, shared by every kind of run (a Fabric job, a semantic model refresh,
 * the long-running operations): what a field is ({@link Field}), its text forms (flags, pipeline
 * files) and its input form (the workflow input), the one rule per field, and the rows every kind
 * shares ({@link sharedFields}: workspace, timeout, poll interval, connection, pool). A kind's table
 * (JOB_FIELDS in job.ts, REFRESH_FIELDS in refresh-fields.ts) is its own rows plus the shared ones;
 * its CLI flags, pipeline step and compensation keys, schedule flags and workflow input check derive
 * from it. See docs/architecture.md, "How to add a job option" and "How to add a kind".
 *
 * Sandbox-safe: no Node built-ins, no imports with side effects (the workflows import it).
 */
import { DURATION_FORMS, durationToMs, formatDuration } from '../duration.js';
import { normalizeConnectionName, unknownConnectionMessage } from './connection.js';
import { poolNameProblem } from './pool.js';
import { isItemPath, workspaceRefProblem } from '../names/reference.js';

/** Bounds for the poll interval, in milliseconds. */
export interface PollInterval {
  /** Never poll sooner than this, whatever Retry-After says. @default 1_000 */
  minMs?: number;
  /** Never wait longer than this between polls. @default 300_000 (5 minutes) */
  maxMs?: number;
  /** Used when Fabric sends no Retry-After. @default 10_000 */
  fallbackMs?: number;
}

/** The defaults of {@link PollInterval}. */
export const DEFAULT_POLL_INTERVAL: Readonly<Required<PollInterval>> = { minMs: 1_000, maxMs: 300_000, fallbackMs: 10_000 };

/** A rule broken: what is wrong, without the field's name or the value (each surface adds those). */
export interface RuleBroken {
  message: string;
  /** For a field with parts (pollInterval): the part in the text form (`min`, `max`, `fallback`). */
  part?: string;
}

/** How a field is written on the command line and in pipeline files. */
export type TextForm =
  /** A string (surrounding blanks dropped on the command line and in files). */
  | 'string'
  /** JSON: inline or `@file` on the command line, a YAML/JSON value in a pipeline file. */
  | 'json'
  /** A duration (`90s`, `2h`), turned into milliseconds. */
  | 'duration'
  /** Durations in parts (`min`, `max`, `fallback`), turned into `{ minMs, maxMs, fallbackMs }`. */
  | 'duration-parts';

/** One command-line flag of a field. */
export interface FieldFlag {
  /** Without the dashes, e.g. `poll-min`. */
  name: string;
  /** The value's placeholder in the help, e.g. `<duration>`. */
  value: string;
  help: string;
  /** For a field with parts: which part this flag sets. */
  part?: string;
}

/**
 * One field of a kind's table: how the CLI, a pipeline file, a schedule and the workflow input write
 * it, and its one rule. `K` is the key in the kind's workflow input; `T` says where the value goes
 * (the kind's own targets).
 */
export interface Field<K extends string = string, T = unknown> {
  /** Key in the kind's workflow input. */
  input: K;
  /** Key in a pipeline step or compensation. */
  file: string;
  flags: readonly FieldFlag[];
  required: boolean;
  /** What an unset field means, for help and docs. */
  default?: string;
  text: TextForm;
  /** A pipeline file may write a `{{ params.NAME }}` template here; it is checked once rendered. */
  template?: boolean;
  /** How the field maps onto the Fabric request, or what it tells the workflow. */
  target: T;
  /** The one rule, on the input form (what the workflow receives): the rule broken, or undefined. */
  check(value: unknown): RuleBroken | undefined;
  /**
   * Hook for the check that needs configuration: the value must be one of the names the CLI's
   * configuration knows (`pools`: FABRIC_POOLS; `connections`: the named connections). Checked
   * before anything starts by every command that starts or stores a run ({@link configuredProblem}).
   */
  configured?: keyof ConfiguredNames;
  /**
   * Hook for pipeline-wide defaults: the pipeline file's top-level key whose value every step and
   * compensation of this kind takes when it sets none (`workspace`, `connection`, `pool`, `pollInterval`).
   */
  pipelineDefault?: string;
}

/** Where a field goes, when the kind has nothing more precise: what it tells the workflow. */
export type FieldTarget = { workflow: string };

/** `a string`, `an array`, ... for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' && !Number.isInteger(value) ? `the number ${value}` : `a ${typeof value}`;
}

export const broken = (message: string, part?: string): RuleBroken => (part === undefined ? { message } : { message, part });


/** Milliseconds of the input form: a number > 0. */
export function positiveMs(value: unknown, part?: string): RuleBroken | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return broken(`must be a number of milliseconds, got ${describeValue(value)}`, part);
  return value > 0 ? undefined : broken('must be longer than 0', part);
}


const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parts of a pollInterval: text-form name → input-form key. */
export const POLL_INTERVAL_PARTS = { min: 'minMs', max: 'maxMs', fallback: 'fallbackMs' } as const;

function pollIntervalRule(value: unknown): RuleBroken | undefined {
  if (!isPlainObject(value)) return broken(`must be an object with minMs, maxMs and/or fallbackMs, got ${describeValue(value)}`);
  for (const [part, key] of Object.entries(POLL_INTERVAL_PARTS)) {
    if (value[key] !== undefined) {
      const problem = positiveMs(value[key], part);
      if (problem) return problem;
    }
  }
  const minMs = (value.minMs as number | undefined) ?? DEFAULT_POLL_INTERVAL.minMs;
  const maxMs = (value.maxMs as number | undefined) ?? DEFAULT_POLL_INTERVAL.maxMs;
  if (minMs <= maxMs) return undefined;
  const shown = (ms: number, given: boolean) => `${formatDuration(ms)}${given ? '' : ' (the default)'}`;
  return broken(`min ${shown(minMs, value.minMs !== undefined)} is longer than max ${shown(maxMs, value.maxMs !== undefined)}: the minimum poll interval must not exceed the maximum`);
}

/** A value in its text form (a flag's text, a pipeline file's value) turned into the input form. */
export type FromText = { ok: true; value: unknown } | { ok: false; problem: RuleBroken; value: unknown };

/** The one rule of durations in text form; `value` may also be a number a YAML file wrote without unit. */
export function durationFromText(value: unknown, part?: string): FromText {
  const ms = typeof value === 'string' ? durationToMs(value) : undefined;
  if (ms === undefined) {
    const plain = typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value));
    const hint = plain ? ` (a plain number has no unit: write ${String(value).trim()}s or ${String(value).trim()}ms)` : '';
    return { ok: false, problem: broken(`not a duration${hint}; use ${DURATION_FORMS}`, part), value };
  }
  const problem = positiveMs(ms, part);
  return problem ? { ok: false, problem, value } : { ok: true, value: ms };
}

/**
 * A field's value as written on the command line (JSON already parsed) or in a pipeline file,
 * turned into the input form (strings trimmed, durations in milliseconds) and checked by the
 * field's rule.
 */
export function fieldFromText(field: Field, value: unknown): FromText {
  let converted = value;
  if (field.text === 'string' && typeof value === 'string') {
    converted = value.trim();
  } else if (field.text === 'duration') {
    const ms = durationFromText(value);
    if (!ms.ok) return ms;
    converted = ms.value;
  } else if (field.text === 'duration-parts') {
    if (!isPlainObject(value)) return { ok: false, problem: broken(`must be an object with min, max and/or fallback, got ${describeValue(value)}`), value };
    const parts: Record<string, unknown> = {};
    for (const [part, key] of Object.entries(POLL_INTERVAL_PARTS)) {
      if (value[part] === undefined) continue;
      const ms = durationFromText(value[part], part);
      if (!ms.ok) return ms;
      parts[key] = ms.value;
    }
    converted = parts;
  }
  const problem = field.check(converted);
  return problem ? { ok: false, problem, value } : { ok: true, value: converted };
}


/** A rule a value breaks, and which field. */
export interface FieldProblem<F extends Field = Field> extends RuleBroken {
  field: F;
  /** The offending value (of the part, when there is one), as it was given. */
  value: unknown;
}

/** Every rule `spec` breaks, field by field (required fields included unless `partial`). */
export function fieldProblems<F extends Field>(fields: readonly F[], spec: Readonly<Record<string, unknown>>, options: { partial?: boolean } = {}): FieldProblem<F>[] {
  const problems: FieldProblem<F>[] = [];
  for (const field of fields) {
    const value = spec[field.input];
    if (value === undefined) {
      if (field.required && !options.partial) problems.push({ field, value, message: 'required' });
      continue;
    }
    const problem = field.check(value);
    if (!problem) continue;
    const partKey = problem.part === undefined ? undefined : POLL_INTERVAL_PARTS[problem.part as keyof typeof POLL_INTERVAL_PARTS];
    problems.push({ field, ...problem, value: partKey === undefined ? value : (value as Record<string, unknown>)[partKey] });
  }
  return problems;
}

/**
 * The rule every kind shares about its target: the workspace is required unless the target (the
 * `pathField`: a job's item, a refresh's semantic model) is a path that names its workspace.
 */
export function workspaceRequired<F extends Field>(workspace: F, spec: Readonly<Record<string, unknown>>, pathField: string): FieldProblem<F> | undefined {
  const target = spec[pathField];
  if (spec[workspace.input] !== undefined || target === undefined || isItemPath(target)) return undefined;
  return { field: workspace, value: undefined, message: `required (a workspace id or name), unless ${pathField} is a path "Workspace.Workspace/Name"` };
}

/** `workspaceId`, `pollInterval.minMs`: where a problem sits in the workflow input. */
export function inputPath(problem: Pick<FieldProblem, 'field' | 'part'>): string {
  const partKey = problem.part === undefined ? undefined : POLL_INTERVAL_PARTS[problem.part as keyof typeof POLL_INTERVAL_PARTS];
  return partKey === undefined ? problem.field.input : `${problem.field.input}.${partKey}`;
}

/** `"x"`, `5`; nothing for objects and arrays (too long for a message). */
export function shownValue(value: unknown): string | undefined {
  if (value === undefined || (typeof value === 'object' && value !== null)) return undefined;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}


/** `workspaceId "ws": not a UUID; ...`, `pollInterval.minMs 0: must be longer than 0`: a problem as a workflow input check words it. */
export function formatInputProblem(problem: FieldProblem): string {
  const shown = shownValue(problem.value);
  return `${inputPath(problem)}${shown === undefined ? '' : ` ${shown}`}: ${problem.message}`;
}

// ---------------------------------------------------------------------------------------------
// Checks that need configuration

/** The names the CLI's configuration knows, for the fields with a `configured` hook. */
export interface ConfiguredNames {
  /** FABRIC_POOLS / FABRIC_POOLS_FILE's pools. */
  pools: readonly string[];
  /** The named connections. */
  connections: readonly string[];
}

/**
 * The value's problem against the configuration (a field with a `configured` hook), or undefined:
 * `unknown pool "x": configured pools: a, b`, `unknown connection "x"; the configured connections
 * are: default, sales`. `describePools` words the configured pools (src/config). A templated value
 * is left to the worker (checked when the run takes it).
 */
export function configuredProblem(field: Field, value: unknown, names: ConfiguredNames, describePools: () => string): string | undefined {
  if (field.configured === undefined || typeof value !== 'string' || value.includes('{{')) return undefined;
  if (field.configured === 'pools') return names.pools.includes(value) ? undefined : `unknown pool ${JSON.stringify(value)}: ${describePools()}`;
  return names.connections.includes(normalizeConnectionName(value)) ? undefined : unknownConnectionMessage(value.trim(), names.connections);
}

// ---------------------------------------------------------------------------------------------
// The rows every kind shares

/** A connection name as the input holds it (trimmed): letters, digits, `_` and `-`. */
const CONNECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A workspace: its id or its name (resolved through List Workspaces; src/names). */
export const workspaceRefRule = (value: unknown): RuleBroken | undefined => ((p) => (p === undefined ? undefined : broken(p)))(workspaceRefProblem(value));

/** How a kind words its shared rows' help: `thing` ("the Fabric job", "the refresh"), the flag of its target. */
export interface SharedFieldWords {
  /** E.g. "the Fabric job", "the refresh". */
  thing: string;
  /** The flag of the kind's target, e.g. `--item`, `--semantic-model`. */
  targetFlag: string;
  /** What a pool slot is taken before, e.g. "starting the job". */
  poolBefore: string;
  /** What the pool slot's target says (the workflow's view). */
  poolTarget: string;
}

/**
 * The rows shared by every kind: workspace, timeout, poll interval, connection, pool, worded for the
 * kind. The rules, the text forms, the file keys and flags are the same for every kind, so a bad
 * value gets the same message on every surface of every kind. `workspaceTarget` is where the kind
 * puts its workspace.
 */
export function sharedFields<W>(words: SharedFieldWords, workspaceTarget: W) {
  return {
    workspaceId: {
      input: 'workspaceId',
      file: 'workspace',
      flags: [{ name: 'workspace', value: '<name|uuid>', help: `Fabric workspace: its name or id (not needed when ${words.targetFlag} is a path)` }],
      // Required unless the target is a path that names its workspace (workspaceRequired).
      required: false,
      text: 'string',
      template: true,
      target: workspaceTarget,
      check: workspaceRefRule,
      pipelineDefault: 'workspace',
    },
    timeoutMs: {
      input: 'timeoutMs',
      file: 'timeout',
      flags: [{ name: 'timeout', value: '<duration>', help: `cancel ${words.thing} when it has not ended after this long, e.g. 2h` }],
      required: false,
      default: 'no limit',
      text: 'duration',
      target: { workflow: `the deadline: ${words.thing} is cancelled when it is reached` },
      check: (value: unknown) => positiveMs(value),
    },
    pollInterval: {
      input: 'pollInterval',
      file: 'pollInterval',
      flags: [
        { name: 'poll-min', value: '<duration>', help: 'never poll sooner than this, whatever Retry-After says (default 1s)', part: 'min' },
        { name: 'poll-max', value: '<duration>', help: 'never wait longer than this between polls (default 5m)', part: 'max' },
        { name: 'poll-fallback', value: '<duration>', help: 'wait between polls when Fabric sends no Retry-After (default 10s)', part: 'fallback' },
      ],
      required: false,
      default: 'min 1s, max 5m, fallback 10s',
      text: 'duration-parts',
      target: { workflow: 'the bounds of the wait between status polls' },
      check: pollIntervalRule,
      pipelineDefault: 'pollInterval',
    },
    connection: {
      input: 'connection',
      file: 'connection',
      flags: [{ name: 'connection', value: '<name>', help: 'named connection whose identity the worker uses' }],
      required: false,
      default: 'default',
      text: 'string',
      target: { workflow: 'which named connection (identity) the activities use' },
      check: (value: unknown) => (typeof value === 'string' && CONNECTION_NAME.test(value) ? undefined : broken('not a connection name (letters, digits, _ or -)')),
      configured: 'connections',
      pipelineDefault: 'connection',
    },
    pool: {
      input: 'pool',
      file: 'pool',
      flags: [{ name: 'pool', value: '<name>', help: `take a slot of this pool (FABRIC_POOLS) before ${words.poolBefore}; waits first in, first out` }],
      required: false,
      default: 'none',
      text: 'string',
      template: true,
      target: { workflow: words.poolTarget },
      check: (value: unknown) => {
        const problem = typeof value === 'string' ? poolNameProblem(value) : `must be a pool name, got ${describeValue(value)}`;
        return problem === undefined ? undefined : broken(problem);
      },
      configured: 'pools',
    },
  } as const;
}
