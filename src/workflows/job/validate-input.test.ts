import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/workflow';
import { inputProblem, validateInput } from './validate-input.js';
import type { RunFabricJobInput } from '../../shared.js';

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
    expect(inputProblem({ ...valid, workspaceId: 'a/b' })).toMatch(/^workspaceId "a\/b": a workspace is a name or an id, not a path/);
    expect(inputProblem({ ...valid, itemId: '' })).toMatch(/^itemId "": empty; expected an item id or "Name.ItemType"/);
    expect(inputProblem({ ...valid, itemId: 'Load orders.Notbook' })).toMatch(/^itemId "Load orders.Notbook": unknown item type "Notbook" \(did you mean Notebook\?\)/);
    expect(inputProblem({ ...valid, workspaceId: 'Sales Prod', itemId: 'Load orders.Notebook', jobType: undefined as unknown as string })).toBeUndefined();
    expect(inputProblem({ ...valid, workspaceId: undefined as unknown as string })).toBe('workspaceId: required (a workspace id or name), unless itemId is a path "Workspace.Workspace/Name"');
    expect(inputProblem({ ...valid, jobType: ' RunNotebook' })).toMatch(/^jobType " RunNotebook": not a job type/);
    expect(inputProblem({ ...valid, timeoutMs: 0 })).toBe('timeoutMs 0: must be longer than 0');
    expect(inputProblem({ ...valid, timeoutMs: Number.NaN })).toBe('timeoutMs NaN: must be a number of milliseconds, got the number NaN');
    expect(inputProblem({ ...valid, pollInterval: { fallbackMs: -1 } })).toBe('pollInterval.fallbackMs -1: must be longer than 0');
    expect(inputProblem({ ...valid, pollInterval: { minMs: 600_000 } })).toBe(
      'pollInterval: min 10m is longer than max 5m (the default): the minimum poll interval must not exceed the maximum',
    );
    expect(inputProblem({ ...valid, onDeduped: 'ignore' as 'fail' })).toBe('onDeduped "ignore": must be one of fail, succeed');
    expect(inputProblem({ ...valid, runRoute: 'body' as 'query' })).toBe('runRoute "body": must be one of query, path, notebook');
    expect(inputProblem({ ...valid, pollActivity: 'remote' as 'local' })).toBe('pollActivity "remote": must be one of local, regular');
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
