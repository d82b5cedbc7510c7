/**
 * Reading a fabric-temporal schedule back from Temporal's description (for `schedule update` and
 * `schedule describe`): the action's workflow input, the timing and pipeline file kept in the action
 * memo, the policies. Schedules created before the pipeline file moved to the memo keep it in the
 * input's target; both are read.
 */
import type { ScheduleDescription } from '@temporalio/client';
import { SCHEDULED_RUN_WORKFLOW, type ScheduledRunInput } from '../contracts/scheduled-run.js';
import { PIPELINE_SOURCE_MEMO_KEY, TIMING_MEMO_KEY, type PipelineSource, type ScheduleDefinition, type ScheduleTarget, type ScheduleTiming } from './definition.js';
import { overlapName } from './overlap.js';

export type ReadBackResult = { ok: true; definition: ScheduleDefinition } | { ok: false; problem: string };

function isTiming(value: unknown): value is ScheduleTiming {
  const t = value as Partial<{ kind: string; expression: unknown; everyMs: unknown }> | null;
  if (t === null || typeof t !== 'object') return false;
  return (t.kind === 'cron' && typeof t.expression === 'string') || (t.kind === 'every' && typeof t.everyMs === 'number');
}

function isRunInput(value: unknown): value is ScheduledRunInput {
  const input = value as Partial<ScheduledRunInput> | null;
  return (
    input !== null &&
    typeof input === 'object' &&
    typeof input.identity === 'string' &&
    typeof input.logicalDate === 'object' &&
    (input.target?.kind === 'pipeline' || input.target?.kind === 'job' || input.target?.kind === 'operation')
  );
}

function isPipelineSource(value: unknown): value is PipelineSource {
  const s = value as Partial<PipelineSource> | null;
  return s !== null && typeof s === 'object' && typeof s.file === 'object' && s.file !== null && typeof s.source === 'string' && typeof s.params === 'object' && s.params !== null;
}

/** The target as the CLI keeps it: a pipeline's file from the memo, or (older schedules) from the input. */
function targetOf(input: ScheduledRunInput, memo: Record<string, unknown> | undefined): ScheduleTarget | undefined {
  const { target } = input;
  if (target.kind === 'job' || target.kind === 'operation') return target;
  const source = [memo?.[PIPELINE_SOURCE_MEMO_KEY], target].find(isPipelineSource);
  return source ? { kind: 'pipeline', pipeline: target.pipeline, file: source.file, source: source.source, params: source.params } : undefined;
}

/** The definition of a schedule created by fabric-temporal, or why it cannot be read as one. */
export function definitionFromDescription(description: ScheduleDescription): ReadBackResult {
  const { action, scheduleId } = description;
  if (action.workflowType !== SCHEDULED_RUN_WORKFLOW) {
    return { ok: false, problem: `schedule ${JSON.stringify(scheduleId)} was not created by fabric-temporal (it starts ${action.workflowType}, not ${SCHEDULED_RUN_WORKFLOW})` };
  }
  const input = action.args?.[0];
  const timing = action.memo?.[TIMING_MEMO_KEY];
  const target = isRunInput(input) ? targetOf(input, action.memo) : undefined;
  if (!isRunInput(input) || !isTiming(timing) || !target) {
    return { ok: false, problem: `schedule ${JSON.stringify(scheduleId)} has an action this version of fabric-temporal cannot read; recreate it` };
  }
  const definition: ScheduleDefinition = {
    scheduleId,
    taskQueue: action.taskQueue,
    timing,
    timeZone: description.spec.timezone ?? input.logicalDate.timeZone,
    logicalDateFormat: input.logicalDate.format,
    overlap: overlapName(description.policies.overlap),
    catchupWindowMs: description.policies.catchupWindow,
    pauseOnFailure: description.policies.pauseOnFailure,
    identity: input.identity,
    target,
  };
  if (description.state.note) definition.note = description.state.note;
  return { ok: true, definition };
}
