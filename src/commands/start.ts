/** `fabric-temporal start`: starts `runFabricJob` and returns at once with its ids. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { addJobOptions, startJobFromFlags, type RawJobCommandOptions } from './job-flags.js';

export function registerStartCommand(program: Command, ctx: CliContext): void {
  addJobOptions(program.command('start').description('start a Fabric job and return once the workflow has started')).action(
    ctx.handler(async (raw: RawJobCommandOptions) => {
      const { handle, taskQueue } = await startJobFromFlags(ctx, raw);
      const runId = handle.firstExecutionRunId;
      if (raw.json) ctx.json({ workflowId: handle.workflowId, runId });
      else {
        ctx.io.stdout.write(`${handle.workflowId}\n`);
        ctx.info(`Started workflow ${handle.workflowId} (run ${runId}) on task queue ${taskQueue}`);
        ctx.info(`Follow it with \`fabric-temporal status ${handle.workflowId}\`.`);
      }
      return EXIT.ok;
    }),
  );
}
