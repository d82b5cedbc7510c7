/**
 * A schedule's action carries only what `fabricScheduledRun` needs; the pipeline file as written
 * rides in the action memo. Schedules created before that keep the file in the input's target, and
 * `schedule update` / `describe` must still read them.
 */
import type { ScheduleDescription } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../pipeline/index.js';
import { applyScheduleChanges } from './apply-changes.js';
import { buildScheduleOptions, PIPELINE_SOURCE_MEMO_KEY, scheduledRunInput, TIMING_MEMO_KEY, type ScheduleDefinition } from './definition.js';
import { definitionFromDescription } from './read-back.js';

const WS = '11111111-1111-1111-1111-111111111111';
const ITEM = '22222222-2222-2222-2222-222222222222';
const { pipeline: file } = parsePipelineText(`name: sales\nworkspace: ${WS}\nparams: { region: eu }\nsteps:\n  - id: load\n    item: ${ITEM}\n    jobType: RunNotebook\n`);

function define(changes: Parameters<typeof applyScheduleChanges>[1]): ScheduleDefinition {
  const result = applyScheduleChanges(undefined, { timing: { kind: 'cron', expression: '0 2 * * *' }, ...changes }, { scheduleId: 'nightly', taskQueue: 'fabric-jobs', searchAttributes: false });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.definition;
}

/** What Temporal's describe() reports for a schedule created with `action` (args and memo as stored). */
function described(def: ScheduleDefinition, args: unknown[], memo: Record<string, unknown>): ScheduleDescription {
  const action = buildScheduleOptions(def).action;
  return {
    scheduleId: def.scheduleId,
    action: { ...action, args, memo },
    spec: { timezone: def.timeZone },
    policies: { overlap: 'SKIP', catchupWindow: def.catchupWindowMs, pauseOnFailure: false },
    state: { paused: false },
  } as unknown as ScheduleDescription;
}

describe('what a schedule stores', () => {
  const pipelineDef = define({ pipeline: { file, source: 'sales.yaml' }, params: { region: 'us' } });

  it('the workflow input of a pipeline schedule holds the resolved pipeline only; the memo holds the file', () => {
    const input = scheduledRunInput(pipelineDef);
    expect(Object.keys(input.target).sort()).toEqual(['kind', 'pipeline']);
    expect(input.target.kind === 'pipeline' && input.target.pipeline.params).toEqual({ region: 'us' });
    const { memo } = buildScheduleOptions(pipelineDef).action;
    expect(memo?.[PIPELINE_SOURCE_MEMO_KEY]).toEqual({ file, source: 'sales.yaml', params: { region: 'us' } });
    expect(memo?.[TIMING_MEMO_KEY]).toEqual({ kind: 'cron', expression: '0 2 * * *' });
  });

  it('reads a pipeline schedule back with its file (for `schedule update --param`)', () => {
    const { args, memo } = buildScheduleOptions(pipelineDef).action;
    const read = definitionFromDescription(described(pipelineDef, args as unknown[], memo!));
    expect(read).toEqual({ ok: true, definition: pipelineDef });
  });

  it('reads a schedule created before the file moved to the memo (the file in the input target)', () => {
    const legacyInput = { ...scheduledRunInput(pipelineDef), target: pipelineDef.target };
    const read = definitionFromDescription(described(pipelineDef, [legacyInput], { [TIMING_MEMO_KEY]: pipelineDef.timing }));
    expect(read).toEqual({ ok: true, definition: pipelineDef });
  });

  it('a single-job schedule stores the job as before, nothing more in the memo than the timing', () => {
    const jobDef = define({ job: { workspaceId: WS, itemId: ITEM, jobType: 'RunNotebook' } });
    const { args, memo } = buildScheduleOptions(jobDef).action;
    expect(args).toEqual([scheduledRunInput(jobDef)]);
    expect(Object.keys(memo!)).toEqual([TIMING_MEMO_KEY]);
    expect(definitionFromDescription(described(jobDef, args as unknown[], memo!))).toEqual({ ok: true, definition: jobDef });
  });

  it('a pipeline schedule whose file is nowhere cannot be read', () => {
    const read = definitionFromDescription(described(pipelineDef, [scheduledRunInput(pipelineDef)], { [TIMING_MEMO_KEY]: pipelineDef.timing }));
    expect(read).toMatchObject({ ok: false, problem: expect.stringContaining('cannot read') });
  });
});
