/**
 * The job flags (run, start, schedule create|update), parsed into a job by the job table
 * (src/contracts/job.ts): every field's flags, its rule and its message come from there; this file
 * only reads the flags' text (JSON inline or @file) and says which flag a problem is about. Every bad
 * flag is reported (one message each) before anything is started.
 */
import { randomUUID } from 'node:crypto';
import { JOB_FIELD_LIST, notebookRouteProblems, type JobSpec, type RunFabricJobInput } from '../../contracts/job.js';
import { durationFromText, fieldFromText, POLL_INTERVAL_PARTS, type Field, type FieldFlag, type FieldProblem, type RuleBroken } from '../../contracts/fields.js';
import { formatDuration } from '../../duration.js';
import { isItemPath } from '../../names/reference.js';
import type { ResolvedTarget } from '../../names/resolver.js';
import { ProblemCollector } from './collect.js';
import { parseWorkflowId } from './ids.js';
import { parseJsonValue } from './json-input.js';

/** The option values commander hands over (the job flags' are strings): flag `poll-min` → key `pollMin`. */
export type RawJobFlags = Readonly<Record<string, unknown>>;

/** The options of `run` and `start`. */
export type RawJobOptions = RawJobFlags & { workflowId?: string };

/** The text given for `flag`, if any. */
function textOf(raw: RawJobFlags, flag: FieldFlag): string | undefined {
  const value = raw[flagKey(flag)];
  return typeof value === 'string' ? value : undefined;
}

export interface JobRequest {
  workflowId: string;
  input: RunFabricJobInput;
  /** What the names resolved to when the CLI checked them. */
  resolved?: ResolvedTarget;
}

/** The key commander gives a flag's value: `poll-min` → `pollMin`. */
export function flagKey(flag: FieldFlag): string {
  return flag.name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** A readable default workflow id: `fabric-<jobType>-<uuid>`. */
export function defaultWorkflowId(jobType: string): string {
  return `fabric-${jobType}-${randomUUID()}`;
}

/** `--timeout "90": <rule>`; for a rule of several flags together, each given flag and its text. */
function flagProblem(field: Field, raw: RawJobFlags, problem: RuleBroken): string {
  const flags = field.flags.filter((flag) => (problem.part === undefined ? textOf(raw, flag) !== undefined : flag.part === problem.part));
  return `${flags.map((flag) => `--${flag.name} ${JSON.stringify(textOf(raw, flag))}`).join(' ')}: ${problem.message}`;
}

/**
 * A problem found once a schedule's job is put together from its flags and its current definition
 * (there is no flag text then): `--timeout 0s: ...`, `--poll-min 10m --poll-max 1m: ...`.
 */
export function jobProblemAsFlags(problem: FieldProblem): string {
  const { field } = problem;
  if (problem.message === 'required') return `a single-job schedule needs --${field.flags[0]!.name}`;
  const shown = (value: unknown) => (typeof value === 'number' && field.text.startsWith('duration') ? ` ${formatDuration(value)}` : '');
  let flags: string[];
  if (problem.part !== undefined) flags = field.flags.filter((flag) => flag.part === problem.part).map((flag) => `--${flag.name}${shown(problem.value)}`);
  else if (field.text === 'duration-parts') {
    const parts = problem.value as Record<string, unknown>;
    flags = field.flags.flatMap((flag) => {
      const value = parts[POLL_INTERVAL_PARTS[flag.part as keyof typeof POLL_INTERVAL_PARTS]];
      return value === undefined ? [] : [`--${flag.name}${shown(value)}`];
    });
  } else flags = [`--${field.flags[0]!.name}${shown(problem.value)}`];
  return `${flags.join(' ')}: ${problem.message}`;
}

/** The value of one field from its flags (undefined when none of them was given). */
function fieldFromFlags(field: Field, raw: RawJobFlags, partial: boolean): { value?: unknown; problem?: string } {
  const given = field.flags.filter((flag) => textOf(raw, flag) !== undefined);
  if (given.length === 0) return {};
  if (field.text === 'duration-parts') {
    const parts = Object.fromEntries(given.map((flag) => [flag.part!, textOf(raw, flag)]));
    if (!partial) {
      const converted = fieldFromText(field, parts);
      return converted.ok ? { value: converted.value } : { problem: flagProblem(field, raw, converted.problem) };
    }
    // A schedule update: the parts are checked together once merged with the schedule's current ones.
    const value: Record<string, number> = {};
    for (const [part, text] of Object.entries(parts)) {
      const ms = durationFromText(text, part);
      if (!ms.ok) return { problem: flagProblem(field, raw, ms.problem) };
      value[POLL_INTERVAL_PARTS[part as keyof typeof POLL_INTERVAL_PARTS]] = ms.value as number;
    }
    return { value };
  }
  const text = textOf(raw, given[0]!)!;
  const flag = `--${given[0]!.name}`;
  const value = field.text === 'json' ? parseJsonValue(flag, text) : text;
  const converted = fieldFromText(field, value);
  return converted.ok ? { value: converted.value } : { problem: flagProblem(field, raw, converted.problem) };
}

/**
 * The values the flags of `fields` (a kind's table, src/contracts) define, field by field as the
 * table says; `partial` (schedule update) takes only the flags given and leaves the rules across
 * parts to the merged spec. @throws UsageError listing every bad flag.
 */
export function parseFieldFlags<F extends Field>(fields: readonly F[], raw: RawJobFlags, options: { partial?: boolean } = {}): Partial<Record<F['input'], unknown>> {
  const c = new ProblemCollector();
  const spec: Partial<Record<string, unknown>> = {};
  for (const field of fields) {
    const parsed = c.take(() => fieldFromFlags(field, raw, options.partial === true));
    if (parsed?.problem !== undefined) c.add(parsed.problem);
    else if (parsed?.value !== undefined) spec[field.input] = parsed.value;
  }
  c.throwIfAny();
  return spec as Partial<Record<F['input'], unknown>>;
}

/** The job the flags define (the job table's fields). @throws UsageError listing every bad flag. */
export function parseJobFlags(raw: RawJobFlags, options: { partial?: boolean } = {}): Partial<JobSpec> {
  return parseFieldFlags(JOB_FIELD_LIST, raw, options) as Partial<JobSpec>;
}

/**
 * The one message of every kind's CLI when the workspace is missing and the target is not a path:
 * `--workspace is required (a workspace name or id), unless --item is a path: "Workspace.Workspace/…"`.
 */
export function workspaceFlagRequired(targetFlag: string, example: string): string {
  return `--workspace is required (a workspace name or id), unless ${targetFlag} is a path: "Workspace.Workspace/${example}"`;
}

/**
 * Parses and checks the flags of `run` and `start` (commander has checked that the required ones
 * were given). @throws UsageError listing every bad flag.
 */
export function parseJobOptions(raw: RawJobOptions): JobRequest {
  const c = new ProblemCollector();
  const spec = c.take(() => parseJobFlags(raw));
  const workflowId = c.optional(raw.workflowId, (t) => parseWorkflowId('--workflow-id', t));
  if (spec !== undefined && spec.workspaceId === undefined && spec.itemId !== undefined && !isItemPath(spec.itemId)) {
    c.add(workspaceFlagRequired('--item', 'Name.ItemType'));
  }
  if (spec !== undefined) notebookRouteProblems(spec).forEach((problem) => c.add(jobProblemAsFlags(problem)));
  c.throwIfAny();
  const input = spec as RunFabricJobInput;
  return { workflowId: workflowId ?? defaultWorkflowId(input.jobType ?? 'job'), input };
}
