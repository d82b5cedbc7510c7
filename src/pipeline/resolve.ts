/**
 * Turns a validated pipeline file into the `fabricPipeline` workflow's input: params merged with
 * the run's overrides (typed like their defaults), durations in milliseconds, workspaces resolved,
 * and ids that use params checked to render to UUIDs. Templates stay in place: the workflow renders
 * them when each step starts.
 */
import { fieldFromText, JOB_FIELD_LIST, JOB_FIELDS, notebookRouteProblems, type PollInterval } from '../contracts/job.js';
import type { Field } from '../contracts/fields.js';
import { renderString, type ParamValue } from '../templates.js';
import { fieldsFromFile, inputForm } from './field-schema.js';
import type { FabricPipelineInput, PipelineJobSpec, PipelineStepDefinition } from '../contracts/pipeline.js';
import { durationToMs } from '../duration.js';
import { didYouMean, PipelineValidationError, runInputIssue, type PipelineIssue } from './issues.js';
import type { PipelineFile, PipelineFileJob } from './schema.js';
import { isRefreshEntry, toRefreshSpec, type PipelineFileRefresh } from './refresh-step.js';
import { isOperationEntry, operationTarget, toOperationSpec, type PipelineFileOperation } from './operation-step.js';

export interface ResolveOptions {
  /** Param values by name (strings, converted to the type of the param's default). @default {} */
  params?: Record<string, string>;
  /** `{{ logicalDate }}`, yyyy-mm-dd. @default the UTC date the workflow starts (set by the workflow) */
  logicalDate?: string;
  /** Task queue of the step workflows. @default the pipeline workflow's task queue */
  taskQueue?: string;
}

/**
 * Throws a PipelineValidationError listing every problem with the overrides (issues with a typed
 * `input`) or the rendered ids.
 */
export function resolvePipeline(file: PipelineFile, options: ResolveOptions = {}): FabricPipelineInput {
  const issues: PipelineIssue[] = [];
  const params = mergeParams(file.params ?? {}, options.params ?? {}, issues);
  if (options.logicalDate !== undefined && !isIsoDate(options.logicalDate)) {
    issues.push(runInputIssue({ kind: 'logicalDate', value: options.logicalDate }));
  }
  const context = { params, steps: {}, logicalDate: options.logicalDate ?? '' };
  /** Plain values were checked by the schema; with a required param missing, rendering means nothing. */
  const checkRendered = (value: string, path: (string | number)[], field: Field): void => {
    if (Object.values(params).includes(null)) return;
    const rendered = renderString(value, context, path);
    const converted = fieldFromText(field, rendered);
    if (!converted.ok) issues.push({ path, message: `renders to ${JSON.stringify(rendered)}: ${converted.problem.message}` });
  };
  /**
   * The job (or refresh) of a step or compensation: each field of its kind's table, from its file
   * key or the pipeline-wide default (`workspace` here is the step's, else the pipeline's).
   */
  const job = (spec: PipelineFileJob, workspace: string, path: (string | number)[]): PipelineJobSpec => {
    const defaults = { workspace, connection: file.connection, pool: file.pool };
    const checkTemplate = (value: string, field: Field) => checkRendered(value, [...path, field.file], field);
    if (isRefreshEntry(spec)) {
      const refresh = toRefreshSpec(spec as unknown as PipelineFileRefresh, defaults, checkTemplate);
      // The job fields name the same target (a semantic model is a Fabric item); `refresh` says what runs.
      // A model written as a path names its workspace: the step then has none of its own.
      return { ...(refresh.workspaceId !== undefined && { workspaceId: refresh.workspaceId }), itemId: refresh.semanticModelId, jobType: 'SemanticModelRefresh', refresh } as PipelineJobSpec;
    }
    if (isOperationEntry(spec)) {
      const operation = toOperationSpec(spec as unknown as PipelineFileOperation, { workspace, connection: file.connection?.trim() });
      const withPool = operation.pool === undefined && file.pool !== undefined ? { ...operation, pool: file.pool } : operation;
      return { ...operationTarget(withPool), jobType: spec.kind, operation: withPool } as PipelineJobSpec;
    }
    const out = fieldsFromFile(JOB_FIELD_LIST, spec, defaults, checkTemplate);
    for (const problem of notebookRouteProblems(out)) issues.push({ path: [...path, problem.field.file], message: problem.message });
    return out as unknown as PipelineJobSpec;
  };
  const steps = file.steps.map((step, i): PipelineStepDefinition => {
    const workspace = step.workspace ?? file.workspace!;
    const out: PipelineStepDefinition = { id: step.id, needs: step.needs ?? [], ...job(step, workspace, ['steps', i]) };
    if (step.retry) {
      out.retry = { maximumAttempts: step.retry.maximumAttempts };
      if (step.retry.initialInterval) out.retry.initialIntervalMs = durationToMs(step.retry.initialInterval)!;
      if (step.retry.backoffCoefficient !== undefined) out.retry.backoffCoefficient = step.retry.backoffCoefficient;
      if (step.retry.maximumInterval) out.retry.maximumIntervalMs = durationToMs(step.retry.maximumInterval)!;
    }
    if (step.continueOnFailure) out.continueOnFailure = true;
    if (step.when !== undefined) out.when = step.when;
    if (step.compensate) out.compensate = job(step.compensate, step.compensate.workspace ?? workspace, ['steps', i, 'compensate']);
    return out;
  });
  if (issues.length > 0) throw new PipelineValidationError(issues);
  const input: FabricPipelineInput = { name: file.name, params, maxParallel: file.maxParallel ?? 4, onFailure: file.onFailure ?? 'fail', steps };
  if (options.logicalDate !== undefined) input.logicalDate = options.logicalDate;
  if (options.taskQueue !== undefined) input.taskQueue = options.taskQueue;
  if (file.pollInterval) input.pollInterval = inputForm(JOB_FIELDS.pollInterval, file.pollInterval) as PollInterval;
  return input;
}

function mergeParams(defaults: Record<string, ParamValue>, overrides: Record<string, string>, issues: PipelineIssue[]): Record<string, ParamValue> {
  const merged: Record<string, ParamValue> = { ...defaults };
  for (const [name, text] of Object.entries(overrides)) {
    if (!Object.hasOwn(defaults, name)) {
      const declared = Object.keys(defaults);
      const hint = didYouMean(name, declared) || ` (declared: ${declared.length > 0 ? declared.join(', ') : 'none'})`;
      issues.push(runInputIssue({ kind: 'unknownParam', name, hint }));
      continue;
    }
    const converted = convert(text, defaults[name]!);
    if (converted === undefined) {
      const expected = `expected ${typeof defaults[name] === 'number' ? 'a number' : 'true or false'}, like the default ${JSON.stringify(defaults[name])}`;
      issues.push(runInputIssue({ kind: 'paramValue', name, value: text, expected }));
    }
    else merged[name] = converted;
  }
  for (const [name, value] of Object.entries(merged)) {
    if (value === null) issues.push(runInputIssue({ kind: 'missingParam', name }));
  }
  return merged;
}

function convert(text: string, like: ParamValue): ParamValue | undefined {
  if (typeof like === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
  if (typeof like === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  return text;
}

/** True for a real calendar date written yyyy-mm-dd. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Splits `k=v` param assignments into a record; a value without `=` is a problem. */
export function parseParamAssignments(assignments: readonly string[]): { params: Record<string, string>; issues: PipelineIssue[] } {
  const params: Record<string, string> = {};
  const issues: PipelineIssue[] = [];
  for (const assignment of assignments) {
    const at = assignment.indexOf('=');
    if (at <= 0) issues.push(runInputIssue({ kind: 'paramAssignment', text: assignment }));
    else params[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  return { params, issues };
}
