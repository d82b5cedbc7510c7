/**
 * `pipeline run <file>` (start and wait with live progress) and `pipeline start <file>` (return
 * once started). The file is validated and resolved first: an invalid one starts nothing (exit 2).
 * A `--workflow-id` that already holds the same pipeline is followed instead of started again.
 * `followPipeline` is shared with `pipeline status --wait`.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { PipelineProgress } from '../../contracts/pipeline.js';
import { pipelineTargets } from '../../names/index.js';
import type { StartMode } from '../attach.js';
import type { CliContext } from '../context.js';
import { checkTargets, describeResolved } from '../fabric-names.js';
import { assertConfiguredNames, pipelineConfiguredUses } from '../configured-names.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { addProgressIntervalOption, followCommand, followWithLiveView, parseProgressInterval } from '../follow.js';
import { latchCtrlC } from '../live-wait.js';
import { indented, linkLines } from '../details-lines.js';
import { parseWorkflowId } from '../parse/ids.js';
import { assertPayloadFits } from '../payload-limit.js';
import { LOGICAL_DATE_ID_CONFLICT, startLogicalDatePipeline } from '../schedule/logical-date-start.js';
import { addEnvironmentOptions, collectParam, pipelineInputFromFile, type RawPipelineInputOptions } from './file-input.js';
import { pipelineInputOf, pipelineLinks } from './links.js';
import { exitCodeForPipeline } from './outcome.js';
import { printPipelineOutcome } from './print.js';
import { linePipelineProgress, ttyPipelineProgress } from './progress-view.js';
import { defaultPipelineWorkflowId, queryProgress, startPipelineWorkflow, waitForPipeline } from './workflow-client.js';

interface RawRunOptions extends RawPipelineInputOptions {
  workflowId?: string;
  json?: boolean;
  progressInterval?: string;
}

function addRunOptions(command: Command): Command {
  return addEnvironmentOptions(command.argument('<file>', 'pipeline file (YAML or JSON)'))
    .option('--param <name=value>', 'set a param (repeatable); typed like its default in the file', collectParam, [])
    .option('--logical-date <yyyy-mm-dd>', '{{ logicalDate }} (default: the UTC date the run starts)')
    .option('--workflow-id <id>', 'workflow id (default pipeline-<name>-<8 hex>); an id that holds this same pipeline is followed, not started again; one that holds another is refused')
    .option('--json', 'print one JSON object on stdout');
}

async function startFromFile(ctx: CliContext, file: string, raw: RawRunOptions) {
  const workflowId = raw.workflowId === undefined ? undefined : parseWorkflowId('--workflow-id', raw.workflowId);
  if (workflowId !== undefined && raw.logicalDate !== undefined) throw new UsageError(LOGICAL_DATE_ID_CONFLICT);
  const { input, loaded } = await pipelineInputFromFile(file, raw);
  const fields = Object.fromEntries(input.steps.map((step, i) => [`${file}: steps[${i}] (${step.id})`, step]));
  assertPayloadFits(input, { '--param (params)': input.params, ...fields });
  // An unknown pool or connection of a step or compensation is refused before anything starts (exit 2).
  assertConfiguredNames(ctx, pipelineConfiguredUses(input, file));
  const { taskQueue, searchAttributes } = ctx.config().jobs;
  // Names are checked before anything starts (exit 2 with the closest names); the workflow resolves them again, once, in its history.
  const resolved = await checkTargets(ctx, pipelineTargets(input.steps, input.params ?? {}));
  for (const [key, target] of Object.entries(resolved)) ctx.info(`Resolved ${key}: ${describeResolved(target)}`);
  if (searchAttributes) input.searchAttributes = true;
  const client = await ctx.client();
  // A logical date's run has the schedules' identity, pipeline/<name>/<date> (docs/schedules.md).
  let started: { workflowId: string; runId: string; mode: StartMode };
  // From the start request on, a run may exist: Ctrl-C then stops the waiting (hint, exit 130), never the start.
  latchCtrlC();
  if (input.logicalDate !== undefined) {
    const handle = await startLogicalDatePipeline(client, taskQueue, input, loaded.pipeline);
    started = { workflowId: handle.workflowId, runId: handle.firstExecutionRunId, mode: 'started' };
  } else {
    started = await startPipelineWorkflow(client, taskQueue, input, workflowId ?? defaultPipelineWorkflowId(input.name));
  }
  const { mode, runId } = started;
  if (mode === 'started') ctx.info(`Started pipeline ${input.name} as workflow ${started.workflowId} (run ${runId}) on task queue ${taskQueue}`);
  else if (mode === 'attached') ctx.info(`Workflow ${started.workflowId} is already running pipeline ${input.name} (run ${runId}): following it; nothing new was started`);
  else ctx.info(`Workflow ${started.workflowId} already ran pipeline ${input.name}; nothing new was started. How it ended:`);
  return { client, ...started };
}

export interface FollowPipelineOptions {
  json: boolean;
  /** Off a terminal, a progress line at least this often. */
  progressIntervalMs: number;
}

/** Follows the pipeline run to its end (live view on stderr), prints the outcome; resolves to the exit code. */
export async function followPipeline(ctx: CliContext, client: Client, workflowId: string, runId: string, options: FollowPipelineOptions): Promise<number> {
  latchCtrlC(); // a run exists: from here on Ctrl-C means "stop waiting", whenever it comes
  const input = await pipelineInputOf(client, workflowId, runId);
  ctx.io.stderr.write(indented(linkLines(pipelineLinks(ctx, workflowId, runId, undefined, input))));
  let latest: PipelineProgress | undefined;
  const handle = client.workflow.getHandle(workflowId, runId);
  const view = ctx.io.stderrIsTTY ? ttyPipelineProgress(ctx.io.stderr, workflowId) : linePipelineProgress(ctx.io.stderr, workflowId, options.progressIntervalMs);
  const followed = await followWithLiveView(ctx, {
    workflowId,
    pipeline: true,
    outcome: waitForPipeline(client, workflowId, runId, () => latest),
    async refresh(stopped) {
      const progress = await queryProgress(client, handle);
      if (stopped.aborted) return;
      latest = progress ?? latest;
      if (latest) view.update(latest);
    },
  });
  if ('exitCode' in followed) {
    view.finish();
    return followed.exitCode;
  }
  const outcome = followed.outcome;
  if (outcome.progress) view.update(outcome.progress);
  view.finish();
  // Read again: names are resolved by the run after it starts, and the links are built from the ids.
  const ended = (await pipelineInputOf(client, workflowId, runId)) ?? input;
  printPipelineOutcome(ctx, outcome, options.json, { table: false }, pipelineLinks(ctx, workflowId, runId, outcome.progress, ended));
  return exitCodeForPipeline(outcome.json.status);
}

export function registerPipelineRunCommands(pipeline: Command, ctx: CliContext): void {
  const run = addRunOptions(pipeline.command('run').description('start a pipeline and wait until it ends (live progress on stderr)'));
  addProgressIntervalOption(run).action(
    ctx.handler(async (file: string, raw: RawRunOptions) => {
      const progressIntervalMs = parseProgressInterval(raw.progressInterval);
      const { client, workflowId, runId } = await startFromFile(ctx, file, raw);
      return followPipeline(ctx, client, workflowId, runId, { json: raw.json === true, progressIntervalMs });
    }),
  );

  addRunOptions(pipeline.command('start').description('start a pipeline and return once its workflow has started')).action(
    ctx.handler(async (file: string, raw: RawRunOptions) => {
      const { workflowId, runId } = await startFromFile(ctx, file, raw);
      if (raw.json) ctx.json({ workflowId, runId });
      else {
        ctx.io.stdout.write(`${workflowId}\n`);
        ctx.info(`Follow it with \`${followCommand(workflowId, true)}\`.`);
      }
      return EXIT.ok;
    }),
  );
}
