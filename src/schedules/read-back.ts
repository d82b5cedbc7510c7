/**
 * Reading a fabric-temporal schedule back from Temporal's description (for `schedule update` and
 * `schedule describe`): the action's workflow input, the timing kept in the action memo, the policies.
 */
import type { ScheduleDescription } from '@temporalio/client';
import { TIMING_MEMO_KEY, type ScheduleDefinition, type ScheduleTiming } from './definition.js';
import { overlapName } from './overlap.js';
import { SCHEDULED_RUN_WORKFLOW, type ScheduledRunInput } from './scheduled-run-types.js';

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
    (input.target?.kind === 'pipeline' || input.target?.kind === 'job')
  );
}

/** The definition of a schedule created by fabric-temporal, or why it cannot be read as one. */
export function definitionFromDescription(description: ScheduleDescription): ReadBackResult {
  const { action, scheduleId } = description;
  if (action.workflowType !== SCHEDULED_RUN_WORKFLOW) {
    return { ok: false, problem: `schedule ${JSON.stringify(scheduleId)} was not created by fabric-temporal (it starts ${action.workflowType}, not ${SCHEDULED_RUN_WORKFLOW})` };
  }
  const input = action.args?.[0];
  const timing = action.memo?.[TIMING_MEMO_KEY];
  if (!isRunInput(input) || !isTiming(timing)) {
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
    target: input.target,
  };
  if (description.state.note) definition.note = description.state.note;
  return { ok: true, definition };
}
