/**
 * A fabric-temporal schedule as the CLI sees it, and the Temporal ScheduleOptions built from it. The
 * schedule's action starts `fabricScheduledRun` with what that workflow needs (the target, resolved);
 * the action's memo keeps what only the CLI needs: the timing as written (cron text or interval,
 * because Temporal reports cron specs back as calendars) and, for a pipeline, the file as written
 * (for `schedule update --param`).
 */
import type { ScheduleOptions, ScheduleUpdateOptions } from '@temporalio/client';
import { SCHEDULED_RUN_WORKFLOW, type ScheduledJobTarget, type ScheduledOperationTarget, type ScheduledPipelineTarget, type ScheduledRunInput } from '../contracts/scheduled-run.js';
import type { PipelineFile } from '../pipeline/index.js';
import type { LogicalDateFormat } from './logical-date.js';
import { scheduledWorkflowIdPrefix } from './identity.js';
import { toOverlapPolicy, type OverlapName } from './overlap.js';

/** The pipeline file a pipeline schedule was made from: `schedule update --param` resolves it again. */
export interface PipelineSource {
  /** The validated pipeline file as written. */
  file: PipelineFile;
  /** Where it came from (shown by `schedule describe`). */
  source: string;
  /** `--param` values as given. */
  params: Record<string, string>;
}

/** A pipeline schedule's target: the resolved pipeline the runs get, and the file it came from. */
export type PipelineScheduleTarget = ScheduledPipelineTarget & PipelineSource;

/** What a schedule runs, as the CLI keeps it. */
export type ScheduleTarget = PipelineScheduleTarget | ScheduledJobTarget | ScheduledOperationTarget;

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
  target: ScheduleTarget;
}

/** Key of the action memo that keeps the timing as written. */
export const TIMING_MEMO_KEY = 'fabricScheduleTiming';
/** Key of the action memo that keeps a pipeline schedule's {@link PipelineSource}. */
export const PIPELINE_SOURCE_MEMO_KEY = 'fabricSchedulePipeline';

/** The workflow input of the schedule's action: only what `fabricScheduledRun` needs. */
export function scheduledRunInput(def: ScheduleDefinition): ScheduledRunInput {
  const { target } = def;
  return {
    scheduleId: def.scheduleId,
    identity: def.identity,
    logicalDate: { format: def.logicalDateFormat, timeZone: def.timeZone },
    target: target.kind === 'pipeline' ? { kind: 'pipeline', pipeline: target.pipeline } : target,
  };
}

function actionMemo(def: ScheduleDefinition): Record<string, unknown> {
  const memo: Record<string, unknown> = { [TIMING_MEMO_KEY]: def.timing };
  if (def.target.kind === 'pipeline') {
    const { file, source, params } = def.target;
    memo[PIPELINE_SOURCE_MEMO_KEY] = { file, source, params } satisfies PipelineSource;
  }
  return memo;
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
    memo: actionMemo(def),
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
