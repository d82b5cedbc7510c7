/**
 * A fabric-temporal schedule as the CLI sees it, and the Temporal ScheduleOptions built from it. The
 * schedule's action starts `fabricScheduledRun` with the target; the timing as written (cron text or
 * interval) also rides in the action's memo, because Temporal reports cron specs back as calendars.
 */
import type { ScheduleOptions, ScheduleUpdateOptions } from '@temporalio/client';
import type { LogicalDateFormat } from './logical-date.js';
import { scheduledWorkflowIdPrefix } from './identity.js';
import { toOverlapPolicy, type OverlapName } from './overlap.js';
import { SCHEDULED_RUN_WORKFLOW, type ScheduledRunInput, type ScheduledTarget } from './scheduled-run-types.js';

/** When a schedule fires: a cron expression (in its time zone) or a fixed interval. */
export type ScheduleTiming = { kind: 'cron'; expression: string } | { kind: 'every'; everyMs: number };

export interface ScheduleDefinition {
  scheduleId: string;
  /** Task queue of the scheduled runs (FABRIC_TASK_QUEUE). */
  taskQueue: string;
  timing: ScheduleTiming;
  /** IANA time zone of cron fields and of `date` logical dates. @default 'UTC' */
  timeZone: string;
  /** @default 'date' */
  logicalDateFormat: LogicalDateFormat;
  /** @default 'skip' */
  overlap: OverlapName;
  /** How late a missed run may still start after an outage. @default the server's (1 year) */
  catchupWindowMs?: number;
  /** Pause the schedule when a run fails. @default false */
  pauseOnFailure: boolean;
  /** The schedule's note (shown by describe; pause/unpause replace it). */
  note?: string;
  /** The run identity (identity.ts); each run's id is `<identity>/<logicalDate>`. */
  identity: string;
  target: ScheduledTarget;
}

/** Key of the action memo that keeps the timing as written. */
export const TIMING_MEMO_KEY = 'fabricScheduleTiming';

/** The workflow input of the schedule's action. */
export function scheduledRunInput(def: ScheduleDefinition): ScheduledRunInput {
  return {
    scheduleId: def.scheduleId,
    identity: def.identity,
    logicalDate: { format: def.logicalDateFormat, timeZone: def.timeZone },
    target: def.target,
  };
}

function spec(def: ScheduleDefinition): ScheduleOptions['spec'] {
  const timing = def.timing.kind === 'cron' ? { cronExpressions: [def.timing.expression] } : { intervals: [{ every: def.timing.everyMs }] };
  return { ...timing, timezone: def.timeZone };
}

function action(def: ScheduleDefinition): ScheduleOptions['action'] {
  return {
    type: 'startWorkflow',
    workflowType: SCHEDULED_RUN_WORKFLOW,
    workflowId: scheduledWorkflowIdPrefix(def.scheduleId),
    taskQueue: def.taskQueue,
    args: [scheduledRunInput(def)],
    memo: { [TIMING_MEMO_KEY]: def.timing },
  };
}

function policies(def: ScheduleDefinition): NonNullable<ScheduleOptions['policies']> {
  return {
    overlap: toOverlapPolicy(def.overlap),
    pauseOnFailure: def.pauseOnFailure,
    ...(def.catchupWindowMs !== undefined ? { catchupWindow: def.catchupWindowMs } : {}),
  };
}

/** Options of `client.schedule.create`. */
export function buildScheduleOptions(def: ScheduleDefinition): ScheduleOptions {
  return {
    scheduleId: def.scheduleId,
    spec: spec(def),
    action: action(def),
    policies: policies(def),
    state: { paused: false, ...(def.note !== undefined ? { note: def.note } : {}) },
  };
}

/** What `handle.update` returns for the new definition; `paused` is kept as it is. */
export function buildUpdateOptions(def: ScheduleDefinition, paused: boolean): ScheduleUpdateOptions {
  return {
    spec: spec(def),
    action: action(def),
    policies: policies(def),
    state: { paused, ...(def.note !== undefined ? { note: def.note } : {}) },
  };
}
