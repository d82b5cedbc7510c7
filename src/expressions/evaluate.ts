/**
 * Evaluating a parsed `when:` expression over a scope of plain JSON values (params, logicalDate,
 * steps). Never throws on data: a missing field is null, a comparison of values of different types
 * is false. Pure (no runtime imports), sandbox-safe.
 */
import type { CompareOp, Expr } from './parse.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Reads a path; null when any part is missing. A string read into (`exitValue.rows`) is parsed as JSON first. */
export function readPath(scope: unknown, path: readonly (string | number)[]): Json {
  let value: unknown = scope;
  for (const key of path) {
    if (typeof value === 'string') value = parseJsonOrUndefined(value);
    if (value === null || typeof value !== 'object') return null;
    const next: unknown = Array.isArray(value)
      ? typeof key === 'number' ? value[key] : undefined
      : Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[String(key)] : undefined;
    value = next;
  }
  return value === undefined ? null : (value as Json);
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JavaScript-like truthiness: false, null, 0, '' and [] are false; everything else is true. */
export function isTruthy(value: Json): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/** A string that is exactly a number, as a number (exit values are strings: `'42' > 10` compares numbers). */
function asNumber(value: Json): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function equal(a: Json, b: Json): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [asNumber(a), asNumber(b)];
    return x !== undefined && y !== undefined && x === y;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

function order(op: '<' | '<=' | '>' | '>=', a: Json, b: Json): boolean {
  let x: number | string;
  let y: number | string;
  const [na, nb] = [asNumber(a), asNumber(b)];
  if ((typeof a === 'number' || typeof b === 'number') && na !== undefined && nb !== undefined) [x, y] = [na, nb];
  else if (typeof a === 'string' && typeof b === 'string') [x, y] = [a, b];
  else return false;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

function contains(container: Json, item: Json): boolean {
  if (Array.isArray(container)) return container.some((c) => equal(c, item));
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (container !== null && typeof container === 'object') return typeof item === 'string' && Object.prototype.hasOwnProperty.call(container, item);
  return false;
}

function compare(op: CompareOp, a: Json, b: Json): boolean {
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    default:
      return order(op, a, b);
  }
}

/** The value of an expression over `scope`. */
export function evaluateExpression(expr: Expr, scope: unknown): Json {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'ref':
      return readPath(scope, expr.path);
    case 'list':
      return expr.items.map((item) => evaluateExpression(item, scope));
    case 'not':
      return !isTruthy(evaluateExpression(expr.operand, scope));
    case 'and':
      return isTruthy(evaluateExpression(expr.left, scope)) && isTruthy(evaluateExpression(expr.right, scope));
    case 'or':
      return isTruthy(evaluateExpression(expr.left, scope)) || isTruthy(evaluateExpression(expr.right, scope));
    case 'compare':
      return compare(expr.op, evaluateExpression(expr.left, scope), evaluateExpression(expr.right, scope));
  }
}

/** Whether a condition holds: its value's truthiness. */
export function evaluateCondition(expr: Expr, scope: unknown): boolean {
  return isTruthy(evaluateExpression(expr, scope));
}
