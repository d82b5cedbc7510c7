import { describe, expect, it } from 'vitest';
import { JOB_FIELD_LIST } from '../contracts/job.js';
import type { FabricPipelineInput } from '../contracts/pipeline.js';
import { REFRESH_FIELD_LIST } from '../contracts/refresh-fields.js';
import type { ScheduleDefinition } from '../schedules/definition.js';
import { problemsThrown } from '../../test/helpers/problems.js';
import type { CliContext } from './context.js';
import { asFlag, assertConfiguredNames, configuredUses, pipelineConfiguredUses } from './configured-names.js';
import { assertScheduleNamesConfigured } from './schedule/create.js';

const ctx = { config: () => ({ pools: { slots: { 'spark-f8': 3 } }, connections: { names: ['default', 'sales'] } }) } as unknown as CliContext;
const job = { workspaceId: 'w', itemId: 'i', jobType: 'RunNotebook' };

function jobSchedule(extra: Record<string, unknown>): ScheduleDefinition {
  return { scheduleId: 's', taskQueue: 'q', timing: { kind: 'cron', expression: '@daily' }, target: { kind: 'job', job: { ...job, ...extra } } } as unknown as ScheduleDefinition;
}

describe('the names a run must find in the configuration (one check for every command)', () => {
  it('refuses unknown pools and connections of a job or a refresh, by flag, and lets known ones through', () => {
    expect(() => assertConfiguredNames(ctx, configuredUses(JOB_FIELD_LIST, { ...job, pool: 'spark-f8', connection: 'Sales' }, asFlag))).not.toThrow();
    expect(problemsThrown(() => assertConfiguredNames(ctx, configuredUses(REFRESH_FIELD_LIST, { pool: 'nope', connection: 'finance' }, asFlag)), 'UsageError')).toEqual([
      '--connection: unknown connection "finance"; the configured connections are: default, sales; nothing was started',
      '--pool: unknown pool "nope": configured pools: spark-f8 (3 slots); nothing was started',
    ]);
  });

  it('names the step or compensation of a pipeline, each with its kind’s fields', () => {
    const pipeline = {
      steps: [
        { id: 'a', ...job, pool: 'nope', compensate: { ...job, connection: 'finance' } },
        { id: 'b', ...job, refresh: { kind: 'semanticModelRefresh', semanticModelId: 'm', connection: 'finance', pool: '{{ params.pool }}' } },
      ],
    } as unknown as FabricPipelineInput;
    expect(problemsThrown(() => assertConfiguredNames(ctx, pipelineConfiguredUses(pipeline, 'p.yaml')), 'UsageError')).toEqual([
      'p.yaml: steps[0] (a).pool: unknown pool "nope": configured pools: spark-f8 (3 slots); nothing was started',
      'p.yaml: steps[0] (a).compensate.connection: unknown connection "finance"; the configured connections are: default, sales; nothing was started',
      'p.yaml: steps[1] (b).connection: unknown connection "finance"; the configured connections are: default, sales; nothing was started',
    ]);
  });

  it('schedule create and update: an unknown pool or connection is refused; an update checks only what it changes', () => {
    expect(problemsThrown(() => assertScheduleNamesConfigured(ctx, jobSchedule({ pool: 'nope' })), 'UsageError')).toEqual([
      '--pool: unknown pool "nope": configured pools: spark-f8 (3 slots); nothing was started',
    ]);
    const before = jobSchedule({ pool: 'gone', connection: 'sales' });
    expect(problemsThrown(() => assertScheduleNamesConfigured(ctx, jobSchedule({ pool: 'gone', connection: 'finance' }), before), 'UsageError')).toEqual([
      '--connection: unknown connection "finance"; the configured connections are: default, sales; nothing was started',
    ]);
    expect(problemsThrown(() => assertScheduleNamesConfigured(ctx, jobSchedule({ pool: 'typo', connection: 'sales' }), before), 'UsageError')).toEqual([
      '--pool: unknown pool "typo": configured pools: spark-f8 (3 slots); nothing was started',
    ]);
    // A new cron on a schedule whose pool is no longer configured is not refused for the pool it already had.
    expect(() => assertScheduleNamesConfigured(ctx, before, before)).not.toThrow();
  });
});
