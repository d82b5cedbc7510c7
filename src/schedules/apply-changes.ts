/**
 * Builds a schedule definition from the CLI's flags: for `create` from nothing, for `update` from
 * the schedule's current definition, changing only what was given. Every problem is returned, typed
 * (problems.ts); the CLI words them.
 */
import { isItemPath } from '../names/reference.js';
import { resolvePipeline, type PipelineFile, type PipelineIssue } from '../pipeline/index.js';
import { findTemplates } from '../templates.js';
import { JOB_FIELD_LIST, jobProblems, type JobSpec, type RunFabricJobInput } from '../contracts/job.js';
import { operationKindProblems, type OperationSpec } from '../contracts/fabric-operation.js';
import { operationFieldProblems } from '../contracts/operation-fields.js';
import { analyzeCron } from './cron.js';
import type { ScheduleDefinition, ScheduleTarget, ScheduleTiming } from './definition.js';
import { jobScheduleIdentity, pipelineIdentity } from './identity.js';
import { DEFAULT_LOGICAL_DATE_RULE, type LogicalDateFormat } from './logical-date.js';
import { DEFAULT_OVERLAP, type OverlapName } from './overlap.js';
import type { ScheduleProblem } from './problems.js';

const DAY_MS = 86_400_000;

/** Parsed flags; undefined means "not given". */
export interface ScheduleChanges {
  timing?: ScheduleTiming;
  timeZone?: string;
  logicalDateFormat?: LogicalDateFormat;
  overlap?: OverlapName;
  catchupWindowMs?: number;
  pauseOnFailure?: boolean;
  note?: string;
  pipeline?: { file: PipelineFile; source: string };
  /** `--param` values; merged over the schedule's current ones. */
  params?: Record<string, string>;
  /** Single job: the fields given (a pollInterval only with the parts given). */
  job?: Partial<JobSpec>;
  /** One Fabric long-running operation (replaces the target as a whole). */
  operation?: OperationSpec;
}

export interface ApplyContext {
  scheduleId: string;
  /** Task queue for a new schedule (an update keeps the schedule's). */
  taskQueue: string;
  /** Whether new job targets upsert the Fabric* search attributes (FABRIC_SEARCH_ATTRIBUTES). */
  searchAttributes: boolean;
}

export type ApplyResult = { ok: true; definition: ScheduleDefinition } | { ok: false; problems: ScheduleProblem[] };

function resolvePipelineTarget(file: PipelineFile, source: string, params: Record<string, string>, problems: ScheduleProblem[]): ScheduleTarget | undefined {
  try {
    return { kind: 'pipeline', pipeline: resolvePipeline(file, { params }), file, source, params };
  } catch (error) {
    if ((error as Error | null)?.name !== 'PipelineValidationError') throw error;
    const issues = (error as { issues: PipelineIssue[] }).issues;
    problems.push(...issues.map((issue): ScheduleProblem => ({ kind: 'pipeline', source, issue })));
    return undefined;
  }
}

/** The job of a single-job schedule: the given fields over the current ones (pollInterval part by part). */
function mergeJob(base: Partial<RunFabricJobInput> | undefined, given: Partial<JobSpec>): Partial<RunFabricJobInput> {
  const merged: Partial<RunFabricJobInput> = { ...base };
  for (const [key, value] of Object.entries(given) as [keyof JobSpec, unknown][]) {
    if (value === undefined) continue;
    (merged as Record<string, unknown>)[key] = key === 'pollInterval' ? { ...base?.pollInterval, ...(value as object) } : value;
  }
  return merged;
}

function jobTarget(previous: ScheduleTarget | undefined, given: Partial<JobSpec>, ctx: ApplyContext, problems: ScheduleProblem[]): ScheduleTarget | undefined {
  const base = previous?.kind === 'job' ? previous.job : undefined;
  const merged = mergeJob(base, given);
  // The job type may come from the item type, the workspace from an item path (resolved by each run).
  const missing = (['workspaceId', 'itemId'] as const).filter((key) => merged[key] === undefined && !(key === 'workspaceId' && isItemPath(merged.itemId)));
  if (missing.length > 0) {
    problems.push({ kind: 'missingJobFields', fields: missing, newSchedule: !base });
    return undefined;
  }
  const broken = jobProblems(merged);
  problems.push(...broken.map((problem) => ({ kind: 'job' as const, problem })));
  // JSON fields may hold templates; a schedule renders only {{ logicalDate }} (per run).
  for (const field of JOB_FIELD_LIST.filter((f) => f.text === 'json')) {
    for (const occurrence of findTemplates(merged[field.input] ?? {}, [field.input])) {
      if (occurrence.error) problems.push({ kind: 'jobTemplate', field: field.input, error: occurrence.error });
      else if (occurrence.ref.kind !== 'logicalDate') problems.push({ kind: 'jobTemplate', field: field.input, expression: occurrence.expression });
    }
  }
  if (broken.length > 0) return undefined;
  const job = merged as RunFabricJobInput;
  if (!base && ctx.searchAttributes) job.searchAttributes = true;
  return { kind: 'job', job };
}

/** An operation target: the kind's rules and the shared fields' (the job table's); `{{ logicalDate }}` only. */
function operationTarget(operation: OperationSpec, problems: ScheduleProblem[]): ScheduleTarget | undefined {
  const record = operation as unknown as Record<string, unknown>;
  // A value holding a template is checked once rendered, by the run.
  const valueAt = (field: string): unknown => field.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], record);
  const own = operationKindProblems(record)
    .filter((p) => !(typeof valueAt(p.field) === 'string' && (valueAt(p.field) as string).includes('{{')))
    .map((problem): ScheduleProblem => ({ kind: 'operation', problem }));
  const shared = operationFieldProblems(record).map((problem): ScheduleProblem => ({ kind: 'job', problem }));
  const templates = findTemplates(record, []).flatMap((o): ScheduleProblem[] =>
    o.error ? [{ kind: 'jobTemplate', field: 'operation', error: o.error }] : o.ref.kind !== 'logicalDate' ? [{ kind: 'jobTemplate', field: 'operation', expression: o.expression }] : [],
  );
  problems.push(...own, ...shared, ...templates);
  return own.length + shared.length + templates.length > 0 ? undefined : { kind: 'operation', operation };
}

function target(previous: ScheduleTarget | undefined, changes: ScheduleChanges, ctx: ApplyContext, problems: ScheduleProblem[]): ScheduleTarget | undefined {
  const jobGiven = changes.job !== undefined && Object.values(changes.job).some((v) => v !== undefined);
  if (changes.operation || previous?.kind === 'operation') {
    if ((changes.operation && (changes.pipeline || (changes.params !== undefined && Object.keys(changes.params).length > 0))) || jobGiven) {
      problems.push({ kind: 'operationAndOther' });
      return undefined;
    }
    if (changes.operation) return operationTarget(changes.operation, problems);
    if (!changes.pipeline) return previous;
  }
  if (changes.pipeline && jobGiven) {
    problems.push({ kind: 'pipelineAndJob' });
    return undefined;
  }
  const previousParams = previous?.kind === 'pipeline' ? previous.params : {};
  if (changes.pipeline) {
    const resolved = resolvePipelineTarget(changes.pipeline.file, changes.pipeline.source, { ...previousParams, ...changes.params }, problems);
    if (resolved?.kind === 'pipeline' && (ctx.searchAttributes || (previous?.kind === 'pipeline' && previous.pipeline.searchAttributes))) resolved.pipeline.searchAttributes = true;
    return resolved;
  }
  if (changes.params !== undefined && Object.keys(changes.params).length > 0) {
    if (previous?.kind !== 'pipeline' || jobGiven) {
      problems.push({ kind: 'paramsWithoutPipeline' });
      return undefined;
    }
    const resolved = resolvePipelineTarget(previous.file, previous.source, { ...previousParams, ...changes.params }, problems);
    if (resolved?.kind === 'pipeline' && previous.pipeline.searchAttributes) resolved.pipeline.searchAttributes = true;
    return resolved;
  }
  if (jobGiven) return jobTarget(previous, changes.job!, ctx, problems);
  if (!previous) problems.push({ kind: 'noTarget' });
  return previous;
}

function granularityProblem(timing: ScheduleTiming, format: LogicalDateFormat): ScheduleProblem | undefined {
  if (format !== 'date') return undefined;
  if (timing.kind === 'every') return timing.everyMs < DAY_MS ? { kind: 'dateTooCoarse', timing } : undefined;
  const analysis = analyzeCron(timing.expression);
  if (analysis.ok && analysis.value.firesPerDay > 1) return { kind: 'dateTooCoarse', timing, firesPerDay: analysis.value.firesPerDay };
  return undefined;
}

/** The new definition, or every problem with the flags. */
export function applyScheduleChanges(previous: ScheduleDefinition | undefined, changes: ScheduleChanges, ctx: ApplyContext): ApplyResult {
  const problems: ScheduleProblem[] = [];
  const newTarget = target(previous?.target, changes, ctx, problems);
  const timing = changes.timing ?? previous?.timing;
  if (!timing) problems.push({ kind: 'noTiming' });
  const logicalDateFormat = changes.logicalDateFormat ?? previous?.logicalDateFormat ?? DEFAULT_LOGICAL_DATE_RULE.format;
  const granularity = timing ? granularityProblem(timing, logicalDateFormat) : undefined;
  if (granularity) problems.push(granularity);
  if (problems.length > 0 || !newTarget || !timing) return { ok: false, problems };

  const identity =
    newTarget.kind === 'pipeline' ? pipelineIdentity(newTarget.pipeline.name, newTarget.pipeline.params ?? {}, newTarget.file.params ?? {}) : jobScheduleIdentity(ctx.scheduleId);
  const definition: ScheduleDefinition = {
    scheduleId: ctx.scheduleId,
    taskQueue: previous?.taskQueue ?? ctx.taskQueue,
    timing,
    timeZone: changes.timeZone ?? previous?.timeZone ?? DEFAULT_LOGICAL_DATE_RULE.timeZone,
    logicalDateFormat,
    overlap: changes.overlap ?? previous?.overlap ?? DEFAULT_OVERLAP,
    pauseOnFailure: changes.pauseOnFailure ?? previous?.pauseOnFailure ?? false,
    identity,
    target: newTarget,
  };
  const catchupWindowMs = changes.catchupWindowMs ?? previous?.catchupWindowMs;
  if (catchupWindowMs !== undefined) definition.catchupWindowMs = catchupWindowMs;
  const note = changes.note ?? previous?.note;
  if (note !== undefined) definition.note = note;
  return { ok: true, definition };
}
