import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../pipeline/index.js';
import { applyScheduleChanges, type ApplyContext, type ScheduleChanges } from './apply-changes.js';
import { buildScheduleOptions, buildUpdateOptions, type ScheduleDefinition } from './definition.js';
import type { ScheduleProblem } from './problems.js';

const WS = '11111111-1111-1111-1111-111111111111';
const ITEM = '22222222-2222-2222-2222-222222222222';
const ctx: ApplyContext = { scheduleId: 'nightly', taskQueue: 'fabric-jobs', searchAttributes: false };
const { pipeline: file } = parsePipelineText(
  `name: sales\nworkspace: ${WS}\nparams: { region: eu, limit: 10 }\nsteps:\n  - id: load\n    item: ${ITEM}\n    jobType: RunNotebook\n    executionData: { parameters: { day: { value: "{{ logicalDate }}", type: string } } }\n`,
);

function ok(previous: ScheduleDefinition | undefined, changes: ScheduleChanges): ScheduleDefinition {
  const result = applyScheduleChanges(previous, changes, ctx);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.definition;
}

function problems(previous: ScheduleDefinition | undefined, changes: ScheduleChanges): ScheduleProblem[] {
  const result = applyScheduleChanges(previous, changes, ctx);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const daily = { kind: 'cron', expression: '0 2 * * *' } as const;

describe('applyScheduleChanges: create', () => {
  it('builds a pipeline schedule with defaults and the pipeline identity', () => {
    const def = ok(undefined, { timing: daily, pipeline: { file, source: 'p.yaml' } });
    expect(def).toMatchObject({ scheduleId: 'nightly', taskQueue: 'fabric-jobs', timeZone: 'UTC', logicalDateFormat: 'date', overlap: 'skip', pauseOnFailure: false, identity: 'pipeline/sales' });
    expect(def.target.kind === 'pipeline' && def.target.pipeline.logicalDate).toBeUndefined();
    const options = buildScheduleOptions(def);
    expect(options.spec).toEqual({ cronExpressions: ['0 2 * * *'], timezone: 'UTC' });
    expect(options.action).toMatchObject({ workflowType: 'fabricScheduledRun', workflowId: 'scheduled/nightly', taskQueue: 'fabric-jobs' });
    expect(options.policies).toEqual({ overlap: 'SKIP', pauseOnFailure: false });
  });

  it('puts params that differ from the file into the identity and converts them', () => {
    const def = ok(undefined, { timing: daily, pipeline: { file, source: 'p.yaml' }, params: { region: 'us', limit: '5' } });
    expect(def.identity).toBe('pipeline/sales@limit=5,region=us');
    expect(def.target.kind === 'pipeline' && def.target.pipeline.params).toEqual({ region: 'us', limit: 5 });
  });

  it('builds a single-job schedule whose executionData may use {{ logicalDate }} only', () => {
    const def = ok(undefined, { timing: { kind: 'every', everyMs: 86_400_000 }, job: { workspaceId: WS, itemId: ITEM, jobType: 'RunNotebook', executionData: { day: '{{ logicalDate }}' } } });
    expect(def.identity).toBe('schedule/nightly');
    expect(buildScheduleOptions(def).spec).toEqual({ intervals: [{ every: 86_400_000 }], timezone: 'UTC' });
    const bad = problems(undefined, { timing: daily, job: { workspaceId: WS, itemId: ITEM, jobType: 'X', executionData: { a: '{{ params.x }}', b: '{{ logicalDate' } } });
    expect(bad).toEqual([
      { kind: 'jobTemplate', field: 'executionData', expression: 'params.x' },
      { kind: 'jobTemplate', field: 'executionData', error: expect.stringContaining('unterminated template') },
    ]);
  });

  it('lists every problem: no target, no timing, missing job flags, pipeline problems', () => {
    expect(problems(undefined, {})).toEqual([{ kind: 'noTarget' }, { kind: 'noTiming' }]);
    expect(problems(undefined, { timing: daily, job: { itemId: ITEM } })).toEqual([{ kind: 'missingJobFields', fields: ['workspaceId'], newSchedule: true }]);
    expect(problems(undefined, { timing: daily, pipeline: { file, source: 'p.yaml' }, params: { regoin: 'x', limit: 'many' } })).toEqual([
      { kind: 'pipeline', source: 'p.yaml', issue: expect.objectContaining({ input: { kind: 'unknownParam', name: 'regoin', hint: ' (did you mean "region"?)' } }) },
      { kind: 'pipeline', source: 'p.yaml', issue: expect.objectContaining({ input: { kind: 'paramValue', name: 'limit', value: 'many', expected: 'expected a number, like the default 10' } }) },
    ]);
    expect(problems(undefined, { timing: daily, pipeline: { file, source: 'p.yaml' }, job: { itemId: ITEM } })).toEqual([{ kind: 'pipelineAndJob' }]);
  });

  it('refuses schedules that fire more than once a day with date logical dates', () => {
    expect(problems(undefined, { timing: { kind: 'cron', expression: '0 */6 * * *' }, pipeline: { file, source: 'p' } })).toEqual([
      { kind: 'dateTooCoarse', timing: { kind: 'cron', expression: '0 */6 * * *' }, firesPerDay: 4 },
    ]);
    expect(problems(undefined, { timing: { kind: 'every', everyMs: 3_600_000 }, pipeline: { file, source: 'p' } })).toEqual([{ kind: 'dateTooCoarse', timing: { kind: 'every', everyMs: 3_600_000 } }]);
    expect(ok(undefined, { timing: { kind: 'every', everyMs: 3_600_000 }, logicalDateFormat: 'datetime', pipeline: { file, source: 'p' } }).logicalDateFormat).toBe('datetime');
  });
});

describe('applyScheduleChanges: search attributes (FABRIC_SEARCH_ATTRIBUTES)', () => {
  it('asks new targets to upsert them', () => {
    const withAttributes = { ...ctx, searchAttributes: true };
    const pipeline = applyScheduleChanges(undefined, { timing: daily, pipeline: { file, source: 'p' } }, withAttributes);
    expect(pipeline.ok && pipeline.definition.target.kind === 'pipeline' && pipeline.definition.target.pipeline.searchAttributes).toBe(true);
    const job = applyScheduleChanges(undefined, { timing: daily, job: { workspaceId: WS, itemId: ITEM, jobType: 'X' } }, withAttributes);
    expect(job.ok && job.definition.target.kind === 'job' && job.definition.target.job.searchAttributes).toBe(true);
  });
});

describe('applyScheduleChanges: update', () => {
  const base = ok(undefined, { timing: daily, timeZone: 'Europe/Paris', overlap: 'buffer-one', note: 'n', pipeline: { file, source: 'p.yaml' }, params: { region: 'us' } });

  it('changes only what is given', () => {
    const def = ok(base, { params: { limit: '3' } });
    expect(def).toMatchObject({ timing: daily, timeZone: 'Europe/Paris', overlap: 'buffer-one', note: 'n', identity: 'pipeline/sales@limit=3,region=us' });
    const moved = ok(base, { timing: { kind: 'cron', expression: '0 3 * * *' }, pauseOnFailure: true });
    expect(moved).toMatchObject({ timing: { expression: '0 3 * * *' }, pauseOnFailure: true, identity: base.identity, target: base.target });
    expect(buildUpdateOptions(moved, true).state).toEqual({ paused: true, note: 'n' });
  });

  it('switches a pipeline schedule to a single job only with every job flag, and refuses --param there', () => {
    expect(problems(base, { job: { jobType: 'RunNotebook' } })).toEqual([{ kind: 'missingJobFields', fields: ['workspaceId', 'itemId'], newSchedule: true }]);
    const job = ok(base, { job: { workspaceId: WS, itemId: ITEM, jobType: 'RunNotebook' } });
    expect(job.identity).toBe('schedule/nightly');
    expect(ok(job, { job: { jobType: 'Other' } }).target).toMatchObject({ kind: 'job', job: { workspaceId: WS, itemId: ITEM, jobType: 'Other' } });
    expect(problems(job, { params: { a: 'b' } })).toEqual([{ kind: 'paramsWithoutPipeline' }]);
  });
});

describe('applyScheduleChanges: single-job options', () => {
  const job = { workspaceId: WS, itemId: ITEM, jobType: 'RunNotebook' };

  it('keeps every job option in the target and merges the poll bounds of an update part by part', () => {
    const created = ok(undefined, { timing: daily, job: { ...job, timeoutMs: 60_000, runRoute: 'path', onDeduped: 'succeed', pollInterval: { maxMs: 600_000 } } });
    expect(created.target).toEqual({ kind: 'job', job: { ...job, timeoutMs: 60_000, runRoute: 'path', onDeduped: 'succeed', pollInterval: { maxMs: 600_000 } } });
    const updated = ok(created, { job: { pollInterval: { minMs: 360_000 }, parameters: [{ name: 'd', type: 'Text', value: '{{ logicalDate }}' }] } });
    expect(updated.target).toMatchObject({ kind: 'job', job: { runRoute: 'path', pollInterval: { minMs: 360_000, maxMs: 600_000 }, parameters: [{ name: 'd', type: 'Text', value: '{{ logicalDate }}' }] } });
  });

  it('checks the merged job with the job table and returns what is wrong, typed', () => {
    const created = ok(undefined, { timing: daily, job: { ...job, pollInterval: { maxMs: 600_000 } } });
    // Typed problems; src/commands/schedule/problems.ts words them for the flags.
    expect(problems(created, { job: { pollInterval: { minMs: 1_200_000 } } })).toEqual([
      {
        kind: 'job',
        problem: expect.objectContaining({
          field: expect.objectContaining({ input: 'pollInterval' }),
          message: 'min 20m is longer than max 10m: the minimum poll interval must not exceed the maximum',
        }),
      },
    ]);
    expect(problems(undefined, { timing: daily, job: { ...job, parameters: [{ name: 'd', type: 'Text', value: '{{ params.day }}' }] } })).toEqual([
      { kind: 'jobTemplate', field: 'parameters', expression: 'params.day' },
    ]);
  });
});
