/**
 * Input, progress and result of the `fabricPipeline` workflow, and the names of its query and
 * updates. Sandbox-safe (types and constants only): imported by the workflow, the CLI and tests.
 */
import type { FabricErrorDetails, JobSpec, JobStatus, PollInterval } from '../shared.js';
import type { JobRunDetails } from './job-details.js';
import type { ParamValue } from '../templates.js';
import type { RefreshJobSpec } from './semantic-model-refresh.js';
import type { OperationSpec } from './fabric-operation.js';

/** Name of the pipeline workflow type, for clients that start it by name. */
export const FABRIC_PIPELINE_WORKFLOW = 'fabricPipeline';

/** Query: the pipeline's {@link PipelineProgress}. */
export const PIPELINE_PROGRESS_QUERY = 'progress';
/** Update (args: [stepId]): run a failed step again. Only while the step waits for an operator. */
export const PIPELINE_RETRY_UPDATE = 'retry';
/** Update (args: [stepId]): mark a failed step skipped; the steps that need it run. */
export const PIPELINE_SKIP_UPDATE = 'skip';
/** Update (no args): cancel running steps, compensate, and fail the pipeline. */
export const PIPELINE_ABORT_UPDATE = 'abort';

/** ApplicationFailure types the pipeline workflow raises. */
export const PipelineFailureTypes = {
  /** A step failed (or an operator aborted). Details: [PipelineProgress]. */
  Failed: 'FabricPipelineFailed',
  /** The input is not a valid resolved pipeline (validate with src/pipeline first). */
  InvalidInput: 'FabricPipelineInvalidInput',
} as const;

/**
 * One Fabric job a step (or its compensation) runs: a job of the job table (src/contracts/job.ts).
 * Strings may hold `{{ }}` templates; when `timeoutMs` is reached the job is cancelled and the
 * attempt fails. Without its own `pollInterval`, the pipeline's applies.
 */
export type PipelineJobSpec = JobSpec & {
  /**
   * Set for a `kind: semanticModelRefresh` step or compensation: it runs the `semanticModelRefresh`
   * workflow with this input instead of a Fabric job. The job fields then name the same target
   * (the semantic model is a Fabric item): `itemId` is the semantic model id, `jobType`
   * `SemanticModelRefresh`.
   */
  refresh?: RefreshJobSpec;
  /**
   * Set for a step or compensation of a Fabric long-running operation kind (`kind:
   * sqlEndpointRefreshMetadata`, ...): it runs the `fabricOperation` workflow with this input. The job
   * fields then show what it acts on (`itemId` the endpoint, lakehouse, deployment pipeline or path;
   * `jobType` the kind).
   */
  operation?: OperationSpec;
};

/** How a failed step is re-run: each attempt is a new `runFabricJob` child (a new Fabric job). */
export interface PipelineStepRetry {
  /** Attempts in total, the first included. */
  maximumAttempts: number;
  /** Wait before the second attempt. @default 10_000 */
  initialIntervalMs?: number;
  /** Each later wait is the previous one times this. @default 2 */
  backoffCoefficient?: number;
  /** Longest wait between attempts. @default 100 × initialIntervalMs */
  maximumIntervalMs?: number;
}

export interface PipelineStepDefinition extends PipelineJobSpec {
  id: string;
  /** Steps that must end (completed, or failed with continueOnFailure, or skipped by an operator) first. */
  needs: string[];
  retry?: PipelineStepRetry;
  /** A failure of this step does not stop the pipeline; the steps that need it still run. @default false */
  continueOnFailure?: boolean;
  /** Run when a later step fails, after this step completed. */
  compensate?: PipelineJobSpec;
  /**
   * A condition (src/expressions): the step waits until every need has ended, however it ended,
   * then runs if the condition holds and is `skipped` otherwise. @default none (run when every need ended well)
   */
  when?: string;
}

/** What a repair run takes over from the failed run for a step that completed there: no Fabric job is started for it. */
export type PipelineRecordedStep = Pick<
  PipelineStepProgress,
  'workflowId' | 'attempts' | 'jobInstanceId' | 'jobStatus' | 'startTimeUtc' | 'endTimeUtc' | 'startedAt' | 'endedAt' | 'details'
>;

/** A repair run (`pipeline repair`): the failed run it repairs and the results of its completed steps. */
export interface PipelineRepair {
  /** Workflow id and run id of the failed run. */
  workflowId: string;
  runId: string;
  /** Completed steps of that run, by step id. */
  completed: Record<string, PipelineRecordedStep>;
}

/** Input of `fabricPipeline`: a validated, resolved pipeline (see `resolvePipeline` in src/pipeline). */
export interface FabricPipelineInput {
  name: string;
  /** Param values: the file's defaults merged with the run's overrides. @default {} */
  params?: Record<string, ParamValue>;
  /** `{{ logicalDate }}` (yyyy-mm-dd). @default the UTC date the workflow started */
  logicalDate?: string;
  /** Steps running at once. @default 4 */
  maxParallel?: number;
  /** `fail`: a failed step fails the pipeline. `pause`: it waits for retry / skip / abort. @default 'fail' */
  onFailure?: 'fail' | 'pause';
  pollInterval?: PollInterval;
  /** Task queue of the step workflows. @default the pipeline's own task queue */
  taskQueue?: string;
  /** Step workflows upsert the Fabric* search attributes (they must be registered). @default false */
  searchAttributes?: boolean;
  steps: PipelineStepDefinition[];
  /** Set by `pipeline repair`: steps that completed in the failed run are taken over, not run again. @default none */
  repair?: PipelineRepair;
}

export type PipelineStepStatus =
  | 'pending'
  | 'running'
  /** Waiting before the next attempt. */
  | 'retrying'
  | 'completed'
  | 'failed'
  | 'skipped'
  | 'cancelled'
  | 'compensating'
  | 'compensated'
  | 'compensationFailed';

export type PipelineStatus = 'running' | 'paused' | 'cancelling' | 'compensating' | 'completed' | 'failed' | 'cancelled';

export interface PipelineCompensationProgress {
  /** `cancelled`: the pipeline was cancelled while it ran (its step stays `completed`). */
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  workflowId: string;
  jobInstanceId: string | null;
  failureReason: FabricErrorDetails | null;
}

export interface PipelineStepProgress {
  id: string;
  needs: string[];
  status: PipelineStepStatus;
  /** Attempts started so far (operator retries included). */
  attempts: number;
  /** Workflow id of the current (or last) attempt's `runFabricJob`. */
  workflowId: string | null;
  /** Known once the attempt ended (while running, query the step workflow's `state`). */
  jobInstanceId: string | null;
  jobStatus: JobStatus | null;
  /** Fabric's times for the last attempt's job (UTC, as Fabric sends them). */
  startTimeUtc: string | null;
  endTimeUtc: string | null;
  /** Workflow times (ISO) when the step started its first attempt and when it ended. */
  startedAt: string | null;
  endedAt: string | null;
  failureReason: FabricErrorDetails | null;
  /** Failed, but `continueOnFailure` let the pipeline go on. */
  continued?: boolean;
  /** Failed and waiting for an operator's retry / skip / abort (onFailure: pause). */
  awaitingDecision?: boolean;
  /** Why a step was skipped: an operator, a failed need, a `when` that was false, or the pipeline stopping. */
  skipReason?: string;
  /** What the last attempt's job produced (exit value, activity runs, Spark links), when Fabric told. */
  details?: JobRunDetails;
  /** Taken over from the failed run a repair run repairs (`pipeline repair`): no job was started for it in this run. */
  reusedFrom?: { workflowId: string; runId: string };
  compensation?: PipelineCompensationProgress;
}

/** What the `progress` query returns; also the result (and failure details) of the workflow. */
export interface PipelineProgress {
  name: string;
  status: PipelineStatus;
  logicalDate: string;
  startedAt: string;
  endedAt: string | null;
  /** Why the pipeline failed or was aborted. */
  failureMessage: string | null;
  steps: PipelineStepProgress[];
}
