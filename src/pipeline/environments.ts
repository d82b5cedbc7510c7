/**
 * One pipeline file for dev, test and prod: the file's `environments:` block names sets of values
 * (workspace names or ids, item references, anything a step needs, and `params` overrides);
 * `--env NAME` selects one, `--values FILE` gives them from a separate file (on top of the selected
 * environment, if any). The selected values replace every `{{ env.NAME }}` of the file before it is
 * validated, so ids, names and job types are known before anything starts and the workflow never
 * sees an env template.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { findTemplates, NAME_PATTERN, type ParamValue, type ValuePath } from '../templates.js';
import { didYouMean, PipelineValidationError, type PipelineIssue } from './issues.js';

const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, a number or a boolean' });
const nameRule = (what: string) => ({ error: `${what} must start with a letter or "_" and hold only letters, digits, "_" and "-"` });

/** One environment: values read as `{{ env.NAME }}`, and `params` that replace the params' defaults. */
export const environmentValuesSchema = z
  .object({ params: z.record(z.string().regex(NAME_PATTERN, nameRule('param names')), scalar).optional() })
  .catchall(scalar)
  .superRefine((values, ctx) => {
    for (const key of Object.keys(values)) {
      if (!NAME_PATTERN.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: nameRule('value names').error });
    }
  });

/** The pipeline file's `environments:` block: environment name → values. */
export const environmentsSchema = z.record(z.string().regex(NAME_PATTERN, nameRule('environment names')), environmentValuesSchema);

export type EnvironmentValues = z.infer<typeof environmentValuesSchema>;

/** Which values to use: `--env NAME` and/or the contents of `--values FILE`. */
export interface EnvironmentSelection {
  /** An environment of the file's `environments:` block. @default none */
  env?: string;
  /** Values from a separate file (same shape as one environment); win over the environment's. @default none */
  values?: Record<string, unknown>;
  /** How messages name the values file. @default '--values' */
  valuesSource?: string;
}

const ENV_TEMPLATE = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const WHOLE_ENV_TEMPLATE = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The file's parsed value with the selected environment applied: every `{{ env.NAME }}` rendered
 * (a string that is only the template takes the value's type) and the `params` defaults replaced.
 * Returns the value unchanged when nothing is selected. Problems are returned, not thrown.
 */
export function applyEnvironment(raw: unknown, selection: EnvironmentSelection): { value: unknown; issues: PipelineIssue[]; values?: Record<string, ParamValue> } {
  if (selection.env === undefined && selection.values === undefined) return { value: raw, issues: [] };
  if (!isObject(raw)) return { value: raw, issues: [] };
  const issues: PipelineIssue[] = [];
  const declared = isObject(raw.environments) ? raw.environments : {};
  let chosen: Record<string, unknown> = {};
  if (selection.env !== undefined) {
    const names = Object.keys(declared);
    if (!Object.hasOwn(declared, selection.env)) {
      const known = names.length > 0 ? ` (declared: ${names.join(', ')})` : ' (the file declares no environments)';
      return { value: raw, issues: [{ path: [], message: `--env "${selection.env}": unknown environment${didYouMean(selection.env, names) || known}` }] };
    } else if (isObject(declared[selection.env])) chosen = declared[selection.env] as Record<string, unknown>;
  }
  const source = selection.valuesSource ?? '--values';
  if (selection.values !== undefined) {
    const parsed = environmentValuesSchema.safeParse(selection.values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ path: [], message: `${source}: ${issue.path.join('.') || 'file'}: ${issue.message}` });
    }
  }
  const params = { ...(isObject(chosen.params) ? chosen.params : {}), ...(isObject(selection.values?.params) ? selection.values.params : {}) };
  const values = Object.fromEntries(
    Object.entries({ ...chosen, ...(selection.values ?? {}) }).filter(([key, value]) => key !== 'params' && ['string', 'number', 'boolean'].includes(typeof value)),
  ) as Record<string, ParamValue>;
  const where = [selection.env !== undefined ? `environment "${selection.env}"` : undefined, selection.values !== undefined ? source : undefined].filter(Boolean).join(' or ');
  const rendered = renderEnv(raw, values, [], issues, where) as Record<string, unknown>;
  // The block itself stays as written (it is validated as such).
  if (raw.environments !== undefined) rendered.environments = raw.environments;
  const defaults = isObject(raw.params) ? raw.params : {};
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(defaults, name)) {
      issues.push({ path: [], message: `${where}: params.${name}: unknown param${didYouMean(name, Object.keys(defaults)) || ` (declared: ${Object.keys(defaults).join(', ') || 'none'})`}` });
    }
  }
  if (Object.keys(params).length > 0) rendered.params = { ...defaults, ...params };
  return { value: rendered, issues, values };
}

function renderEnv(value: unknown, values: Record<string, ParamValue>, path: ValuePath, issues: PipelineIssue[], where: string): unknown {
  if (typeof value === 'string') return renderEnvString(value, values, path, issues, where);
  if (Array.isArray(value)) return value.map((item, i) => renderEnv(item, values, [...path, i], issues, where));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, path.length === 0 && key === 'environments' ? item : renderEnv(item, values, [...path, key], issues, where)]));
  }
  return value;
}

function renderEnvString(text: string, values: Record<string, ParamValue>, path: ValuePath, issues: PipelineIssue[], where: string): unknown {
  const lookUp = (name: string): ParamValue | undefined => {
    if (Object.hasOwn(values, name)) return values[name]!;
    issues.push({ path, message: `{{ env.${name} }}: not defined in ${where}${didYouMean(name, Object.keys(values))}` });
    return undefined;
  };
  const whole = WHOLE_ENV_TEMPLATE.exec(text);
  if (whole) return lookUp(whole[1]!) ?? text;
  return text.replace(ENV_TEMPLATE, (match, name: string) => {
    const found = lookUp(name);
    return found === undefined ? match : String(found);
  });
}

/** Reads a `--values` file (YAML or JSON): one object of values, as one environment. @throws PipelineValidationError */
export async function loadValuesFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PipelineValidationError([{ path: [], message: `cannot read the values file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}` }], path);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new PipelineValidationError([{ path: [], message: `not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}` }], path);
  }
  if (!isObject(value)) throw new PipelineValidationError([{ path: [], message: 'a values file holds one object of values, e.g. "workspace: Sales Prod"' }], path);
  return value;
}

/** The names `{{ env.NAME }}` reads anywhere in the file outside its `environments:` block, once each. */
export function envTemplatesUsed(file: object): string[] {
  const { environments: _environments, ...rest } = file as Record<string, unknown>;
  const names = findTemplates(rest).flatMap(({ ref }) => (ref.kind === 'env' ? [ref.name] : []));
  return [...new Set(names)];
}
