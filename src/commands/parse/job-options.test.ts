import { describe, expect, it } from 'vitest';
import { parseJobOptions } from './job-options.js';
import { problemsThrown } from '../../../test/helpers/problems.js';

const WS = '11111111-2222-3333-4444-555555555555';
const ITEM = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

const problemsOf = (fn: () => unknown): readonly string[] => problemsThrown(fn, 'UsageError');

describe('parseJobOptions', () => {
  it('builds the minimal workflow input and a default workflow id', () => {
    const { workflowId, input } = parseJobOptions({ workspace: WS, item: ITEM, jobType: 'RunNotebook' });
    expect(input).toEqual({ workspaceId: WS, itemId: ITEM, jobType: 'RunNotebook' });
    expect(workflowId).toMatch(/^fabric-RunNotebook-[0-9a-f-]{36}$/);
  });

  it('maps every flag into the input', () => {
    const request = parseJobOptions(
      {
        workspace: WS,
        item: ITEM,
        jobType: 'Pipeline',
        executionData: '{"parameters":{"day":"2024-01-01"}}',
        parameters: '[{"name":"p","type":"Text","value":"x"}]',
        timeout: '1h30m',
        pollMin: '2s',
        pollMax: '1m',
        onDeduped: 'succeed',
        route: 'path',
        workflowId: 'nightly-sales',
      },
    );
    expect(request).toEqual({
      workflowId: 'nightly-sales',
      input: {
        workspaceId: WS,
        itemId: ITEM,
        jobType: 'Pipeline',
        executionData: { parameters: { day: '2024-01-01' } },
        parameters: [{ name: 'p', type: 'Text', value: 'x' }],
        timeoutMs: 5_400_000,
        pollInterval: { minMs: 2_000, maxMs: 60_000 },
        onDeduped: 'succeed',
        runRoute: 'path',
      },
    });
  });

  it('reports every bad flag at once', () => {
    const problems = problemsOf(() =>
      parseJobOptions({ workspace: 'a/b', item: ITEM, jobType: 'RunNotebook', timeout: '10', executionData: '[]', onDeduped: 'ignore' }),
    );
    expect(problems).toEqual([
      '--workspace "a/b": a workspace is a name or an id, not a path (a "/" separates a workspace from an item)',
      '--execution-data "[]": must be a JSON object like {"parameters": {...}}, got an array',
      '--timeout "10": not a duration (a plain number has no unit: write 10s or 10ms); use a number and a unit (ms, s, m, h, d), e.g. 500ms, 90s, 5m, 2h or 1h30m',
      '--on-deduped "ignore": must be one of fail, succeed',
    ]);
  });

  it('refuses a minimum poll interval above the maximum', () => {
    expect(problemsOf(() => parseJobOptions({ workspace: WS, item: ITEM, jobType: 'X', pollMin: '2m', pollMax: '30s' }))).toEqual([
      '--poll-min "2m" --poll-max "30s": min 2m is longer than max 30s: the minimum poll interval must not exceed the maximum',
    ]);
  });

  it('checks one poll bound against the default of the other, before anything starts', () => {
    expect(problemsOf(() => parseJobOptions({ workspace: WS, item: ITEM, jobType: 'X', pollMin: '10m' }))).toEqual([
      '--poll-min "10m": min 10m is longer than max 5m (the default): the minimum poll interval must not exceed the maximum',
    ]);
    expect(problemsOf(() => parseJobOptions({ workspace: WS, item: ITEM, jobType: 'X', pollMax: '500ms' }))).toEqual([
      '--poll-max "500ms": min 1s (the default) is longer than max 500ms: the minimum poll interval must not exceed the maximum',
    ]);
    expect(parseJobOptions({ workspace: WS, item: ITEM, jobType: 'X', pollMin: '5m' }).input.pollInterval).toEqual({ minMs: 300_000 });
  });
});
