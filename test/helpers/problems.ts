/** The `problems` of the error `fn` throws, after checking the error's `name` (UsageError, ConfigError, …). */
import { expect } from 'vitest';

export function problemsThrown<P = string>(fn: () => unknown, errorName: string): readonly P[] {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe(errorName);
    return (error as { problems: readonly P[] }).problems;
  }
  throw new Error(`expected a ${errorName}`);
}
