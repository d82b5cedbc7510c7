/** `fabric-temporal status <workflowId>`: the run's current status, or how it ended. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { jobOfRun, outcomeLinks } from './links.js';
import { exitCodeForOutcome } from './outcome.js';
import { printOutcome } from './print.js';
import { currentOutcome } from './run-outcome.js';
import { addWorkflowIdCommand } from './workflow-id-command.js';

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  const spec = { name: 'status', description: 'show the status of a run: Running, or how it ended', idHelp: 'the workflow id `run` or `start` printed' };
  addWorkflowIdCommand(program, ctx, spec, async (workflowId, json) => {
    const client = await ctx.client();
    const resolved = await currentOutcome(client, workflowId);
    const job = await jobOfRun(client, workflowId, resolved.outcome.runId);
    printOutcome(ctx, resolved.outcome, json, outcomeLinks(ctx, resolved.outcome, job));
    return exitCodeForOutcome(resolved);
  });
}
