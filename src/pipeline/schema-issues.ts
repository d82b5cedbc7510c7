/**
 * Turns zod's issues into pipeline issues with plain messages: `required`, `expected a string, got
 * a number`, `unknown field (did you mean "needs"?)`, `must be one of "fail", "pause"`.
 */
import type { z } from 'zod';
import { didYouMean, type PipelineIssue } from './issues.js';
import { KNOWN_FIELDS } from './schema.js';

export function schemaIssues(issues: readonly z.core.$ZodIssue[], input: unknown): PipelineIssue[] {
  return issues.flatMap((issue) => convert(issue, input));
}

function convert(issue: z.core.$ZodIssue, input: unknown): PipelineIssue[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownFieldsAt(path);
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field${didYouMean(key, known)}` }));
    }
    case 'invalid_type': {
      const value = valueAt(input, path);
      if (value === undefined) return [{ path, message: 'required' }];
      return [{ path, message: `expected ${article(issue.expected)}, got ${describe(value)}` }];
    }
    case 'invalid_value':
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(valueAt(input, path))})` }];
    case 'invalid_key':
      return [{ path, message: issue.issues[0]?.message ?? issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Which object kind a path points at: `[]` → pipeline, `['steps', 0]` → step, ... */
function knownFieldsAt(path: readonly (string | number)[]): string[] {
  const last = path.at(-1);
  if (path.length === 0) return KNOWN_FIELDS.pipeline;
  if (path.length === 2 && path[0] === 'steps') return KNOWN_FIELDS.step;
  if (last === 'compensate' || last === 'retry' || last === 'pollInterval') return KNOWN_FIELDS[last];
  return [];
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

const NAMES: Record<string, string> = { int: 'an integer', array: 'a list', object: 'an object', record: 'an object', string: 'a string', number: 'a number', boolean: 'a boolean (true or false)' };

function article(expected: string): string {
  return NAMES[expected] ?? expected;
}

/** `a number`, `a list`, `null`, ... */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`;
  return `${typeof value === 'string' ? 'a string' : typeof value === 'boolean' ? 'a boolean' : `a ${typeof value}`}`;
}
