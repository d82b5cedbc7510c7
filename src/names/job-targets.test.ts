import { describe, expect, it } from 'vitest';
import { needsResolution, pipelineTargets, stepsWithResolved } from './job-targets.js';

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
});
