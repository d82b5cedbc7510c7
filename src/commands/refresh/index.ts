/**
 * `fabric-temporal refresh`: refreshes a Power BI semantic model with the semanticModelRefresh
 * workflow and waits for it (live progress on stderr), or returns once started with `--no-wait`.
 * `--json` prints one object on stdout. See docs/semantic-models.md.
 */
import type { Command } from 'commander';
import { SEMANTIC_MODEL_REFRESH_WORKFLOW } from '../../contracts/semantic-model-refresh.js';
import type { SemanticModelRefreshInput, SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { addProgressIntervalOption, parseProgressInterval } from '../follow.js';
import { startUnderNewId } from '../start-workflow.js';
import { latchCtrlC } from '../live-wait.js';
import { asFlag, assertConfiguredNames, configuredUses } from '../configured-names.js';
import { addFieldFlags } from '../job-flags.js';
import { REFRESH_FIELD_LIST } from '../../contracts/refresh-fields.js';
import { parseRefreshOptions, type RawRefreshOptions } from './options.js';
import { refreshNeedsResolution, refreshReference } from '../../names/index.js';
import { checkTargets, describeResolved } from '../fabric-names.js';
import { followRefresh, type RefreshTargetIds } from './follow.js';

type RefreshWorkflow = (input: SemanticModelRefreshInput) => Promise<SemanticModelRefreshResult>;

/**
 * A workspace or semantic model given by name is resolved before anything starts, with the
 * refresh's connection (the model among SemanticModel items): an unknown name exits 2 with the
 * closest ones. The workflow keeps the names and resolves them once more, in its history.
 */
async function checkRefreshNames(ctx: CliContext, input: SemanticModelRefreshInput): Promise<RefreshTargetIds> {
  if (!refreshNeedsResolution(input)) return { workspaceId: input.workspaceId!, semanticModelId: input.semanticModelId };
  const labels = { workspace: '--workspace', item: '--semantic-model' };
  const resolved = (await checkTargets(ctx, { semanticModel: refreshReference(input, labels) })).semanticModel!;
  ctx.info(`Resolved: semantic model ${describeResolved(resolved).replace(/^item /, '')}`);
  return {
    workspaceId: resolved.workspaceId,
    ...(resolved.workspaceName !== undefined && { workspaceName: resolved.workspaceName }),
    semanticModelId: resolved.itemId,
    ...(resolved.itemName !== undefined && { semanticModelName: resolved.itemName }),
  };
}

export function registerRefreshCommand(program: Command, ctx: CliContext): void {
  // The flags of the refresh table (workspace, semantic model, timeout, poll interval, connection, pool), then Power BI's options.
  const command = addFieldFlags(program.command('refresh').description('refresh a Power BI semantic model (enhanced refresh) and wait until it ends'), REFRESH_FIELD_LIST, { required: true })
    .option('--type <type>', 'Full, ClearValues, Calculate, DataOnly, Automatic or Defragment (default Full)')
    .option('--commit-mode <mode>', 'Transactional or PartialBatch (Power BI default Transactional)')
    .option('--max-parallelism <n>', 'maximum threads for parallel processing')
    .option('--retry-count <n>', 'times Power BI retries before failing')
    .option('--objects <list>', 'tables or partitions to refresh: Table or Table/Partition, comma-separated (default: the whole model)')
    .option('--apply-refresh-policy <true|false>', 'apply the incremental refresh policy')
    .option('--effective-date <date>', "overrides the incremental refresh policy's current date")
    .option('--refresh-timeout <hh:mm:ss>', "Power BI's own timeout of each refresh attempt")
    .option('--workflow-id <id>', 'workflow id (default powerbi-refresh-<uuid>); an id already used is refused')
    .option('--no-wait', 'return once the workflow has started (like `start`)')
    .option('--json', 'print one JSON object on stdout');
  addProgressIntervalOption(command).action(
    ctx.handler(async (raw: RawRefreshOptions & { progressInterval?: string }) => {
      const { workflowId, input } = parseRefreshOptions(raw);
      const progressIntervalMs = parseProgressInterval(raw.progressInterval);
      // An unknown pool or connection is refused before anything starts (exit 2), naming the configured ones.
      assertConfiguredNames(ctx, configuredUses(REFRESH_FIELD_LIST, input, asFlag));
      const config = ctx.config();
      const target = await checkRefreshNames(ctx, input);
      const client = await ctx.client();
      const taskQueue = config.jobs.taskQueue;
      const taken = `--workflow-id ${JSON.stringify(workflowId)}: a workflow with this id already exists; nothing was started`;
      const memo = { workspaceId: target.workspaceId, semanticModelId: target.semanticModelId, ...(input.connection ? { connection: input.connection } : {}) };
      // From the start request on, a run may exist: Ctrl-C then stops the waiting (hint, exit 130), never the start.
      latchCtrlC();
      const handle = await startUnderNewId<RefreshWorkflow>(
        client,
        SEMANTIC_MODEL_REFRESH_WORKFLOW,
        { taskQueue, workflowId, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE', memo },
        () => taken,
      );
      const runId = handle.firstExecutionRunId;
      ctx.info(`Started workflow ${workflowId} (run ${runId}) on task queue ${taskQueue}`);
      if (raw.wait === false) {
        if (raw.json) ctx.json({ workflowId, runId, ...target });
        else ctx.io.stdout.write(`${workflowId}\n`);
        return EXIT.ok;
      }
      return followRefresh(ctx, client, workflowId, { json: raw.json === true, progressIntervalMs, target });
    }),
  );
}
