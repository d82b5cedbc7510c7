/**
 * Input and result of `fabricScheduledRun`, the workflow a schedule starts. It learns its logical
 * date from the schedule's nominal time and runs the target as a child whose id is the
 * logical-date identity (src/schedules/identity.ts). Sandbox-safe: types and constants only.
 *
 * Wire compatibility: Temporal Schedules keep the input in their action, and recorded histories
 * hold it. Schedules created before this contract existed store a pipeline target that also carries
 * the pipeline file as written (`file`, `source`, `params`, for `schedule update --param`); the
 * workflow ignores those fields, and the CLI now keeps them in the action's memo instead.
 */
import type { RunFabricJobInput } from '../shared.js';
import type { FabricPipelineInput } from './pipeline.js';
import type { OperationSpec } from './fabric-operation.js';

/** Workflow type a schedule's action starts. */
export const SCHEDULED_RUN_WORKFLOW = 'fabricScheduledRun';

/** ApplicationFailure types of `fabricScheduledRun`. */
export const ScheduledRunFailureTypes = {
  /** The input is not a valid scheduled run (build it with `scheduledRunInput` in src/schedules). */
  InvalidInput: 'FabricScheduledRunInvalidInput',
} as const;

export const LOGICAL_DATE_FORMATS = ['date', 'datetime'] as const;
/**
 * `date`: `yyyy-mm-dd` in the schedule's time zone (one run per day at most).
 * `datetime`: `yyyy-mm-ddTHH:MM:SSZ`, the nominal instant in UTC (for schedules that fire more often).
 */
export type LogicalDateFormat = (typeof LOGICAL_DATE_FORMATS)[number];

/** How a schedule turns its nominal time into a logical date. */
export interface LogicalDateRule {
  /** @default 'date' */
  format: LogicalDateFormat;
  /** IANA time zone the `date` format is read in. @default 'UTC' */
  timeZone: string;
}

/** A resolved pipeline (without logical date: each run adds its own). */
export interface ScheduledPipelineTarget {
  kind: 'pipeline';
  pipeline: FabricPipelineInput;
}

/** One Fabric job; `{{ logicalDate }}` in its executionData / parameters is rendered per run. */
export interface ScheduledJobTarget {
  kind: 'job';
  job: RunFabricJobInput;
}

/** One Fabric long-running operation (docs/operations-kinds.md); `{{ logicalDate }}` in its strings is rendered per run. */
export interface ScheduledOperationTarget {
  kind: 'operation';
  operation: OperationSpec;
}

export type ScheduledTarget = ScheduledPipelineTarget | ScheduledJobTarget | ScheduledOperationTarget;

export interface ScheduledRunInput {
  scheduleId: string;
  /** The run's workflow id is `<identity>/<logicalDate>`. */
  identity: string;
  logicalDate: LogicalDateRule;
  target: ScheduledTarget;
  /**
   * Nominal time to use when the run was not started by a schedule (ISO). Scheduled runs ignore it.
   * @default the workflow's start time
   */
  nominalTime?: string;
}

/** `completed`: the target ran and completed. `duplicate`: that date was already running or done. */
export type ScheduledRunOutcome = 'completed' | 'duplicate';

export interface ScheduledRunResult {
  logicalDate: string;
  /** The nominal time (ISO) the logical date came from. */
  nominalTime: string;
  /** Workflow id of the target's run (`pipeline/<name>/<date>` or `schedule/<id>/<date>`). */
  runWorkflowId: string;
  outcome: ScheduledRunOutcome;
}

/** Memo keys the run upserts (read by `schedule describe`). `outcome` adds `failed` for a failed target. */
export const SCHEDULED_RUN_MEMO = { logicalDate: 'logicalDate', runWorkflowId: 'runWorkflowId', outcome: 'outcome' } as const;
