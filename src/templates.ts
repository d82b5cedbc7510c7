/**
 * `{{ ... }}` templates in pipeline strings. Pure and sandbox-safe: imported by the pipeline
 * validator (to check references before anything starts) and by the `fabricPipeline` workflow (to
 * render a step's input just before the step starts).
 *
 * Grammar: `{{ params.NAME }}`, `{{ env.NAME }}`, `{{ logicalDate }}`, `{{ steps.ID.FIELD }}` (FIELD one of
 * STEP_TEMPLATE_FIELDS) and `{{ steps.ID.exitValue.KEY[.KEY…] }}` (a field of an exit value that
 * is JSON), with optional spaces inside the braces. A string that is one template and nothing else
 * renders to the value itself (a number param stays a number, a JSON field keeps its JSON type);
 * templates inside longer strings render as text (objects and arrays as JSON).
 */

/** A param value as written in a pipeline file. `null` marks a param that must be given at run time. */
export type ParamValue = string | number | boolean | null;

/** What one template refers to. */
export type TemplateRef =
  | { kind: 'param'; name: string }
  /** A value of the selected environment (`--env`, `--values`); rendered before the run starts. */
  | { kind: 'env'; name: string }
  | { kind: 'step'; stepId: string; field: string; keys?: string[] }
  | { kind: 'logicalDate' }
  | { kind: 'unknown'; expression: string };

/** Fields of a step a template may read. Only `exitValue` has fields of its own (when it is JSON). */
export const STEP_TEMPLATE_FIELDS = ['jobInstanceId', 'exitValue', 'status', 'startTimeUtc', 'endTimeUtc'] as const;

/** What templates (and `when:` expressions) see of an upstream step. */
export interface StepTemplateValues {
  jobInstanceId: string | null | undefined;
  /** `Completed`, `Failed`, `Cancelled` or `Skipped` (how the step ended). */
  status?: string | null;
  /** A notebook's exit value (a string, often JSON). */
  exitValue?: string | null;
  startTimeUtc?: string | null;
  endTimeUtc?: string | null;
}

/** A path into a JSON value: object keys and array indexes. */
export type ValuePath = readonly (string | number)[];

/** One template found in a value, or a malformed one (`error`). */
export interface TemplateOccurrence {
  path: ValuePath;
  /** The text between the braces, trimmed. */
  expression: string;
  ref: TemplateRef;
  /** Set for a malformed template (unterminated `{{`); `ref` is then `unknown`. */
  error?: string;
}

/** What templates render to. */
export interface TemplateContext {
  params: Readonly<Record<string, ParamValue>>;
  /** Steps whose outputs may be read; a missing value (no job instance id, no exit value) renders as an empty string. */
  steps: Readonly<Record<string, StepTemplateValues>>;
  logicalDate: string;
  /** The selected environment's values (absent: `{{ env.X }}` cannot be rendered). */
  env?: Readonly<Record<string, ParamValue>>;
}

/** Thrown when a template cannot be rendered. Matched by `name`. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    message: string,
    readonly path: ValuePath,
  ) {
    super(message);
  }
}

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;
const WHOLE_TEMPLATE = /^\{\{([^{}]*)\}\}$/;
const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
/** Step ids and param names: they appear in templates and (step ids) in the step workflows' ids. */
export const NAME_PATTERN = new RegExp(`^${NAME}$`);
const PARAM_REF = new RegExp(`^params\\.(${NAME})$`);
const ENV_REF = new RegExp(`^env\\.(${NAME})$`);
const STEP_REF = new RegExp(`^steps\\.(${NAME})\\.(${NAME})((?:\\.[A-Za-z0-9_-]+)*)$`);

/** Parses the text between `{{` and `}}`. */
export function parseTemplateExpression(expression: string): TemplateRef {
  const expr = expression.trim();
  if (expr === 'logicalDate') return { kind: 'logicalDate' };
  const param = PARAM_REF.exec(expr);
  if (param) return { kind: 'param', name: param[1]! };
  const env = ENV_REF.exec(expr);
  if (env) return { kind: 'env', name: env[1]! };
  const step = STEP_REF.exec(expr);
  if (step) {
    const keys = step[3] ? step[3].slice(1).split('.') : [];
    return { kind: 'step', stepId: step[1]!, field: step[2]!, ...(keys.length > 0 && { keys }) };
  }
  return { kind: 'unknown', expression: expr };
}

/** True when the string holds at least one `{{`. */
export function hasTemplate(value: string): boolean {
  return value.includes('{{');
}

/** Every template in `value` (strings at any depth, object keys excluded), in document order. */
export function findTemplates(value: unknown, path: ValuePath = []): TemplateOccurrence[] {
  if (typeof value === 'string') return findInString(value, path);
  if (Array.isArray(value)) return value.flatMap((item, index) => findTemplates(item, [...path, index]));
  if (isPlainObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => findTemplates(item, [...path, key]));
  }
  return [];
}

function findInString(text: string, path: ValuePath): TemplateOccurrence[] {
  const found: TemplateOccurrence[] = [];
  let consumed = 0;
  for (const match of text.matchAll(TEMPLATE)) {
    const expression = match[1]!.trim();
    found.push({ path, expression, ref: parseTemplateExpression(expression) });
    consumed = match.index + match[0].length;
  }
  if (text.indexOf('{{', consumed) >= 0) {
    const expression = text.slice(text.indexOf('{{', consumed));
    found.push({ path, expression, ref: { kind: 'unknown', expression }, error: `unterminated template "${expression}": missing "}}"` });
  }
  return found;
}

/** Renders every template in `value` (deeply). Throws a TemplateError on any reference it cannot resolve. */
export function renderTemplates<T>(value: T, context: TemplateContext, path: ValuePath = []): T {
  return renderAny(value, context, path) as T;
}

function renderAny(value: unknown, context: TemplateContext, path: ValuePath): unknown {
  if (typeof value === 'string') return renderString(value, context, path);
  if (Array.isArray(value)) return value.map((item, index) => renderAny(item, context, [...path, index]));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderAny(item, context, [...path, key])]));
  }
  return value;
}

/** Renders one string. A string made of a single template yields the referenced value itself. */
export function renderString(text: string, context: TemplateContext, path: ValuePath = []): unknown {
  if (!hasTemplate(text)) return text;
  const problem = findInString(text, path).find((occurrence) => occurrence.error);
  if (problem) throw new TemplateError(problem.error!, path);
  const whole = WHOLE_TEMPLATE.exec(text);
  if (whole) return resolve(whole[1]!, context, path);
  return text.replace(TEMPLATE, (_match, expression: string) => asText(resolve(expression, context, path)));
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A field of an exit value that is JSON (`exitValue.rows`, `exitValue.tables.0`). */
function exitValueField(exitValue: string | null | undefined, keys: readonly string[], expression: string, path: ValuePath): unknown {
  let value: unknown;
  try {
    value = JSON.parse(exitValue ?? '');
  } catch {
    throw new TemplateError(`"${expression}": the exit value is not JSON (${exitValue ? JSON.stringify(exitValue.slice(0, 80)) : 'there is none'})`, path);
  }
  for (const key of keys) {
    const container = value as Record<string, unknown> | unknown[] | null;
    const next = Array.isArray(container) ? (/^\d+$/.test(key) ? container[Number(key)] : undefined)
      : typeof container === 'object' && container !== null && Object.hasOwn(container, key) ? container[key] : undefined;
    if (next === undefined) throw new TemplateError(`"${expression}": the exit value has no field "${key}"`, path);
    value = next;
  }
  return value;
}

function resolve(expression: string, context: TemplateContext, path: ValuePath): unknown {
  const ref = parseTemplateExpression(expression);
  switch (ref.kind) {
    case 'logicalDate':
      return context.logicalDate;
    case 'param':
      if (!Object.hasOwn(context.params, ref.name)) throw new TemplateError(`unknown param "${ref.name}"`, path);
      return context.params[ref.name]!;
    case 'env':
      if (!context.env || !Object.hasOwn(context.env, ref.name)) throw new TemplateError(`unknown env value "${ref.name}"`, path);
      return context.env[ref.name]!;
    case 'step': {
      if (!(STEP_TEMPLATE_FIELDS as readonly string[]).includes(ref.field)) {
        throw new TemplateError(`unknown step field "${ref.field}" (known: ${STEP_TEMPLATE_FIELDS.join(', ')})`, path);
      }
      if (ref.keys && ref.field !== 'exitValue') throw new TemplateError(`"${expression.trim()}": only exitValue has fields`, path);
      const step = Object.hasOwn(context.steps, ref.stepId) ? context.steps[ref.stepId] : undefined;
      if (!step) throw new TemplateError(`step "${ref.stepId}" is not available here`, path);
      if (ref.keys) return exitValueField(step.exitValue, ref.keys, expression.trim(), path);
      return step[ref.field as (typeof STEP_TEMPLATE_FIELDS)[number]] ?? '';
    }
    case 'unknown':
      throw new TemplateError(`unknown template variable "${ref.expression}"`, path);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Formats a value path the way validation messages show it: `steps[1].executionData.parameters.region`. */
export function formatPath(path: ValuePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
