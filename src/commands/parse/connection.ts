/** Connection names on the command line (`--connection`), checked against the configured ones. */
import { isConnectionName, normalizeConnectionName, unknownConnectionMessage } from '../../contracts/connection.js';
import { UsageError } from '../errors.js';

/** The form of a connection name, normalized. @throws UsageError */
export function parseConnectionName(flag: string, text: string): string {
  if (!isConnectionName(text)) throw new UsageError(`${flag} ${JSON.stringify(text)}: not a connection name (letters, digits, _ or -)`);
  return normalizeConnectionName(text);
}

/**
 * A connection name given on the command line, checked against the configured ones.
 * @throws UsageError (exit 2) naming the configured connections.
 */
export function parseConnection(flag: string, text: string, configured: readonly string[]): string {
  const name = parseConnectionName(flag, text);
  if (!configured.includes(name)) throw new UsageError(`${flag}: ${unknownConnectionMessage(text.trim(), configured)}; nothing was started`);
  return name;
}
