/**
 * `pipeline run <file>` (start and wait with live progress) and `pipeline start <file>` (return
 * once started). The file is validated and resolved first: an invalid one starts nothing (exit 2).
 */
import type { Command } from 'commander';
import type { PipelineProgress } from '../../contracts/pipeline.js';
import { pipelineTargets } from '../../names/index.js';
import type { CliContext } from '../context.js';
import { checkTargets, describeResolved } from '../fabric-names.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { ctrlC, waitWithLiveView } from '../live-wait.js';
import { parseWorkflowId } from '../parse/ids.js';
import { LOGICAL_DATE_ID_CONFLICT, startLogicalDatePipeline } from '../schedule/logical-date-start.js';
import { addEnvironmentOptions, collectParam, pipelineInputFromFile, type RawPipelineInputOptions } from './file-input.js';
import { exitCodeForPipeline } from './outcome.js';
import { printPipelineOutcome } from './print.js';
import { linePipelineProgress, ttyPipelineProgress } from './progress-view.js';
import { defaultPipelineWorkflowId, queryProgress, startPipelineWorkflow, waitForPipeline } from './workflow-client.js';

interface RawRunOptions extends RawPipelineInputOptions {
  workflowId?: string;
  json?: boolean;
}

function addRunOptions(command: Command): Command {
  return addEnvironmentOptions(command.argument('<file>', 'pipeline file (YAML or JSON)'))
    .option('--param <name=value>', 'set a param (repeatable); typed like its default in the file', collectParam, [])
    .option('--logical-date <yyyy-mm-dd>', '{{ logicalDate }} (default: the UTC date the run starts)')
    .option('--workflow-id <id>', 'workflow id (default pipeline-<name>-<8 hex>); an id already used is refused')
    .option('--json', 'print one JSON object on stdout');
}

async function startFromFile(ctx: CliContext, file: string, raw: RawRunOptions) {
  const workflowId = raw.workflowId === undefined ? undefined : parseWorkflowId('--workflow-id', raw.workflowId);
  if (workflowId !== undefined && raw.logicalDate !== undefined) throw new UsageError(LOGICAL_DATE_ID_CONFLICT);
  const { input, loaded } = await pipelineInputFromFile(file, raw);
  // Names are checked before anything starts (exit 2 with the closest names); the workflow resolves them again, once, in its history.
  const resolved = await checkTargets(ctx, pipelineTargets(input.steps, input.params ?? {}));
  for (const [key, target] of Object.entries(resolved)) ctx.info(`Resolved ${key}: ${describeResolved(target)}`);
  const { taskQueue, searchAttributes } = ctx.config().jobs;
  if (searchAttributes) input.searchAttributes = true;
  const client = await ctx.client();
  // A logical date's run has the schedules' identity, pipeline/<name>/<date> (docs/schedules.md).
  const handle =
    input.logicalDate !== undefined
      ? await startLogicalDatePipeline(client, taskQueue, input, loaded.pipeline)
      : await startPipelineWorkflow(client, taskQueue, input, workflowId ?? defaultPipelineWorkflowId(input.name));
  ctx.info(`Started pipeline ${input.name} as workflow ${handle.workflowId} (run ${handle.firstExecutionRunId}) on task queue ${taskQueue}`);
  return { client, handle, name: input.name };
}

export function registerPipelineRunCommands(pipeline: Command, ctx: CliContext): void {
  addRunOptions(pipeline.command('run').description('start a pipeline and wait until it ends (live progress on stderr)')).action(
    ctx.handler(async (file: string, raw: RawRunOptions) => {
      const { client, handle } = await startFromFile(ctx, file, raw);
      let latest: PipelineProgress | undefined;
      const tty = ctx.io.stderrIsTTY;
      const view = tty ? ttyPipelineProgress(ctx.io.stderr, handle.workflowId) : linePipelineProgress(ctx.io.stderr, handle.workflowId);
      const first = await waitWithLiveView({
        outcome: waitForPipeline(client, handle.workflowId, handle.firstExecutionRunId, () => latest),
        async refresh(stopped) {
          const progress = await queryProgress(client, handle);
          if (stopped.aborted || !progress) return;
          latest = progress;
          view.update(progress);
        },
        everyMs: tty ? 1_000 : 2_000,
        until: ctrlC,
      });
      if (first === 'interrupted') {
        view.finish();
        ctx.info(`Stopped waiting; the pipeline goes on. Follow it with \`fabric-temporal pipeline status ${handle.workflowId}\`.`);
        return EXIT.interrupted;
      }
      if (first.progress) view.update(first.progress);
      view.finish();
      printPipelineOutcome(ctx, first, raw.json === true, { table: false });
      return exitCodeForPipeline(first.json.status);
    }),
  );

  addRunOptions(pipeline.command('start').description('start a pipeline and return once its workflow has started')).action(
    ctx.handler(async (file: string, raw: RawRunOptions) => {
      const { handle } = await startFromFile(ctx, file, raw);
      if (raw.json) ctx.json({ workflowId: handle.workflowId, runId: handle.firstExecutionRunId });
      else {
        ctx.io.stdout.write(`${handle.workflowId}\n`);
        ctx.info(`Follow it with \`fabric-temporal pipeline status ${handle.workflowId}\`.`);
      }
      return EXIT.ok;
    }),
  );
}
