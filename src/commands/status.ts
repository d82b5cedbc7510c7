/**
 * `fabric-temporal status <workflowId>`: the run's current status, or how it ended; with `--wait`,
 * follows it to its end with the same live view and exit codes as `run`. A semantic model refresh
 * run (started by `refresh`) is shown with its refresh fields, as `refresh` shows it.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { addWaitOptions, parseProgressInterval, type WaitFlags } from './follow.js';
import { jobOfRun, outcomeLinks } from './links.js';
import { EXIT } from './exit-codes.js';
import { exitCodeForOutcome } from './outcome.js';
import { printOutcome } from './print.js';
import { currentOutcome, describeForCommand } from './run-outcome.js';
import { followJob } from './run.js';
import { baseRefreshOutcome } from './refresh/outcome.js';
import { currentRefreshOutcome, followRefresh, isRefreshRun, printRefreshOutcome, refreshExitCode, refreshTargetOfMemo } from './refresh/follow.js';
import { addWorkflowIdCommand } from './workflow-id-command.js';
import { baseOutcome } from './outcome.js';
import { warnWhenNoWorker } from './worker-presence.js';
import { isOperationRun, operationStatus } from './operation/follow.js';

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  const spec = { name: 'status', description: 'show the status of a run: Running, or how it ended (--wait: follow it to its end)', idHelp: 'the workflow id `run` or `start` printed', options: addWaitOptions };
  addWorkflowIdCommand<WaitFlags>(program, ctx, spec, async (workflowId, json, flags) => {
    const progressIntervalMs = parseProgressInterval(flags.progressInterval);
    const client = await ctx.client();
    const description = await describeForCommand(client, workflowId, 'status'); // exit 2 when there is no such workflow
    const running = description.status.name === 'RUNNING';
    // A running run with no worker on its task queue: say so (its state query could not answer anyway).
    const noWorker = running && !flags.wait && (await warnWhenNoWorker(ctx, client, description.taskQueue)) === 'none';
    if (isOperationRun(description.type)) return operationStatus(ctx, client, workflowId, { runId: description.runId, running, wait: flags.wait === true, json, progressIntervalMs });
    if (isRefreshRun(description.type)) {
      const target = refreshTargetOfMemo(description.memo);
      if (flags.wait) {
        if (running) ctx.info(`Following workflow ${workflowId} (run ${description.runId}) until it ends…`);
        return followRefresh(ctx, client, workflowId, { json, progressIntervalMs, target });
      }
      const outcome = noWorker ? baseRefreshOutcome(workflowId, description.runId) : await currentRefreshOutcome(client, workflowId, running ? { runId: description.runId } : undefined);
      printRefreshOutcome(ctx, outcome, json, target);
      return outcome.status === 'Running' ? EXIT.ok : refreshExitCode(outcome);
    }
    if (flags.wait) {
      if (running) ctx.info(`Following workflow ${workflowId} (run ${description.runId}) until it ends…`);
      return followJob(ctx, client, workflowId, { json, progressIntervalMs, runId: description.runId });
    }
    const resolved = noWorker ? { outcome: baseOutcome(workflowId, description.runId), runSucceeded: false } : await currentOutcome(client, workflowId, description);
    const job = await jobOfRun(client, workflowId, resolved.outcome.runId);
    printOutcome(ctx, resolved.outcome, json, outcomeLinks(ctx, resolved.outcome, job), job);
    return exitCodeForOutcome(resolved);
  });
}
