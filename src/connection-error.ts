/** One short line for an error met while connecting to a server (Temporal), for the CLI and the worker. */

/** `connection refused`, `host not found`, or the error's message on one line (at most 300 characters). */
export function connectionErrorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Connection refused|ConnectionRefused|ECONNREFUSED/i.test(message)) return 'connection refused';
  if (/dns error|failed to lookup|ENOTFOUND|Name or service not known/i.test(message)) return 'host not found';
  return message.replace(/\s+/g, ' ').slice(0, 300);
}
