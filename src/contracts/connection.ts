/**
 * Named connections (docs/configuration.md#connections): what a run carries is only a connection's
 * name; the worker resolves it to a credential. Sandbox-safe: no imports.
 */

/** The connection of runs that name none: FABRIC_AUTH and its AZURE_* settings, as before connections existed. */
export const DEFAULT_CONNECTION = 'default';

/** ApplicationFailure type of a run whose connection the worker does not know (not retried). */
export const UNKNOWN_CONNECTION_FAILURE = 'FabricUnknownConnection';

/** Names are compared in lower case with `-` read as `_` (`SALES_EU` in a variable name is `sales-eu` or `sales_eu`). */
export function normalizeConnectionName(name: string): string {
  return name.trim().toLowerCase().replace(/-/g, '_');
}

/** A connection name: letters, digits and `_` / `-`, starting with a letter or digit. */
export function isConnectionName(name: unknown): name is string {
  return typeof name === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name.trim());
}

/** `unknown connection "x"; the configured connections are: default, sales`. */
export function unknownConnectionMessage(name: string, configured: readonly string[]): string {
  return `unknown connection ${JSON.stringify(name)}; the configured connections are: ${[...configured].sort().join(', ')}`;
}

/** `{ connection }` for an activity input when the run names one, `{}` for the default (old inputs unchanged). */
export function connectionOf(input: { connection?: string }): { connection?: string } {
  return input.connection !== undefined ? { connection: input.connection } : {};
}
