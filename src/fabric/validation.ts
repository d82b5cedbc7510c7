/** Input checks done before any request, so bad input fails once with one clear message. */
import { FabricValidationError } from './errors/fabric-validation-error.js';
import type { JobParameter } from './models.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Throws unless `value` is a UUID (workspace, item, job instance and schedule ids all are). */
export function assertUuid(field: string, value: unknown): asserts value is string {
  if (!isUuid(value)) {
    throw new FabricValidationError(field, `${field} must be a UUID, got ${describe(value)}`);
  }
}

/** Throws unless `jobType` is a non-blank string without '/' (it becomes a path segment or query value). */
export function assertJobType(value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FabricValidationError('jobType', `jobType must be a non-empty string, got ${describe(value)}`);
  }
  if (value !== value.trim() || value.includes('/')) {
    throw new FabricValidationError('jobType', `jobType must not contain '/' or surrounding spaces, got ${JSON.stringify(value)}`);
  }
}

/** Throws unless `value` is a plain object holding only JSON values (no functions, BigInt, cycles, class instances). */
export function assertJsonObject(field: string, value: unknown): asserts value is Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new FabricValidationError(field, `${field} must be a plain JSON object, got ${describe(value)}`);
  }
  assertJsonValue(field, value, field, new Set());
}

/** Throws unless `value` is an array of `{ name, type, value }` with non-empty string names and types. */
export function assertParameters(value: unknown): asserts value is JobParameter[] {
  if (!Array.isArray(value)) {
    throw new FabricValidationError('parameters', `parameters must be an array of { name, type, value }, got ${describe(value)}`);
  }
  value.forEach((p: unknown, i) => {
    const at = `parameters[${i}]`;
    if (!isPlainObject(p)) throw new FabricValidationError('parameters', `${at} must be an object { name, type, value }, got ${describe(p)}`);
    for (const key of ['name', 'type'] as const) {
      if (typeof p[key] !== 'string' || (p[key] as string).trim() === '') {
        throw new FabricValidationError('parameters', `${at}.${key} must be a non-empty string, got ${describe(p[key])}`);
      }
    }
    if (!('value' in p)) throw new FabricValidationError('parameters', `${at}.value is missing`);
    assertJsonValue('parameters', p.value, `${at}.value`, new Set());
  });
}

function assertJsonValue(field: string, value: unknown, path: string, ancestors: Set<object>): void {
  const fail = (what: string): never => {
    throw new FabricValidationError(field, `${field} must be plain JSON: ${path} is ${what}`);
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(`${value} (not a finite number)`);
      return;
    case 'bigint':
      return fail('a BigInt');
    case 'function':
      return fail('a function');
    case 'symbol':
      return fail('a symbol');
    case 'undefined':
      return; // dropped by JSON.stringify, like an absent property
  }
  if (value === null) return;
  const obj = value as object;
  if (ancestors.has(obj)) fail('a circular reference');
  ancestors.add(obj);
  if (Array.isArray(obj)) {
    obj.forEach((item: unknown, i) => {
      if (item === undefined) fail(`undefined at index ${i}`);
      assertJsonValue(field, item, `${path}[${i}]`, ancestors);
    });
  } else if (isPlainObject(obj)) {
    for (const [key, child] of Object.entries(obj)) assertJsonValue(field, child, `${path}.${key}`, ancestors);
  } else {
    fail(`an instance of ${obj.constructor?.name ?? 'a class'} (not a plain object)`);
  }
  ancestors.delete(obj);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A short, token-free description of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..."` : JSON.stringify(value);
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  return String(value);
}
