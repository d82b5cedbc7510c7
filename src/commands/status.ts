/** `fabric-temporal status <workflowId>`: the run's current status, or how it ended. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { exitCodeForOutcome } from './outcome.js';
import { parseWorkflowId } from './parse/ids.js';
import { printOutcome } from './print.js';
import { currentOutcome } from './run-outcome.js';

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('show the status of a run: Running, or how it ended')
    .argument('<workflowId>', 'the workflow id `run` or `start` printed')
    .option('--json', 'print one JSON object on stdout')
    .action(
      ctx.handler(async (rawId: string, options: { json?: boolean }) => {
        const workflowId = parseWorkflowId('<workflowId>', rawId);
        const client = await ctx.client();
        const resolved = await currentOutcome(client, workflowId);
        printOutcome(ctx, resolved.outcome, options.json === true);
        return exitCodeForOutcome(resolved);
      }),
    );
}
