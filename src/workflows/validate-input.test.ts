import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/workflow';
import { inputProblem, validateInput } from './validate-input.js';
import type { RunFabricJobInput } from '../shared.js';

const valid: RunFabricJobInput = {
  workspaceId: '11111111-1111-1111-1111-111111111111',
  itemId: '22222222-2222-2222-2222-222222222222',
  jobType: 'RunNotebook',
};

describe('inputProblem', () => {
  it('accepts a minimal and a full input', () => {
    expect(inputProblem(valid)).toBeUndefined();
    expect(
      inputProblem({ ...valid, timeoutMs: 60_000, onDeduped: 'succeed', runRoute: 'path', pollActivity: 'regular', searchAttributes: true }),
    ).toBeUndefined();
  });

  it('names the first bad field', () => {
    expect(inputProblem(undefined)).toBe('the input must be an object');
    expect(inputProblem({ ...valid, workspaceId: 'ws' })).toMatch(/^workspaceId must be a UUID/);
    expect(inputProblem({ ...valid, itemId: '' })).toMatch(/^itemId must be a UUID/);
    expect(inputProblem({ ...valid, jobType: '  ' })).toBe('jobType must be a non-empty string');
    expect(inputProblem({ ...valid, timeoutMs: 0 })).toMatch(/^timeoutMs must be a positive number/);
    expect(inputProblem({ ...valid, onDeduped: 'ignore' as 'fail' })).toMatch(/^onDeduped must be one of fail, succeed/);
    expect(inputProblem({ ...valid, runRoute: 'body' as 'query' })).toMatch(/^runRoute must be one of/);
    expect(inputProblem({ ...valid, pollActivity: 'remote' as 'local' })).toMatch(/^pollActivity must be one of/);
  });
});

describe('validateInput', () => {
  it('returns the resolved poll interval', () => {
    expect(validateInput({ ...valid, pollInterval: { minMs: 2_000 } })).toEqual({ minMs: 2_000, maxMs: 300_000, fallbackMs: 10_000 });
  });

  it('throws a non-retryable FabricInvalidInput, including for a bad poll interval', () => {
    for (const input of [{ ...valid, itemId: 'x' }, { ...valid, pollInterval: { minMs: 10, maxMs: 5 } }]) {
      let thrown: unknown;
      try {
        validateInput(input);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ApplicationFailure);
      expect((thrown as ApplicationFailure).type).toBe('FabricInvalidInput');
      expect((thrown as ApplicationFailure).nonRetryable).toBe(true);
      expect((thrown as ApplicationFailure).message).toMatch(/^Invalid runFabricJob input: /);
    }
  });
});
