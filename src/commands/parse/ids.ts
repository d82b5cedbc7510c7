/** Identifiers on the command line: workspace/item UUIDs, job types, workflow ids. */
import { JOB_FIELDS, uuidProblem } from '../../contracts/job.js';
import { UsageError } from '../errors.js';

/** A Fabric workspace, item or schedule id (lowercased), by the job table's rule for ids. @throws UsageError */
export function parseUuid(flag: string, text: string): string {
  const trimmed = text.trim();
  const problem = uuidProblem(trimmed);
  if (problem) throw new UsageError(`${flag} ${JSON.stringify(text)}: ${problem.message}`);
  return trimmed.toLowerCase();
}

/** A Fabric job type such as RunNotebook, by the job table's rule. @throws UsageError */
export function parseJobType(flag: string, text: string): string {
  const trimmed = text.trim();
  const problem = JOB_FIELDS.jobType.check(trimmed);
  if (problem) throw new UsageError(`${flag} ${JSON.stringify(text)}: ${problem.message}`);
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
