import { describe, expect, it } from 'vitest';
import { isRefreshEntry, refreshJobSchema, toRefreshSpec } from './refresh-step.js';

const ws = '11111111-1111-4111-8111-111111111111';
const sm = '22222222-2222-4222-8222-222222222222';

describe('refresh steps in pipeline files', () => {
  it('reads the refresh fields and fills in the pipeline defaults', () => {
    const entry = refreshJobSchema.parse({
      kind: 'semanticModelRefresh',
      semanticModel: sm,
      type: 'dataonly',
      objects: ['Sales', 'Dates/2024', { table: 'Budget' }],
      refreshTimeout: '01:00:00',
      timeout: '2h',
      pollInterval: { min: '2s' },
    });
    expect(isRefreshEntry(entry)).toBe(true);
    expect(toRefreshSpec(entry, { workspace: ws, connection: 'Sales-EU' })).toEqual({
      kind: 'semanticModelRefresh',
      workspaceId: ws,
      semanticModelId: sm,
      connection: 'sales_eu',
      timeoutMs: 7_200_000,
      pollInterval: { minMs: 2_000 },
      options: { type: 'DataOnly', objects: [{ table: 'Sales' }, { table: 'Dates', partition: '2024' }, { table: 'Budget' }], timeout: '01:00:00' },
    });
  });

  it('names every bad field', () => {
    const result = refreshJobSchema.safeParse({ kind: 'semanticModelRefresh', semanticModel: 'Sales.Report', type: 'Everything', refreshTimeout: '30m', connection: 'no way', jobType: 'x' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.') || i.message);
    expect(paths).toEqual(expect.arrayContaining(['semanticModel', 'type', 'refreshTimeout', 'connection']));
    expect(result.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('takes the workspace and the semantic model by name; a path names the workspace', () => {
    const named = refreshJobSchema.parse({ kind: 'semanticModelRefresh', workspace: 'BI Prod', semanticModel: 'Sales' });
    expect(toRefreshSpec(named, {})).toMatchObject({ workspaceId: 'BI Prod', semanticModelId: 'Sales' });
    const path = refreshJobSchema.parse({ kind: 'semanticModelRefresh', semanticModel: 'BI Prod.Workspace/Sales.SemanticModel' });
    expect(toRefreshSpec(path, {})).not.toHaveProperty('workspaceId');
    const bad = refreshJobSchema.safeParse({ kind: 'semanticModelRefresh', workspace: 'a/b', semanticModel: 'Sales.Report' });
    expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      // The rules and the wording of every kind's fields (src/contracts/fields.ts): the value is shown as for a job step.
      'workspace: a workspace is a name or an id, not a path (a "/" separates a workspace from an item) (got "a/b")',
      'semanticModel: names a Report, not a SemanticModel (for a SemanticModel whose name ends in ".Report", write "Sales.Report.SemanticModel") (got "Sales.Report")',
    ]);
  });
});
