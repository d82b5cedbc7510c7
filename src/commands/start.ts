/** `fabric-temporal start`: starts `runFabricJob` (or finds the run its `--workflow-id` holds) and returns at once with its ids. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { followCommand } from './follow.js';
import { addJobOptions, startJobFromFlags, type RawJobCommandOptions } from './job-flags.js';
import { warnWhenNoWorker } from './worker-presence.js';

export function registerStartCommand(program: Command, ctx: CliContext): void {
  addJobOptions(program.command('start').description('start a Fabric job and return once the workflow has started')).action(
    ctx.handler(async (raw: RawJobCommandOptions) => {
      const { client, started, taskQueue } = await startJobFromFlags(ctx, raw);
      const { workflowId, runId, mode } = started;
      if (mode !== 'ended') await warnWhenNoWorker(ctx, client, taskQueue);
      if (raw.json) ctx.json({ workflowId, runId });
      else {
        ctx.io.stdout.write(`${workflowId}\n`);
        if (mode === 'started') ctx.info(`Started workflow ${workflowId} (run ${runId}) on task queue ${taskQueue}`);
        else ctx.info(`Workflow ${workflowId} ${mode === 'attached' ? 'is already running' : 'already ran'} this job (run ${runId}); nothing new was started.`);
        ctx.info(`Follow it with \`${followCommand(workflowId)}\`.`);
      }
      return EXIT.ok;
    }),
  );
}
