/** Identifiers on the command line: workspace/item UUIDs, job types, workflow ids. */
import { isUuid } from '../../shared.js';
import { UsageError } from '../errors.js';

/** A Fabric workspace or item id. @throws UsageError when `text` is not a UUID. */
export function parseUuid(flag: string, text: string): string {
  const trimmed = text.trim();
  if (!isUuid(trimmed)) {
    throw new UsageError(`${flag} ${JSON.stringify(text)}: not a UUID; expected the form 00000000-0000-0000-0000-000000000000 (see the item's URL in Fabric)`);
  }
  return trimmed.toLowerCase();
}

const JOB_TYPE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** A Fabric job type such as RunNotebook. @throws UsageError for an empty or malformed value. */
export function parseJobType(flag: string, text: string): string {
  const trimmed = text.trim();
  if (!JOB_TYPE.test(trimmed)) {
    throw new UsageError(
      `${flag} ${JSON.stringify(text)}: not a job type; use the item's job type, e.g. RunNotebook, Pipeline, sparkjob, TableMaintenance, Execute (letters, digits, _ . -)`,
    );
  }
  return trimmed;
}

/** A Temporal workflow id: any non-empty text without control characters, at most 1000 characters. */
export function parseWorkflowId(flag: string, text: string): string {
  const trimmed = text.trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed === '' || trimmed.length > 1000 || /[\u0000-\u001f]/.test(trimmed)) {
    throw new UsageError(`${flag} ${JSON.stringify(text)}: not a workflow id; use 1 to 1000 printable characters`);
  }
  return trimmed;
}

/** One of `allowed`. @throws UsageError listing the allowed values. */
export function parseChoice<const T extends readonly string[]>(flag: string, text: string, allowed: T): T[number] {
  const value = allowed.find((choice) => choice === text.trim());
  if (value === undefined) throw new UsageError(`${flag} ${JSON.stringify(text)}: must be one of ${allowed.join(', ')}`);
  return value;
}

/** A whole number between `min` and `max`. @throws UsageError naming the range. */
export function parseCount(flag: string, text: string, min: number, max: number): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} ${JSON.stringify(text)}: must be a whole number from ${min} to ${max}`);
  }
  return n;
}
