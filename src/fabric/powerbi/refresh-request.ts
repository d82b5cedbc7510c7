/** Checks an enhanced refresh request before it is sent, so bad options fail once with one clear message. */
import { FabricValidationError } from '../errors/fabric-validation-error.js';
import type { RefreshRequest } from './models.js';

/** Learn, Datasets - Refresh Dataset In Group: `timeout` pattern. */
export const REFRESH_TIMEOUT_PATTERN = /^([0-1]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;

const FIELDS = ['type', 'commitMode', 'maxParallelism', 'retryCount', 'objects', 'applyRefreshPolicy', 'effectiveDate', 'timeout'] as const;

function fail(field: string, message: string): never {
  throw new FabricValidationError(field, `${field} ${message}`);
}

function nonEmptyString(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) fail(field, `must be a non-empty string, got ${JSON.stringify(value)}`);
}

function wholeNumber(field: string, value: unknown, min: number): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)) {
    fail(field, `must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  }
}

/**
 * The problem with `request` as an enhanced refresh body, or undefined. Unknown fields are refused
 * (they would be sent to Power BI as they are); at least one field must be set, else Power BI would
 * run a standard refresh, which has no refresh id to follow.
 */
export function refreshRequestProblem(request: unknown): { field: string; message: string } | undefined {
  try {
    assertRefreshRequest(request);
    return undefined;
  } catch (err) {
    const e = err as FabricValidationError;
    return { field: e.field, message: e.message };
  }
}

export function assertRefreshRequest(request: unknown): asserts request is RefreshRequest {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) fail('request', 'must be an object');
  const r = request as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) fail(unknown[0]!, `is not an enhanced refresh option (allowed: ${FIELDS.join(', ')})`);
  if (FIELDS.every((k) => r[k] === undefined)) fail('request', 'must set at least one option (e.g. type), or Power BI runs a standard refresh without a refresh id');
  nonEmptyString('type', r.type);
  nonEmptyString('commitMode', r.commitMode);
  wholeNumber('maxParallelism', r.maxParallelism, 1);
  wholeNumber('retryCount', r.retryCount, 0);
  if (r.applyRefreshPolicy !== undefined && typeof r.applyRefreshPolicy !== 'boolean') fail('applyRefreshPolicy', `must be true or false, got ${JSON.stringify(r.applyRefreshPolicy)}`);
  if (r.effectiveDate !== undefined && (typeof r.effectiveDate !== 'string' || Number.isNaN(Date.parse(r.effectiveDate)))) {
    fail('effectiveDate', `must be an ISO date-time, got ${JSON.stringify(r.effectiveDate)}`);
  }
  if (r.timeout !== undefined && (typeof r.timeout !== 'string' || !REFRESH_TIMEOUT_PATTERN.test(r.timeout))) {
    fail('timeout', `must be hh:mm:ss (at most 23:59:59), got ${JSON.stringify(r.timeout)}`);
  }
  if (r.objects !== undefined) {
    if (!Array.isArray(r.objects) || r.objects.length === 0) fail('objects', 'must be a non-empty array of { table, partition? }');
    r.objects.forEach((o: unknown, i) => {
      const obj = o as Record<string, unknown> | null;
      if (typeof obj !== 'object' || obj === null || typeof obj.table !== 'string' || obj.table.trim() === '') fail('objects', `[${i}] must be { table, partition? } with a non-empty table`);
      if (obj.partition !== undefined && (typeof obj.partition !== 'string' || obj.partition.trim() === '')) fail('objects', `[${i}].partition must be a non-empty string`);
      const extra = Object.keys(obj).find((k) => k !== 'table' && k !== 'partition');
      if (extra !== undefined) fail('objects', `[${i}].${extra} is not allowed (only table and partition)`);
    });
  }
}

/**
 * Parses the CLI / pipeline-file shorthand for `objects`: comma-separated `Table` or
 * `Table/Partition` (e.g. `Sales,Dates/2024`). Throws FabricValidationError on an empty entry.
 */
export function parseRefreshObjects(text: string): { table: string; partition?: string }[] {
  return text.split(',').map((part, i) => {
    const [table = '', partition, ...rest] = part.trim().split('/');
    if (table.trim() === '' || rest.length > 0 || (partition !== undefined && partition.trim() === '')) {
      fail('objects', `entry ${i + 1} (${JSON.stringify(part.trim())}) must be Table or Table/Partition`);
    }
    return partition !== undefined ? { table: table.trim(), partition: partition.trim() } : { table: table.trim() };
  });
}
