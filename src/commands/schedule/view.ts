/**
 * What `schedule describe` (and `list`) show: the definition, the next runs with their logical
 * dates, and the recent runs with their outcome (from each scheduled workflow's status and memo).
 */
import type { OperationSpec } from '../../contracts/fabric-operation.js';
import type { Client, ScheduleDescription, ScheduleExecutionResult } from '@temporalio/client';
import { definitionFromDescription } from '../../schedules/read-back.js';
import type { ScheduleDefinition } from '../../schedules/definition.js';
import { formatLogicalDate } from '../../schedules/logical-date.js';
import { overlapName } from '../../schedules/overlap.js';
import { SCHEDULED_RUN_MEMO } from '../../contracts/scheduled-run.js';
import { formatDuration } from '../../duration.js';

export const RUN_STATUSES = ['Running', 'Completed', 'Duplicate', 'Failed', 'Cancelled', 'Terminated', 'TimedOut', 'Unknown'] as const;
/** `Duplicate`: the run found its logical date already running or completed and did nothing. */
export type ScheduledRunStatus = (typeof RUN_STATUSES)[number];

export interface ScheduledRunView {
  logicalDate: string | null;
  status: ScheduledRunStatus;
  /** The scheduled workflow (`scheduled/<id>-<time>`) and the run it started for the date. */
  workflowId: string;
  runId: string;
  runWorkflowId: string | null;
  scheduledAt: string;
  takenAt: string;
}

export type TargetView =
  | { kind: 'pipeline'; name: string; source: string; params: Record<string, string> }
  /** `jobType`: null when the item's type chooses it at each run (a job given by names without one). */
  | { kind: 'job'; workspaceId: string; itemId: string; jobType: string | null; executionData: Record<string, unknown> | null }
  | { kind: 'operation'; operation: OperationSpec }
  | { kind: 'other'; workflowType: string };

export interface ScheduleView {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  target: TargetView;
  cron: string | null;
  every: string | null;
  timeZone: string;
  logicalDateFormat: string | null;
  /** Run workflow ids are `<identity>/<logicalDate>`. */
  identity: string | null;
  overlap: string;
  catchupWindow: string;
  pauseOnFailure: boolean;
  nextRuns: { at: string; logicalDate: string | null }[];
  recentRuns: ScheduledRunView[];
  runningWorkflowIds: string[];
  actionsTaken: number;
  skippedOverlap: number;
  missedCatchupWindow: number;
}

const BY_STATUS: Readonly<Record<string, ScheduledRunStatus>> = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  TERMINATED: 'Terminated',
  TIMED_OUT: 'TimedOut',
};

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

async function runView(client: Client, action: ScheduleExecutionResult, definition: ScheduleDefinition | undefined): Promise<ScheduledRunView> {
  const { workflowId, firstExecutionRunId: runId } = action.action.workflow;
  const view: ScheduledRunView = {
    logicalDate: definition ? formatLogicalDate(action.scheduledAt, { format: definition.logicalDateFormat, timeZone: definition.timeZone }) : null,
    status: 'Unknown',
    workflowId,
    runId,
    runWorkflowId: null,
    scheduledAt: action.scheduledAt.toISOString(),
    takenAt: action.takenAt.toISOString(),
  };
  try {
    const described = await client.workflow.getHandle(workflowId, runId).describe();
    const memo = described.memo ?? {};
    view.logicalDate = text(memo[SCHEDULED_RUN_MEMO.logicalDate]) ?? view.logicalDate;
    view.runWorkflowId = text(memo[SCHEDULED_RUN_MEMO.runWorkflowId]);
    view.status = BY_STATUS[described.status.name] ?? 'Unknown';
    if (view.status === 'Completed' && memo[SCHEDULED_RUN_MEMO.outcome] === 'duplicate') view.status = 'Duplicate';
  } catch (error) {
    if ((error as Error | null)?.name !== 'WorkflowNotFoundError') throw error;
  }
  return view;
}

function targetView(description: ScheduleDescription, definition: ScheduleDefinition | undefined): TargetView {
  const target = definition?.target;
  if (!target) return { kind: 'other', workflowType: description.action.workflowType };
  if (target.kind === 'pipeline') return { kind: 'pipeline', name: target.pipeline.name, source: target.source, params: target.params };
  if (target.kind === 'operation') return { kind: 'operation', operation: target.operation };
  const { workspaceId, itemId, jobType, executionData } = target.job;
  return { kind: 'job', workspaceId, itemId, jobType: jobType?.trim() ? jobType : null, executionData: executionData ?? null };
}

/** The view of a described schedule; recent runs are looked up in Temporal. */
export async function scheduleView(client: Client, description: ScheduleDescription): Promise<ScheduleView> {
  const read = definitionFromDescription(description);
  const definition = read.ok ? read.definition : undefined;
  const rule = definition ? { format: definition.logicalDateFormat, timeZone: definition.timeZone } : undefined;
  const recentRuns: ScheduledRunView[] = [];
  for (const action of [...description.info.recentActions].reverse()) recentRuns.push(await runView(client, action, definition));
  return {
    scheduleId: description.scheduleId,
    paused: description.state.paused,
    note: description.state.note ?? null,
    target: targetView(description, definition),
    cron: definition?.timing.kind === 'cron' ? definition.timing.expression : null,
    every: definition?.timing.kind === 'every' ? formatDuration(definition.timing.everyMs) : null,
    timeZone: description.spec.timezone ?? 'UTC',
    logicalDateFormat: definition?.logicalDateFormat ?? null,
    identity: definition?.identity ?? null,
    overlap: overlapName(description.policies.overlap),
    catchupWindow: formatDuration(description.policies.catchupWindow),
    pauseOnFailure: description.policies.pauseOnFailure,
    nextRuns: description.info.nextActionTimes.map((at) => ({ at: at.toISOString(), logicalDate: rule ? formatLogicalDate(at, rule) : null })),
    recentRuns,
    runningWorkflowIds: description.info.runningActions.map((a) => a.workflow.workflowId),
    actionsTaken: description.info.numActionsTaken,
    skippedOverlap: description.info.numActionsSkippedOverlap,
    missedCatchupWindow: description.info.numActionsMissedCatchupWindow,
  };
}
