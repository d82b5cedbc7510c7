/**
 * `fabricScheduledRun`: the workflow a schedule starts (also by triggers and backfills). It reads
 * the schedule's nominal time, turns it into the logical date, and runs the pipeline or job as a
 * child whose workflow id is the logical-date identity, with reuse policy ALLOW_DUPLICATE_FAILED_ONLY:
 * a date already running or completed is not run again (the run ends `duplicate`), a failed date is.
 *
 * Workflow code: deterministic, imports only @temporalio/workflow and sandbox-safe modules.
 */
import {
  ApplicationFailure,
  ChildWorkflowCancellationType,
  log,
  ParentClosePolicy,
  startChild,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { FABRIC_PIPELINE_WORKFLOW } from '../../contracts/pipeline.js';
import { FABRIC_OPERATION_WORKFLOW } from '../../contracts/fabric-operation.js';
import {
  LOGICAL_DATE_FORMATS,
  ScheduledRunFailureTypes,
  type ScheduledRunInput,
  type ScheduledRunResult,
  type ScheduledTarget,
} from '../../contracts/scheduled-run.js';
import { LOGICAL_DATE_REUSE_POLICY, logicalDateWorkflowId } from '../../schedules/identity.js';
import { formatLogicalDate, nominalTimeFromWorkflowId } from '../../schedules/logical-date.js';
import { RUN_FABRIC_JOB_WORKFLOW } from '../../shared.js';
import { renderTemplates } from '../../templates.js';

/** Search attribute Temporal sets on the workflows a schedule starts: their nominal time. */
export const SCHEDULED_START_TIME_ATTRIBUTE = 'TemporalScheduledStartTime';

function validDate(value: unknown): Date | undefined {
  if (!(value instanceof Date) && typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The run's nominal time: the TemporalScheduledStartTime search attribute, else the time the
 * schedule appended to the workflow id, else `input.nominalTime`, else the start time.
 */
export function nominalTimeOf(input: Pick<ScheduledRunInput, 'nominalTime'>): Date {
  const info = workflowInfo();
  const attribute = info.typedSearchAttributes.getAll().find((pair) => pair.key.name === SCHEDULED_START_TIME_ATTRIBUTE);
  return (
    validDate(attribute?.value) ??
    nominalTimeFromWorkflowId(info.workflowId) ??
    (input.nominalTime !== undefined ? validDate(input.nominalTime) : undefined) ??
    info.startTime
  );
}

function inputProblem(input: ScheduledRunInput): string | undefined {
  if (!input || typeof input.identity !== 'string' || input.identity === '') return 'identity must be a non-empty string';
  const rule = input.logicalDate;
  if (!rule || !(LOGICAL_DATE_FORMATS as readonly string[]).includes(rule.format)) return `logicalDate.format must be one of ${LOGICAL_DATE_FORMATS.join(', ')}`;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: rule.timeZone });
  } catch {
    return `logicalDate.timeZone ${JSON.stringify(rule.timeZone)} is not a time zone`;
  }
  const kind = (input.target as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'pipeline' && kind !== 'job' && kind !== 'operation') return 'target.kind must be "pipeline", "job" or "operation"';
  return undefined;
}

/** The child's workflow type and argument for one logical date. */
function childOf(target: ScheduledTarget, logicalDate: string): { workflowType: string; arg: unknown } {
  if (target.kind === 'pipeline') return { workflowType: FABRIC_PIPELINE_WORKFLOW, arg: { ...target.pipeline, logicalDate } };
  const context = { params: {}, steps: {}, logicalDate };
  if (target.kind === 'operation') return { workflowType: FABRIC_OPERATION_WORKFLOW, arg: renderTemplates(target.operation, context, ['operation']) };
  const job = { ...target.job };
  if (job.executionData !== undefined) job.executionData = renderTemplates(job.executionData, context, ['executionData']);
  if (job.parameters !== undefined) job.parameters = renderTemplates(job.parameters, context, ['parameters']);
  return { workflowType: RUN_FABRIC_JOB_WORKFLOW, arg: job };
}

export async function fabricScheduledRun(input: ScheduledRunInput): Promise<ScheduledRunResult> {
  const problem = inputProblem(input);
  if (problem) throw ApplicationFailure.create({ type: ScheduledRunFailureTypes.InvalidInput, message: problem, nonRetryable: true });

  const nominal = nominalTimeOf(input);
  const logicalDate = formatLogicalDate(nominal, input.logicalDate);
  const runWorkflowId = logicalDateWorkflowId(input.identity, logicalDate);
  const result: ScheduledRunResult = { logicalDate, nominalTime: nominal.toISOString(), runWorkflowId, outcome: 'completed' };
  upsertMemo({ logicalDate, runWorkflowId });

  const { workflowType, arg } = childOf(input.target, logicalDate);
  let child;
  try {
    child = await startChild(workflowType, {
      workflowId: runWorkflowId,
      args: [arg],
      workflowIdReusePolicy: LOGICAL_DATE_REUSE_POLICY,
      // Terminating or cancelling this run cancels the child, which cancels its Fabric jobs.
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
      memo: { logicalDate, scheduleId: input.scheduleId },
    });
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    log.warn(`Logical date ${logicalDate} is already running or completed (${runWorkflowId}); not run again`, { logicalDate, runWorkflowId });
    upsertMemo({ outcome: 'duplicate' });
    return { ...result, outcome: 'duplicate' };
  }
  try {
    await child.result();
  } catch (error) {
    upsertMemo({ outcome: 'failed' });
    throw error;
  }
  upsertMemo({ outcome: 'completed' });
  return result;
}
