/**
 * Checks that need the whole pipeline file: duplicate ids, unknown needs, cycles, template
 * references and missing workspaces. Works on the raw parsed value (not the zod output), so these
 * problems are reported together with the schema's even when the file also has type errors.
 */
import { JOB_FIELD_LIST } from '../contracts/job.js';
import { expressionReferences, parseExpression } from '../expressions/index.js';
import { findTemplates, STEP_TEMPLATE_FIELDS, type TemplateOccurrence } from '../templates.js';
import { isItemPath } from '../names/reference.js';
import { findCycles, transitiveNeeds, type GraphNode } from './graph.js';
import { didYouMean, type PipelineIssue } from './issues.js';

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const KNOWN_VARIABLES = `params.NAME, env.NAME, logicalDate, steps.ID.FIELD (${STEP_TEMPLATE_FIELDS.join(', ')}), steps.ID.exitValue.KEY`;
/** What a `when:` expression may read of an upstream step (failureReason has errorCode and message). */
const WHEN_STEP_FIELDS: readonly string[] = [...STEP_TEMPLATE_FIELDS, 'failureReason'];
/** Job fields whose value must be known before the run starts: only params and env values may be used there. */
const EARLY_FIELDS = JOB_FIELD_LIST.filter((field) => field.template).map((field) => field.file);
/** Job fields holding JSON, whose strings may use any template when the step starts. */
const LATE_FIELDS = JOB_FIELD_LIST.filter((field) => field.text === 'json').map((field) => field.file);

export function semanticIssues(input: unknown): PipelineIssue[] {
  if (!isObject(input)) return [];
  const steps = Array.isArray(input.steps) ? input.steps.map((step) => (isObject(step) ? step : {})) : [];
  const nodes: GraphNode[] = steps.flatMap((step) =>
    typeof step.id === 'string' ? [{ id: step.id, needs: Array.isArray(step.needs) ? step.needs.filter((n) => typeof n === 'string') : [] }] : [],
  );
  const ids = nodes.map((node) => node.id);
  const params = isObject(input.params) ? Object.keys(input.params) : [];
  const environments = isObject(input.environments) ? input.environments : undefined;
  const issues: PipelineIssue[] = [];
  issues.push(...duplicateIds(steps));
  issues.push(...needsIssues(steps, ids));
  issues.push(...cycleIssues(steps, nodes));
  issues.push(...templateIssues(findTemplates(input.workspace, ['workspace']), { ids, params, environments, allowed: new Set(), early: true, owner: '' }));
  steps.forEach((step, i) => {
    const id = typeof step.id === 'string' ? step.id : `#${i}`;
    const upstream = transitiveNeeds(nodes, id);
    for (const field of [...EARLY_FIELDS, ...LATE_FIELDS]) {
      const path = ['steps', i, field];
      issues.push(...templateIssues(findTemplates(step[field], path), { ids, params, environments, allowed: upstream, early: EARLY_FIELDS.includes(field), owner: id }));
    }
    if (isObject(step.compensate)) {
      const withSelf = new Set([...upstream, id]);
      for (const field of [...EARLY_FIELDS, ...LATE_FIELDS]) {
        const path = ['steps', i, 'compensate', field];
        const context = { ids, params, environments, allowed: withSelf, early: EARLY_FIELDS.includes(field), owner: id, compensation: true };
        issues.push(...templateIssues(findTemplates(step.compensate[field], path), context));
      }
    }
    issues.push(...workspaceIssues(input, step, i));
    if (typeof step.when === 'string') issues.push(...whenIssues(step.when, ['steps', i, 'when'], { ids, params, environments, allowed: upstream, early: false, owner: id }));
  });
  return issues;
}

function duplicateIds(steps: Raw[]): PipelineIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: PipelineIssue[] = [];
  steps.forEach((step, i) => {
    if (typeof step.id !== 'string') return;
    const first = firstIndex.get(step.id);
    if (first === undefined) firstIndex.set(step.id, i);
    else issues.push({ path: ['steps', i, 'id'], message: `duplicate step id "${step.id}" (also steps[${first}])` });
  });
  return issues;
}

function needsIssues(steps: Raw[], ids: string[]): PipelineIssue[] {
  const issues: PipelineIssue[] = [];
  steps.forEach((step, i) => {
    if (!Array.isArray(step.needs)) return;
    const seen = new Set<unknown>();
    step.needs.forEach((need: unknown, j) => {
      if (typeof need !== 'string') return;
      if (!ids.includes(need)) issues.push({ path: ['steps', i, 'needs', j], message: `unknown step "${need}"${didYouMean(need, ids)}` });
      else if (seen.has(need)) issues.push({ path: ['steps', i, 'needs', j], message: `"${need}" is listed twice` });
      seen.add(need);
    });
  });
  return issues;
}

function cycleIssues(steps: Raw[], nodes: GraphNode[]): PipelineIssue[] {
  return findCycles(nodes).map((cycle) => {
    const index = steps.findIndex((step) => step.id === cycle[0]);
    const message = cycle.length === 2 ? `step "${cycle[0]}" needs itself` : `cycle: ${cycle.join(' → ')} (each step needs the next)`;
    return { path: ['steps', index, 'needs'], message };
  });
}

interface TemplateScope {
  ids: string[];
  params: string[];
  /** The file's `environments` block, when it has one. */
  environments: Raw | undefined;
  /** Steps whose outputs this value may read. */
  allowed: Set<string>;
  /** Only params may be used (the value is needed before any step runs). */
  early: boolean;
  owner: string;
  compensation?: boolean;
}

function templateIssues(found: TemplateOccurrence[], scope: TemplateScope): PipelineIssue[] {
  return found.flatMap(({ path, ref, error }): PipelineIssue[] => {
    if (error) return [{ path, message: error }];
    if (ref.kind === 'unknown') return [{ path, message: `unknown template variable "${ref.expression}" (known: ${KNOWN_VARIABLES})` }];
    if (ref.kind === 'param') {
      return scope.params.includes(ref.name) ? [] : [{ path, message: `unknown param "${ref.name}"${didYouMean(ref.name, scope.params)}` }];
    }
    if (ref.kind === 'env') return envIssues(path, ref.name, scope.environments);
    if (scope.early) return [{ path, message: `only {{ params.NAME }} and {{ env.NAME }} may be used here: this value is needed before the run starts` }];
    if (ref.kind === 'logicalDate') return [];
    if (!(STEP_TEMPLATE_FIELDS as readonly string[]).includes(ref.field)) {
      return [{ path, message: `unknown step field "${ref.field}" (known: ${STEP_TEMPLATE_FIELDS.join(', ')})` }];
    }
    if (ref.keys && ref.field !== 'exitValue') return [{ path, message: `"steps.${ref.stepId}.${ref.field}" has no fields: only exitValue has (when it is JSON)` }];
    return stepReferenceIssues(ref.stepId, path, scope);
  });
}

/** A reference to step `stepId`'s output: the step must exist and be upstream. */
function stepReferenceIssues(stepId: string, path: PipelineIssue['path'], scope: TemplateScope): PipelineIssue[] {
  if (scope.allowed.has(stepId)) return [];
  if (!scope.ids.includes(stepId)) return [{ path, message: `unknown step "${stepId}"${didYouMean(stepId, scope.ids)}` }];
  const whose = scope.compensation ? `the compensation of "${scope.owner}" may read only "${scope.owner}" and the steps it needs` : `add it to the needs of "${scope.owner}" to read its output`;
  return [{ path, message: `step "${stepId}" is not among the needs of "${scope.owner}": ${whose}` }];
}

/** A `when:` expression: its syntax, and every variable it reads (known params, upstream steps, known fields). */
function whenIssues(text: string, path: PipelineIssue['path'], scope: TemplateScope): PipelineIssue[] {
  let refs: ReturnType<typeof expressionReferences>;
  try {
    refs = expressionReferences(parseExpression(text));
  } catch (error) {
    return [{ path, message: `invalid expression: ${(error as Error).message}` }];
  }
  return refs.flatMap(({ path: ref }): PipelineIssue[] => {
    const [root, name, field] = ref;
    const shown = ref.map(String).join('.');
    if (root === 'logicalDate' && ref.length === 1) return [];
    if (root === 'params' && typeof name === 'string' && ref.length === 2) {
      return scope.params.includes(name) ? [] : [{ path, message: `unknown param "${name}"${didYouMean(name, scope.params)}` }];
    }
    if (root === 'steps' && typeof name === 'string' && typeof field === 'string') {
      if (!WHEN_STEP_FIELDS.includes(field)) return [{ path, message: `unknown step field "${field}" in "${shown}" (known: ${WHEN_STEP_FIELDS.join(', ')})` }];
      if (ref.length > 3 && field !== 'exitValue' && field !== 'failureReason') return [{ path, message: `"steps.${name}.${field}" has no fields (in "${shown}")` }];
      return stepReferenceIssues(name, path, scope);
    }
    return [{ path, message: `unknown variable "${shown}" (known: params.NAME, logicalDate, steps.ID.FIELD with FIELD one of ${WHEN_STEP_FIELDS.join(', ')})` }];
  });
}

/** `{{ env.X }}` left in the file (no environment selected): X must be defined by every environment. */
function envIssues(path: PipelineIssue['path'], name: string, environments: Raw | undefined): PipelineIssue[] {
  if (environments === undefined) {
    return [{ path, message: `{{ env.${name} }}: the file declares no environments; add an "environments:" block, or give the values with --values FILE` }];
  }
  const missing = Object.entries(environments).filter(([, values]) => !isObject(values) || !Object.hasOwn(values, name) || name === 'params');
  if (missing.length === 0) return [];
  const known = [...new Set(missing.flatMap(([, values]) => (isObject(values) ? Object.keys(values).filter((k) => k !== 'params') : [])))];
  return [{ path, message: `{{ env.${name} }}: not defined in environment${missing.length === 1 ? '' : 's'} ${missing.map(([n]) => n).join(', ')}${didYouMean(name, known)}` }];
}

function workspaceIssues(input: Raw, step: Raw, i: number): PipelineIssue[] {
  if (input.workspace !== undefined) return [];
  const issues: PipelineIssue[] = [];
  // A job's item, a refresh's semantic model or an operation's lakehouse / SQL endpoint written as a path names its workspace.
  const target = (entry: Raw) => entry.item ?? entry.semanticModel ?? entry.lakehouse ?? entry.sqlEndpoint;
  const message = 'required: set workspace on the step or on the pipeline (or write item as a path: "Workspace.Workspace/Name.ItemType")';
  if (step.workspace === undefined && target(step) !== undefined && !isItemPath(target(step))) issues.push({ path: ['steps', i, 'workspace'], message });
  if (isObject(step.compensate) && step.compensate.workspace === undefined && step.workspace === undefined && target(step.compensate) !== undefined && !isItemPath(target(step.compensate))) {
    issues.push({ path: ['steps', i, 'compensate', 'workspace'], message: 'required: set workspace on the compensation, the step or the pipeline' });
  }
  return issues;
}
