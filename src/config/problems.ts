/**
 * Config problems and the error that lists them. Every loader collects all problems it finds
 * (instead of stopping at the first) so that one start shows everything that needs fixing.
 */

/** The environment a loader reads: `process.env` or a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One thing wrong with the configuration. */
export interface ConfigProblem {
  /** The environment variable (or config source) at fault, e.g. `FABRIC_AUTH`. */
  variable: string;
  /** What is wrong and what is allowed, e.g. `must be one of: default, token`. */
  message: string;
  /** The value as it should be shown (secrets masked); undefined when the variable is unset. */
  shownValue?: string;
}

/** Variables whose values never appear in messages. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'FABRIC_TOKEN',
  'AZURE_CLIENT_SECRET',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS_CLIENT_KEY_DATA',
  'FABRIC_ENCRYPTION_KEYS',
  'FABRIC_CODEC_AUTH_TOKEN',
]);

/** A named connection's secrets (FABRIC_CONNECTION_<NAME>_TOKEN, ..._AZURE_CLIENT_SECRET). */
const CONNECTION_SECRET = /^FABRIC_CONNECTION_.+_(TOKEN|AZURE_CLIENT_SECRET)$/;

/** How a variable's value appears in a message: quoted, or masked for secrets. */
export function showValue(variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return SECRET_VARIABLES.has(variable) || CONNECTION_SECRET.test(variable) ? '(hidden)' : JSON.stringify(value);
}

/** One line per problem: `FABRIC_AUTH="foo": must be one of ...`. */
export function formatProblem(problem: ConfigProblem): string {
  const prefix = problem.shownValue === undefined ? problem.variable : `${problem.variable}=${problem.shownValue}`;
  return `${prefix}: ${problem.message}`;
}

/** The configuration is invalid. `problems` lists every problem found, not just the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

/** What a section loader returns: its value, or every problem it found. */
export type SectionResult<T> = { ok: true; value: T } | { ok: false; problems: ConfigProblem[] };

/** Reads one part of the configuration (fabric, worker, temporal, ...) from the environment. */
export type SectionLoader<T> = (env: Env) => SectionResult<T>;

/** The value of a section, or a ConfigError listing its problems. */
export function unwrapSection<T>(result: SectionResult<T>): T {
  if (!result.ok) throw new ConfigError(result.problems);
  return result.value;
}

type SectionValues<M> = { [K in keyof M]: M[K] extends SectionLoader<infer T> ? T : never };

/**
 * Loads several sections at once and throws one ConfigError listing the problems of all of them.
 * Adding a part of the configuration is one more entry in `loaders`.
 */
export function loadSections<M extends Record<string, SectionLoader<unknown>>>(env: Env, loaders: M): SectionValues<M> {
  const problems: ConfigProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, loader] of Object.entries(loaders)) {
    const result = loader(env);
    if (result.ok) values[key] = result.value;
    else problems.push(...result.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as SectionValues<M>;
}
