import { describe, expect, it } from 'vitest';
import { parseRefreshOptions } from './options.js';
import { parseConnection } from '../parse/connection.js';
import { problemsThrown } from '../../../test/helpers/problems.js';

const ws = '11111111-1111-4111-8111-111111111111';
const sm = '22222222-2222-4222-8222-222222222222';

describe('refresh flags', () => {
  it('builds the workflow input, Full by default', () => {
    expect(parseRefreshOptions({ workspace: ws, semanticModel: sm }).input).toEqual({ workspaceId: ws, semanticModelId: sm, options: { type: 'Full' } });
    const { input } = parseRefreshOptions({
      workspace: ws,
      semanticModel: sm,
      type: 'dataonly',
      commitMode: 'partialbatch',
      maxParallelism: '4',
      retryCount: '0',
      objects: 'Sales, Dates/2024',
      applyRefreshPolicy: 'false',
      effectiveDate: '2024-06-30',
      refreshTimeout: '01:30:00',
      timeout: '2h',
      connection: 'Sales-EU',
    });
    expect(input).toEqual({
      workspaceId: ws,
      semanticModelId: sm,
      connection: 'sales_eu',
      timeoutMs: 7_200_000,
      options: { type: 'DataOnly', commitMode: 'PartialBatch', maxParallelism: 4, retryCount: 0, objects: [{ table: 'Sales' }, { table: 'Dates', partition: '2024' }], applyRefreshPolicy: false, effectiveDate: '2024-06-30', timeout: '01:30:00' },
    });
  });

  it('reports every bad flag at once', () => {
    const problems = problemsThrown(() => parseRefreshOptions({ workspace: 'w/x', semanticModel: sm, type: 'All', objects: 'A,,B', maxParallelism: '0', connection: 'no way' }), 'UsageError');
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('--workspace "w/x": a workspace is a name or an id, not a path (a "/" separates a workspace from an item)');
  });

  it('takes names: a plain name is a semantic model, a path needs no --workspace; they stay names in the input', () => {
    expect(parseRefreshOptions({ workspace: ' BI Prod ', semanticModel: 'Sales' }).input).toMatchObject({ workspaceId: 'BI Prod', semanticModelId: 'Sales' });
    expect(parseRefreshOptions({ semanticModel: 'BI Prod.Workspace/Sales.SemanticModel' }).input).toEqual({ semanticModelId: 'BI Prod.Workspace/Sales.SemanticModel', options: { type: 'Full' } });
    expect(problemsThrown(() => parseRefreshOptions({ semanticModel: 'Sales' }), 'UsageError')).toEqual([
      '--workspace is required (a workspace name or id), unless --semantic-model is a path: "Workspace.Workspace/Sales"',
    ]);
    expect(problemsThrown(() => parseRefreshOptions({ workspace: ws, semanticModel: 'Sales.Notebook' }), 'UsageError')).toEqual([
      '--semantic-model "Sales.Notebook": names a Notebook, not a SemanticModel (for a SemanticModel whose name ends in ".Notebook", write "Sales.Notebook.SemanticModel")',
    ]);
  });

  it('checks a connection against the configured ones', () => {
    expect(parseConnection('--connection', 'SALES', ['default', 'sales'])).toBe('sales');
    expect(problemsThrown(() => parseConnection('--connection', 'finance', ['default', 'sales']), 'UsageError')).toEqual([
      '--connection: unknown connection "finance"; the configured connections are: default, sales; nothing was started',
    ]);
  });
});
