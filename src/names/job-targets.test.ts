import { describe, expect, it } from 'vitest';
import { jobReference, needsResolution, pipelineTargets, refreshNeedsResolution, stepsWithResolved, targetsByConnection } from './job-targets.js';

const WS = '11111111-1111-4111-8111-111111111111';
const IT = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('job targets', () => {
  it('needs a look-up for names and for a missing job type only', () => {
    expect(needsResolution({ workspaceId: WS, itemId: IT, jobType: 'RunNotebook' })).toBe(false);
    expect(needsResolution({ workspaceId: WS, itemId: IT })).toBe(true);
    expect(needsResolution({ workspaceId: 'Sales', itemId: IT, jobType: 'X' })).toBe(true);
    expect(needsResolution({ itemId: 'Sales.Workspace/Load.Notebook', jobType: 'X' })).toBe(true);
  });

  it('collects the pipeline targets that name something (params rendered), and puts the ids back', () => {
    const steps = [
      { id: 'a', workspaceId: WS, itemId: IT, jobType: 'RunNotebook' },
      { id: 'b', workspaceId: '{{ params.ws }}', itemId: 'Load.Notebook', compensate: { workspaceId: WS, itemId: IT, jobType: 'X' } },
      { id: 'c', workspaceId: WS, itemId: IT, jobType: 'RunNotebook', compensate: { workspaceId: WS, itemId: 'Undo.Notebook' } },
    ];
    const targets = pipelineTargets(steps, { ws: 'Sales Prod' });
    expect(targets).toEqual({
      b: { workspace: 'Sales Prod', item: 'Load.Notebook', labels: { workspace: 'steps.b.workspace', item: 'steps.b.item', jobType: 'steps.b.jobType' } },
      'c.compensate': { workspace: WS, item: 'Undo.Notebook', labels: expect.objectContaining({ item: 'steps.c.compensate.item' }) },
    });
    const resolved = stepsWithResolved(steps, {
      b: { workspaceId: WS, itemId: IT, jobType: 'RunNotebook' },
      'c.compensate': { workspaceId: WS, itemId: IT, jobType: 'RunNotebook' },
    });
    expect(resolved[0]).toBe(steps[0]);
    expect(resolved[1]).toMatchObject({ workspaceId: WS, itemId: IT, jobType: 'RunNotebook', compensate: { itemId: IT, jobType: 'X' } });
    expect(resolved[2]!.compensate).toEqual({ workspaceId: WS, itemId: IT, jobType: 'RunNotebook' });
  });

  it('resolves a refresh step by its semantic model (among SemanticModel items, no job type), and puts the ids into the refresh too', () => {
    const SM = 'bbbbbbbb-0000-4000-8000-000000000001';
    expect(refreshNeedsResolution({ workspaceId: WS, semanticModelId: SM })).toBe(false);
    expect(refreshNeedsResolution({ workspaceId: 'BI', semanticModelId: SM })).toBe(true);
    expect(refreshNeedsResolution({ semanticModelId: 'BI.Workspace/Sales' })).toBe(true);
    const refresh = (semanticModelId: string, extra = {}) => ({ itemId: semanticModelId, jobType: 'SemanticModelRefresh', refresh: { semanticModelId, ...extra } });
    const steps = [
      { id: 'ids', workspaceId: WS, ...refresh(SM, { workspaceId: WS }) },
      { id: 'named', workspaceId: '{{ params.ws }}', ...refresh('{{ params.model }}', { workspaceId: '{{ params.ws }}', connection: 'Sales' }), connection: 'sales' },
      { id: 'undo', workspaceId: WS, itemId: IT, jobType: 'X', compensate: { ...refresh('BI.Workspace/Sales.SemanticModel') } },
    ];
    const targets = pipelineTargets(steps, { ws: 'BI Prod', model: 'Sales' });
    expect(targets).toEqual({
      named: { workspace: 'BI Prod', item: 'Sales', itemType: 'SemanticModel', connection: 'sales', labels: { workspace: 'steps.named.workspace', item: 'steps.named.semanticModel' } },
      'undo.compensate': { item: 'BI.Workspace/Sales.SemanticModel', itemType: 'SemanticModel', labels: { workspace: 'steps.undo.compensate.workspace', item: 'steps.undo.compensate.semanticModel' } },
    });
    const resolved = stepsWithResolved(steps, { named: { workspaceId: WS, itemId: SM, itemName: 'Sales' }, 'undo.compensate': { workspaceId: WS, itemId: SM } });
    expect(resolved[0]).toBe(steps[0]);
    expect(resolved[1]).toMatchObject({ workspaceId: WS, itemId: SM, jobType: 'SemanticModelRefresh', refresh: { workspaceId: WS, semanticModelId: SM, connection: 'Sales' } });
    expect(resolved[2]!.compensate).toMatchObject({ workspaceId: WS, itemId: SM, refresh: { workspaceId: WS, semanticModelId: SM } });
  });

  it('groups targets by the connection that looks them up, in order of first use; the default one is unnamed', () => {
    const steps = [
      { id: 'a', workspaceId: 'Ops', itemId: 'A.Notebook' },
      { id: 'b', workspaceId: 'BI', itemId: 'B.Notebook', connection: 'Sales-EU' },
      { id: 'c', workspaceId: 'Ops', itemId: 'C.Notebook', connection: 'default', compensate: { workspaceId: 'BI', itemId: 'D.Notebook', connection: 'sales_eu' } },
    ];
    const groups = targetsByConnection(pipelineTargets(steps));
    expect(groups.map((g) => [g.connection, Object.keys(g.targets)])).toEqual([
      [undefined, ['a', 'c']],
      ['sales_eu', ['b', 'c.compensate']],
    ]);
    expect(groups[1]!.targets.b).not.toHaveProperty('connection');
    expect(jobReference({ workspaceId: 'Ops', itemId: 'A.Notebook', jobType: ' ', connection: 'Sales' })).toEqual({ workspace: 'Ops', item: 'A.Notebook', connection: 'sales' });
    expect(jobReference({ itemId: IT, jobType: 'X', connection: 'DEFAULT' })).toEqual({ item: IT, jobType: 'X' });
    expect(targetsByConnection({})).toEqual([]);
  });
});
