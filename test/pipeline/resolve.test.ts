import { describe, expect, it } from 'vitest';
import { formatIssueForCli } from '../../src/commands/pipeline/issues.js';
import { formatIssue, parseParamAssignments, parsePipelineText, PipelineValidationError, resolvePipeline, type PipelineIssue, type ResolveOptions } from '../../src/pipeline/index.js';

const W = '4b218778-e7a5-4d73-8187-f10824047715';
const W2 = 'd6351731-1ecc-4664-83db-1385494b23b0';
const I = '431e8d7b-4a95-4c02-8ccd-6faef5ba1bd7';

const file = parsePipelineText(`
name: p
workspace: ${W}
params: { region: emea, days: 1, full: false, target: null }
pollInterval: { min: 500ms, max: 1m }
steps:
  - id: a
    item: ${I}
    jobType: Pipeline
    timeout: 1h30m
    retry: { maximumAttempts: 3, initialInterval: 30s, backoffCoefficient: 1.5, maximumInterval: 5m }
    compensate: { item: ${I}, jobType: RunNotebook, timeout: 10m }
  - id: b
    needs: [a]
    workspace: "{{ params.target }}"
    item: ${I}
    jobType: RunNotebook
    continueOnFailure: true
    executionData: { run: "{{ steps.a.jobInstanceId }}" }
`).pipeline;

function issues(options: ResolveOptions): readonly PipelineIssue[] {
  try {
    resolvePipeline(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineValidationError);
    return (error as PipelineValidationError).issues;
  }
  return [];
}

/** As the CLI prints them. */
function problems(options: ResolveOptions): string[] {
  return issues(options).map(formatIssueForCli);
}

describe('resolvePipeline', () => {
  it('merges typed overrides, converts durations and resolves workspaces; templates stay for the workflow', () => {
    const input = resolvePipeline(file, { params: { target: W2, days: '3', full: 'true' }, logicalDate: '2024-02-29', taskQueue: 'q' });
    expect(input).toEqual({
      name: 'p',
      params: { region: 'emea', days: 3, full: true, target: W2 },
      logicalDate: '2024-02-29',
      maxParallel: 4,
      onFailure: 'fail',
      taskQueue: 'q',
      pollInterval: { minMs: 500, maxMs: 60_000 },
      steps: [
        {
          id: 'a', needs: [], workspaceId: W, itemId: I, jobType: 'Pipeline', timeoutMs: 5_400_000,
          retry: { maximumAttempts: 3, initialIntervalMs: 30_000, backoffCoefficient: 1.5, maximumIntervalMs: 300_000 },
          compensate: { workspaceId: W, itemId: I, jobType: 'RunNotebook', timeoutMs: 600_000 },
        },
        { id: 'b', needs: ['a'], workspaceId: '{{ params.target }}', itemId: I, jobType: 'RunNotebook', continueOnFailure: true, executionData: { run: '{{ steps.a.jobInstanceId }}' } },
      ],
    });
  });

  it('lists every problem with the overrides as typed run-input problems, worded without CLI flags', () => {
    const found = issues({ params: { regoin: 'x', days: 'many', full: 'yes' }, logicalDate: '2023-02-29' });
    expect(found.map((issue) => issue.input)).toEqual([
      { kind: 'unknownParam', name: 'regoin', hint: ' (did you mean "region"?)' },
      { kind: 'paramValue', name: 'days', value: 'many', expected: 'expected a number, like the default 1' },
      { kind: 'paramValue', name: 'full', value: 'yes', expected: 'expected true or false, like the default false' },
      { kind: 'missingParam', name: 'target' },
      { kind: 'logicalDate', value: '2023-02-29' },
    ]);
    expect(found.map(formatIssue)).toEqual([
      'param regoin: unknown param (did you mean "region"?)',
      'param days=many: expected a number, like the default 1',
      'param full=yes: expected true or false, like the default false',
      'params.target: required: the file has no default and the run gave no value',
      'logical date "2023-02-29": expected a date as yyyy-mm-dd',
    ]);
    for (const message of found.map(formatIssue)) expect(message).not.toContain('--');
  });

  it('the CLI words them with its flags', () => {
    expect(problems({ params: { regoin: 'x', days: 'many', full: 'yes' }, logicalDate: '2023-02-29' })).toEqual([
      '--param regoin: unknown param (did you mean "region"?)',
      '--param days=many: expected a number, like the default 1',
      '--param full=yes: expected true or false, like the default false',
      'params.target: required: pass --param target=VALUE',
      '--logical-date "2023-02-29": expected a date as yyyy-mm-dd',
    ]);
  });

  it('checks that ids built from params are ids or names', () => {
    expect(problems({ params: { target: 'my/workspace' } })).toEqual([
      'steps[1].workspace: renders to "my/workspace": a workspace is a name or an id, not a path (a "/" separates a workspace from an item)',
    ]);
  });

  it('checks that a job type built from a param is not blank (runFabricJob would refuse it)', () => {
    const templated = parsePipelineText(`
name: p
workspace: ${W}
params: { kind: " " }
steps: [{ id: a, item: ${I}, jobType: "{{ params.kind }}" }]
`).pipeline;
    expect(() => resolvePipeline(templated)).toThrow('steps[0].jobType: renders to " ": not a job type; use the item\'s job type');
    expect(resolvePipeline(templated, { params: { kind: 'RunNotebook' } }).steps[0]!.jobType).toBe('{{ params.kind }}');
  });
});

describe('parseParamAssignments', () => {
  it('splits at the first "=" and refuses values without one', () => {
    const { params, issues: found } = parseParamAssignments(['a=1', 'b=x=y', 'c=', 'bad', '=v']);
    expect(params).toEqual({ a: '1', b: 'x=y', c: '' });
    expect(found.map((issue) => issue.input)).toEqual([
      { kind: 'paramAssignment', text: 'bad' },
      { kind: 'paramAssignment', text: '=v' },
    ]);
    expect(found.map(formatIssue)).toEqual(['param "bad": expected NAME=VALUE', 'param "=v": expected NAME=VALUE']);
    expect(found.map(formatIssueForCli)).toEqual(['--param "bad": expected NAME=VALUE', '--param "=v": expected NAME=VALUE']);
  });
});
