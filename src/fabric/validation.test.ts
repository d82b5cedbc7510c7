import { describe, expect, it } from 'vitest';
import { FabricValidationError } from './errors/fabric-validation-error.js';
import { assertJobType, assertJsonObject, assertParameters, assertUuid, isUuid } from './validation.js';

function validationError(fn: () => void): FabricValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FabricValidationError);
    expect((err as Error).name).toBe('FabricValidationError');
    return err as FabricValidationError;
  }
  throw new Error('expected a FabricValidationError');
}

describe('ids', () => {
  it('accepts UUIDs in either case', () => {
    expect(isUuid('4b218778-e7a5-4d73-8187-f10824047715')).toBe(true);
    expect(isUuid('4B218778-E7A5-4D73-8187-F10824047715')).toBe(true);
    expect(() => assertUuid('itemId', '4b218778-e7a5-4d73-8187-f10824047715')).not.toThrow();
  });

  it('rejects anything else, naming the field', () => {
    for (const bad of ['', 'abc', '4b218778e7a54d738187f10824047715', '4b218778-e7a5-4d73-8187-f10824047715/..', 42, null, undefined]) {
      const err = validationError(() => assertUuid('workspaceId', bad));
      expect(err.field).toBe('workspaceId');
      expect(err.message).toContain('workspaceId must be a UUID');
    }
  });
});

describe('jobType', () => {
  it('accepts ordinary job types', () => {
    for (const t of ['RunNotebook', 'Pipeline', 'sparkjob', 'TableMaintenance', 'Execute']) expect(() => assertJobType(t)).not.toThrow();
  });

  it('rejects empty, blank, padded and slashed values', () => {
    for (const bad of ['', '   ', ' Pipeline', 'a/b', '../x', undefined, 3]) {
      expect(validationError(() => assertJobType(bad)).field).toBe('jobType');
    }
  });
});

describe('executionData', () => {
  it('accepts nested plain JSON, null-prototype objects and undefined properties', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.x = 1;
    const data = { parameters: { p: { value: 1.5, type: 'float' } }, list: [1, 'a', null, true, { bare }], skipped: undefined };
    expect(() => assertJsonObject('executionData', data)).not.toThrow();
  });

  it('rejects non-objects', () => {
    for (const bad of [null, [], 'x', 1, new Date(0)]) {
      const err = validationError(() => assertJsonObject('executionData', bad));
      expect(err.field).toBe('executionData');
      expect(err.message).toContain('plain JSON object');
    }
  });

  it('rejects functions, BigInt, symbols, non-finite numbers and class instances, with the path', () => {
    const cases: [unknown, string][] = [
      [{ a: { f: () => 1 } }, 'executionData.a.f is a function'],
      [{ n: 10n }, 'executionData.n is a BigInt'],
      [{ s: Symbol('x') }, 'executionData.s is a symbol'],
      [{ x: [1, Number.NaN] }, 'executionData.x[1] is NaN'],
      [{ x: Infinity }, 'executionData.x is Infinity'],
      [{ when: new Date(0) }, 'executionData.when is an instance of Date'],
      [{ m: new Map() }, 'executionData.m is an instance of Map'],
      [{ arr: [undefined] }, 'executionData.arr is undefined at index 0'],
    ];
    for (const [value, message] of cases) {
      const err = validationError(() => assertJsonObject('executionData', value));
      expect(err.field).toBe('executionData');
      expect(err.message).toContain(message);
    }
  });

  it('rejects cycles but allows the same object twice side by side', () => {
    const shared = { k: 1 };
    expect(() => assertJsonObject('executionData', { a: shared, b: shared })).not.toThrow();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(validationError(() => assertJsonObject('executionData', cyclic)).message).toContain('executionData.self.back is a circular reference');
  });
});

describe('parameters', () => {
  it('accepts an array of { name, type, value }', () => {
    expect(() => assertParameters([{ name: 'n', type: 'Integer', value: 3 }, { name: 's', type: 'Text', value: null }])).not.toThrow();
    expect(() => assertParameters([])).not.toThrow();
  });

  it('rejects non-arrays and malformed entries', () => {
    const cases: [unknown, string][] = [
      [{ name: 'a' }, 'parameters must be an array'],
      [['x'], 'parameters[0] must be an object'],
      [[{ type: 'Text', value: 1 }], 'parameters[0].name must be a non-empty string'],
      [[{ name: 'a', type: ' ', value: 1 }], 'parameters[0].type must be a non-empty string'],
      [[{ name: 'a', type: 'Text' }], 'parameters[0].value is missing'],
      [[{ name: 'a', type: 'Text', value: 1n }], 'parameters[0].value is a BigInt'],
    ];
    for (const [value, message] of cases) {
      const err = validationError(() => assertParameters(value));
      expect(err.field).toBe('parameters');
      expect(err.message).toContain(message);
    }
  });
});
