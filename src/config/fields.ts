/**
 * zod schemas for single environment variables, each with a message that says what is allowed,
 * and the glue that turns zod issues into ConfigProblems naming the variable and its value.
 */
import { z } from 'zod';
import { showValue, type ConfigProblem, type Env, type SectionResult } from './problems.js';

/** A variable that must be one of `values`; `fallback` when unset. */
export function enumVar<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.enum(values, { error: `must be one of: ${values.join(', ')}` }).default(fallback as never);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An absolute http:// or https:// URL; `fallback` when unset. Trailing slashes are removed. */
export function httpUrlVar(fallback: string) {
  return z
    .string()
    .refine(isHttpUrl, { error: 'must be an absolute http:// or https:// URL, e.g. https://api.fabric.microsoft.com/v1' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default(fallback);
}

/** A whole number > 0 (e.g. milliseconds, a count); undefined when unset. */
export function positiveIntVar(what: string) {
  const message = `must be a whole number greater than 0 (${what})`;
  return z
    .string()
    .regex(/^\s*\d+\s*$/, { error: message })
    .transform(Number)
    .refine((n) => n > 0 && Number.isSafeInteger(n), { error: message })
    .optional();
}

/** `true` or `false` (any case); `fallback` when unset. */
export function booleanVar(fallback: boolean) {
  return z
    .string()
    .refine((text) => /^(true|false)$/i.test(text.trim()), { error: 'must be true or false' })
    .transform((text) => text.trim().toLowerCase() === 'true')
    .default(fallback);
}

/** Any non-empty string; undefined when unset. */
export const optionalStringVar = z.string().optional();

/** The variables a section reads, with empty strings treated as unset. */
export function pickEnv(env: Env, names: readonly string[]): Record<string, string | undefined> {
  const picked: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = env[name];
    picked[name] = value === undefined || value.trim() === '' ? undefined : value;
  }
  return picked;
}

/** A problem about `variable` showing its current value (masked when secret). */
export function problemFor(env: Env, variable: string, message: string): ConfigProblem {
  const value = env[variable];
  const shownValue = value === undefined || value.trim() === '' ? undefined : showValue(variable, value);
  return shownValue === undefined ? { variable, message } : { variable, message, shownValue };
}

/**
 * Parses the variables of a zod object schema (keys are variable names) from `env`, runs `check`
 * for rules that span variables (it pushes problems), and `build`s the value when all is well.
 */
export function parseEnvSection<S extends z.ZodObject, T>(
  env: Env,
  schema: S,
  build: (parsed: z.output<S>) => T,
  check?: (parsed: z.output<S>, problems: ConfigProblem[]) => void,
): SectionResult<T> {
  const names = Object.keys(schema.shape);
  const result = schema.safeParse(pickEnv(env, names));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => problemFor(env, String(issue.path[0] ?? 'environment'), issue.message));
    return { ok: false, problems };
  }
  const problems: ConfigProblem[] = [];
  check?.(result.data, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: build(result.data) };
}
