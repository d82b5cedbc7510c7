/**
 * `pipeline repair <workflowId>`: a new run of a failed (cancelled, terminated, timed out) pipeline
 * run, with the same pipeline, params and logical date, under the same workflow id. The steps that
 * completed in that run are taken over with their recorded results (no Fabric job is started for
 * them); the failed, skipped, cancelled, compensated and never-run steps run. See docs/pipelines.md.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { dateTakenMessage, LOGICAL_DATE_REUSE_POLICY } from '../../schedules/identity.js';
import {
  FABRIC_PIPELINE_WORKFLOW,
  type FabricPipelineInput,
  type PipelineProgress,
  type PipelineRecordedStep,
} from '../../contracts/pipeline.js';
import type { CliContext } from '../context.js';
import { DEFAULT_PROGRESS_INTERVAL_MS } from '../follow.js';
import { UsageError } from '../errors.js';
import { parseWorkflowId } from '../parse/ids.js';
import { startUnderNewId } from '../start-workflow.js';
import { latchCtrlC } from '../live-wait.js';
import { recordedWorkflowInput } from '../workflow-input.js';
import { followPipeline } from './run.js';
import { describePipeline, waitForPipeline } from './workflow-client.js';

/** The input the run was started with. */
async function recordedInput(client: Client, workflowId: string, runId: string): Promise<FabricPipelineInput> {
  const input = await recordedWorkflowInput(client, workflowId, runId);
  if (typeof input !== 'object' || input === null || !Array.isArray((input as FabricPipelineInput).steps)) {
    throw new UsageError(`cannot read the input of workflow ${JSON.stringify(workflowId)} (run ${runId}) from its history`);
  }
  return input as FabricPipelineInput;
}

/** The completed steps of a run: what a repair run takes over. Compensated steps were undone, so they run again. */
export function completedSteps(progress: PipelineProgress): Record<string, PipelineRecordedStep> {
  const completed: Record<string, PipelineRecordedStep> = {};
  for (const step of progress.steps) {
    if (step.status !== 'completed') continue;
    const { workflowId, attempts, jobInstanceId, jobStatus, startTimeUtc, endTimeUtc, startedAt, endedAt, details } = step;
    completed[step.id] = { workflowId, attempts, jobInstanceId, jobStatus, startTimeUtc, endTimeUtc, startedAt, endedAt, ...(details && { details }) };
  }
  return completed;
}

/** The repair run's input: the failed run's own, its logical date pinned, its completed steps taken over. */
export function repairInput(input: FabricPipelineInput, progress: PipelineProgress, workflowId: string, runId: string): FabricPipelineInput {
  return { ...input, logicalDate: progress.logicalDate, repair: { workflowId, runId, completed: completedSteps(progress) } };
}

export function registerPipelineRepairCommand(pipeline: Command, ctx: CliContext): void {
  pipeline
    .command('repair')
    .description('run a failed pipeline again under the same id, reusing the results of the steps that completed')
    .argument('<workflowId>', 'the failed pipeline run')
    .option('--json', 'print one JSON object on stdout')
    .action(
      ctx.handler(async (rawId: string, options: { json?: boolean }) => {
        const workflowId = parseWorkflowId('<workflowId>', rawId);
        const client = await ctx.client();
        const description = await describePipeline(client, workflowId);
        const status = description.status.name;
        if (status === 'RUNNING') throw new UsageError(`workflow ${JSON.stringify(workflowId)} is still running; nothing to repair (cancel it first, or let it end)`);
        if (status === 'COMPLETED') throw new UsageError(`workflow ${JSON.stringify(workflowId)} completed; nothing to repair`);
        const { runId } = description;
        const input = await recordedInput(client, workflowId, runId);
        const { progress } = await waitForPipeline(client, workflowId, runId);
        if (!progress) throw new UsageError(`cannot read the steps of workflow ${JSON.stringify(workflowId)} (run ${runId}): is a worker running?`);
        const repaired = repairInput(input, progress, workflowId, runId);
        const reused = Object.keys(repaired.repair!.completed);
        const { taskQueue } = ctx.config().jobs;
        // The same id, started only if every earlier run of it failed: a logical date never runs twice at once.
        // From the start request on, a run may exist: Ctrl-C then stops the waiting (hint, exit 130), never the start.
        latchCtrlC();
        const handle = await startUnderNewId(
          client,
          FABRIC_PIPELINE_WORKFLOW,
          {
            taskQueue,
            workflowId,
            args: [repaired],
            workflowIdReusePolicy: LOGICAL_DATE_REUSE_POLICY,
            workflowIdConflictPolicy: 'FAIL',
            memo: { pipeline: repaired.name, logicalDate: progress.logicalDate, repairOf: runId },
          },
          async () => dateTakenMessage(workflowId, progress.logicalDate, await client.workflow.getHandle(workflowId).describe().then((d) => d.status.name, () => undefined)),
        );
        ctx.info(
          `Repairing pipeline ${repaired.name} (workflow ${workflowId}, run ${handle.firstExecutionRunId} repairs ${runId}): ` +
            (reused.length > 0 ? `reusing ${reused.join(', ')}; ` : 'no step completed; ') +
            `running ${progress.steps.filter((s) => !reused.includes(s.id)).map((s) => s.id).join(', ')}`,
        );
        return followPipeline(ctx, client, handle.workflowId, handle.firstExecutionRunId, { json: options.json === true, progressIntervalMs: DEFAULT_PROGRESS_INTERVAL_MS });
      }),
    );
}
