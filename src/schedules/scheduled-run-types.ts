/**
 * Input and result of `fabricScheduledRun`, the workflow a schedule starts. It learns its logical
 * date from the schedule's nominal time and runs the target as a child whose id is the
 * logical-date identity (identity.ts). Sandbox-safe: types and constants only.
 */
import type { RunFabricJobInput } from '../shared.js';
import type { PipelineFile } from '../pipeline/schema.js';
import type { FabricPipelineInput } from '../workflows/pipeline-types.js';
import type { LogicalDateRule } from './logical-date.js';

/** Workflow type a schedule's action starts. */
export const SCHEDULED_RUN_WORKFLOW = 'fabricScheduledRun';

/** ApplicationFailure types of `fabricScheduledRun`. */
export const ScheduledRunFailureTypes = {
  /** The input is not a valid scheduled run (build it with buildScheduledRunInput). */
  InvalidInput: 'FabricScheduledRunInvalidInput',
} as const;

/** A pipeline, resolved (without logical date) and as written, for `schedule update --param`. */
export interface ScheduledPipelineTarget {
  kind: 'pipeline';
  pipeline: FabricPipelineInput;
  /** The validated pipeline file and where it came from: `schedule update` re-resolves it. */
  file: PipelineFile;
  source: string;
  /** `--param` values as given. */
  params: Record<string, string>;
}

/** One Fabric job; `{{ logicalDate }}` in its executionData / parameters is rendered per run. */
export interface ScheduledJobTarget {
  kind: 'job';
  job: RunFabricJobInput;
}

export type ScheduledTarget = ScheduledPipelineTarget | ScheduledJobTarget;

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
