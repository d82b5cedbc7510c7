/**
 * `fabric-temporal status <workflowId>`: the run's current status, or how it ended; with `--wait`,
 * follows it to its end with the same live view and exit codes as `run`.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { addWaitOptions, parseProgressInterval, type WaitFlags } from './follow.js';
import { jobOfRun, outcomeLinks } from './links.js';
import { exitCodeForOutcome } from './outcome.js';
import { printOutcome } from './print.js';
import { currentOutcome, describeRun } from './run-outcome.js';
import { followJob } from './run.js';
import { addWorkflowIdCommand } from './workflow-id-command.js';

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  const spec = { name: 'status', description: 'show the status of a run: Running, or how it ended (--wait: follow it to its end)', idHelp: 'the workflow id `run` or `start` printed', options: addWaitOptions };
  addWorkflowIdCommand<WaitFlags>(program, ctx, spec, async (workflowId, json, flags) => {
    const progressIntervalMs = parseProgressInterval(flags.progressInterval);
    const client = await ctx.client();
    if (flags.wait) {
      const description = await describeRun(client, workflowId); // exit 2 when there is no such workflow
      if (description.status.name === 'RUNNING') ctx.info(`Following workflow ${workflowId} (run ${description.runId}) until it ends…`);
      return followJob(ctx, client, workflowId, { json, progressIntervalMs, runId: description.runId });
    }
    const resolved = await currentOutcome(client, workflowId);
    const job = await jobOfRun(client, workflowId, resolved.outcome.runId);
    printOutcome(ctx, resolved.outcome, json, outcomeLinks(ctx, resolved.outcome, job));
    return exitCodeForOutcome(resolved);
  });
}
