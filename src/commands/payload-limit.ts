/**
 * Input Temporal would refuse, caught before anything starts: the server rejects any payload over
 * its blob size limit (`limit.blobSize.error`, 2 MiB by default) — the workflow's input is one
 * payload — and the CLI would only learn it from a failed start. Checked on the JSON the default
 * data converter writes; the message names the limit and the biggest field (exit 2).
 */
import { UsageError } from './errors.js';

/** Temporal's default `limit.blobSize.error`: 2 MiB per payload. */
export const TEMPORAL_PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 2 : 0)} MiB`;
}

/**
 * @param input the workflow input (one payload).
 * @param fields where the bulk may come from: the name to show (a flag, a file path) → its value.
 * @throws UsageError naming the limit and the biggest field when the input is over it.
 */
export function assertPayloadFits(input: unknown, fields: Record<string, unknown>, limitBytes = TEMPORAL_PAYLOAD_LIMIT_BYTES): void {
  const total = bytes(input);
  if (total <= limitBytes) return;
  const [name, size] = Object.entries(fields)
    .map(([field, value]) => [field, value === undefined ? 0 : bytes(value)] as const)
    .sort((a, b) => b[1] - a[1])[0] ?? ['the input', total];
  throw new UsageError(
    `${name}: ${mib(size)} makes the workflow input ${mib(total)}, over Temporal's payload size limit of ${mib(limitBytes)} (limit.blobSize.error); nothing was started. Keep large data in OneLake or a lakehouse file and pass its path`,
  );
}
