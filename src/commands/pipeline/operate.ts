/**
 * Operating a pipeline run: `pipeline status`, the operator decisions `pipeline retry|skip|abort`
 * (Temporal updates, refused with a reason by the workflow's validators) and `pipeline cancel`.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { PIPELINE_ABORT_UPDATE, PIPELINE_RETRY_UPDATE, PIPELINE_SKIP_UPDATE } from '../../contracts/pipeline.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { parseWorkflowId } from '../parse/ids.js';
import { addWaitOptions, parseProgressInterval, type WaitFlags } from '../follow.js';
import { addWorkflowIdCommand } from '../workflow-id-command.js';
import { followPipeline } from './run.js';
import { pipelineInputOf, pipelineLinks } from './links.js';
import { exitCodeForPipeline } from './outcome.js';
import { printPipelineOutcome } from './print.js';
import { warnWhenNoWorker } from '../worker-presence.js';
import { currentPipelineOutcome, describePipeline, queryProgress, waitForPipeline } from './workflow-client.js';

type Decision = 'retry' | 'skip' | 'abort';
const UPDATES: Record<Decision, string> = { retry: PIPELINE_RETRY_UPDATE, skip: PIPELINE_SKIP_UPDATE, abort: PIPELINE_ABORT_UPDATE };

/** The step to decide on: the one given, or the only step waiting for a decision. */
async function chooseStep(client: Client, workflowId: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const progress = await queryProgress(client, client.workflow.getHandle(workflowId));
  const waiting = progress?.steps.filter((step) => step.awaitingDecision).map((step) => step.id) ?? [];
  if (waiting.length === 1) return waiting[0]!;
  throw new UsageError(
    waiting.length === 0 ? `no step of ${workflowId} is waiting for a decision; name the step` : `several steps wait for a decision (${waiting.join(', ')}); name one`,
  );
}

/** Sends the update; a refusal by the validator (or a run that ended) is invalid input, exit 2. */
async function sendDecision(client: Client, workflowId: string, decision: Decision, stepId: string | undefined): Promise<void> {
  try {
    const handle = client.workflow.getHandle(workflowId);
    if (stepId === undefined) await handle.executeUpdate(UPDATES[decision]);
    else await handle.executeUpdate(UPDATES[decision], { args: [stepId] });
  } catch (error) {
    const name = (error as Error | null)?.name;
    if (name === 'WorkflowUpdateFailedError') {
      const reason = (error as { cause?: { message?: string } }).cause?.message ?? 'refused';
      throw new UsageError(`${decision}${stepId ? ` ${stepId}` : ''} refused: ${reason}`);
    }
    if (name === 'WorkflowNotFoundError') throw new UsageError(`workflow ${JSON.stringify(workflowId)} has already ended; nothing to ${decision}`);
    throw error;
  }
}

function registerDecision(pipeline: Command, ctx: CliContext, decision: Decision, description: string): void {
  const command = pipeline.command(decision).description(description).argument('<workflowId>', 'the pipeline workflow id');
  if (decision !== 'abort') command.argument('[stepId]', 'the failed step (default: the only step waiting for a decision)');
  command.option('--json', 'print the pipeline as one JSON object on stdout').action(
    ctx.handler(async (rawId: string, ...rest: unknown[]) => {
      const stepArg = decision === 'abort' ? undefined : (rest[0] as string | undefined);
      const options = (decision === 'abort' ? rest[0] : rest[1]) as { json?: boolean };
      const workflowId = parseWorkflowId('<workflowId>', rawId);
      const client = await ctx.client();
      const description = await describePipeline(client, workflowId);
      if (description.status.name !== 'RUNNING') throw new UsageError(`workflow ${JSON.stringify(workflowId)} has already ended; nothing to ${decision}`);
      const stepId = decision === 'abort' ? undefined : await chooseStep(client, workflowId, stepArg);
      await sendDecision(client, workflowId, decision, stepId);
      ctx.info(decision === 'abort' ? `Abort accepted: ${workflowId} cancels its running steps, compensates and fails.` : `${decision === 'retry' ? 'Retrying' : 'Skipped'} step ${stepId} of ${workflowId}.`);
      if (options.json) ctx.json((await currentPipelineOutcome(client, workflowId)).json);
      return EXIT.ok;
    }),
  );
}

export function registerPipelineOperateCommands(pipeline: Command, ctx: CliContext): void {
  const status = {
    name: 'status',
    description: 'show a pipeline run: every step, or how it ended (--wait: follow it to its end)',
    idHelp: 'the workflow id `pipeline run` or `pipeline start` printed',
    options: addWaitOptions,
  };
  addWorkflowIdCommand<WaitFlags>(pipeline, ctx, status, async (workflowId, json, flags) => {
    const progressIntervalMs = parseProgressInterval(flags.progressInterval);
    const client = await ctx.client();
    if (flags.wait) {
      const description = await describePipeline(client, workflowId);
      if (description.status.name === 'RUNNING') ctx.info(`Following pipeline workflow ${workflowId} (run ${description.runId}) until it ends…`);
      return followPipeline(ctx, client, workflowId, description.runId, { json, progressIntervalMs });
    }
    const description = await describePipeline(client, workflowId);
    if (description.status.name === 'RUNNING') await warnWhenNoWorker(ctx, client, description.taskQueue);
    const outcome = await currentPipelineOutcome(client, workflowId);
    const input = await pipelineInputOf(client, workflowId, outcome.json.runId);
    printPipelineOutcome(ctx, outcome, json, { table: true }, pipelineLinks(ctx, workflowId, outcome.json.runId, outcome.progress, input));
    return exitCodeForPipeline(outcome.json.status);
  });

  registerDecision(pipeline, ctx, 'retry', 'run a failed step of a paused pipeline again');
  registerDecision(pipeline, ctx, 'skip', 'skip a failed step of a paused pipeline; the steps that need it run');
  registerDecision(pipeline, ctx, 'abort', 'abort a pipeline: cancel running steps, compensate, fail');

  const cancel = { name: 'cancel', description: 'cancel a pipeline (every running step and its Fabric job) and wait until it has ended', idHelp: 'the pipeline workflow id' };
  addWorkflowIdCommand(pipeline, ctx, cancel, async (workflowId, json) => {
    const client = await ctx.client();
    const description = await describePipeline(client, workflowId);
    if (description.status.name === 'RUNNING') {
      await client.workflow.getHandle(workflowId).cancel();
      ctx.info(`Cancellation requested; waiting for ${workflowId} to cancel its running steps...`);
    } else ctx.info(`Workflow ${workflowId} had already ended; nothing to cancel.`);
    const outcome = await waitForPipeline(client, workflowId, description.runId);
    const input = await pipelineInputOf(client, workflowId, description.runId);
    printPipelineOutcome(ctx, outcome, json, { table: false }, pipelineLinks(ctx, workflowId, description.runId, outcome.progress, input));
    return outcome.json.status === 'Cancelled' ? EXIT.ok : EXIT.jobNotCompleted;
  });
}
