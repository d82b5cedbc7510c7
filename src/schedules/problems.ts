/**
 * What can be wrong with a schedule definition being built (apply-changes.ts), as typed problems:
 * src/schedules knows nothing of flags, the CLI words them (src/commands/schedule/problems.ts).
 */
import type { JobProblem } from '../contracts/job.js';
import type { OperationProblem } from '../contracts/fabric-operation.js';
import type { PipelineIssue } from '../pipeline/index.js';
import type { ScheduleTiming } from './definition.js';

export type ScheduleProblem =
  /** Neither a pipeline nor a job. */
  | { kind: 'noTarget' }
  /** Both a pipeline and job fields. */
  | { kind: 'pipelineAndJob' }
  /** Param values for a schedule that runs no pipeline. */
  | { kind: 'paramsWithoutPipeline' }
  /** A single-job schedule lacks job fields; `newSchedule`: no previous target to keep them from. */
  | { kind: 'missingJobFields'; fields: string[]; newSchedule: boolean }
  /** The merged job breaks a rule of the job table (src/contracts/job.ts). */
  | { kind: 'job'; problem: JobProblem }
  /**
   * A template of the job's `field` (e.g. executionData) that is malformed (`error`), or that names
   * something other than `{{ logicalDate }}` (`expression`).
   */
  | { kind: 'jobTemplate'; field: string; error?: string; expression?: string }
  /** A problem of the pipeline file from `source`, or of the params given for it. */
  | { kind: 'pipeline'; source: string; issue: PipelineIssue }
  /** An operation (`--operation`) together with a pipeline or job fields, or job fields for an operation schedule. */
  | { kind: 'operationAndOther' }
  /** The operation breaks a rule of its kind (src/contracts/fabric-operation.ts) or of the shared fields. */
  | { kind: 'operation'; problem: OperationProblem }
  /** Neither a cron expression nor an interval. */
  | { kind: 'noTiming' }
  /**
   * The timing fires more than once a day but the logical date is a day: every further run of a day
   * would be a duplicate. `firesPerDay` for a cron expression.
   */
  | { kind: 'dateTooCoarse'; timing: ScheduleTiming; firesPerDay?: number };
