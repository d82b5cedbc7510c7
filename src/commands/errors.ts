/**
 * Errors a command raises to end with a given exit code, and the mapping of any error to an exit code.
 * Matched by `name` (never `instanceof`), as everywhere in the project.
 */
import { formatProblem, type ConfigProblem, type TemporalConfig } from '../config.js';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { EXIT } from './exit-codes.js';

/**
 * Bad input: bad flag values, unknown workflow ids, a workflow id already in use. Nothing was
 * started. `problems` holds one message per bad input.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.problems = list;
  }
}

/** Temporal could not be reached or refused the request for a reason that is not the input's fault. */
export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';
}

/** The exit code for an error that ended a command. */
export function exitCodeForError(error: unknown): number {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'UsageError') return EXIT.invalidInput;
  return EXIT.infrastructure;
}

/** The lines to print for an error (no stack traces); indented lines continue the one before. */
export function messagesForError(error: unknown): string[] {
  const err = error as { name?: unknown; message?: unknown; problems?: unknown } | null;
  if (err?.name === 'UsageError') return [...(err.problems as string[])];
  if (err?.name === 'ConfigError') {
    const problems = err.problems as ConfigProblem[];
    return [`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):`, ...problems.map((p) => `  ${formatProblem(p)}`)];
  }
  return [typeof err?.message === 'string' && err.message ? err.message : String(error)];
}

/** Maps errors Temporal raises mid-command (namespace missing, server gone) to InfrastructureError. */
export function asInfrastructureError(error: unknown, config: TemporalConfig): unknown {
  const name = (error as Error | null)?.name;
  if (name === 'NamespaceNotFoundError') {
    return new InfrastructureError(`Temporal namespace ${JSON.stringify(config.namespace)} does not exist at ${config.connectionOptions.address} (set --namespace or TEMPORAL_NAMESPACE)`);
  }
  if (name === 'ServiceError' || name === 'TransportError' || name === 'ConnectionError') {
    return new InfrastructureError(`Temporal at ${config.connectionOptions.address} failed: ${oneLine(error)}`);
  }
  return error;
}
