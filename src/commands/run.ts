/**
 * `fabric-temporal run`: starts `runFabricJob` (or attaches to the run its `--workflow-id` already
 * holds with the same job) and follows it to its end, showing live progress. `followJob` is shared
 * with `status --wait`.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { RunFabricJobState } from '../shared.js';
import type { CliContext } from './context.js';
import { indented, linkLines } from './details-lines.js';
import { addProgressIntervalOption, followWithLiveView, parseProgressInterval } from './follow.js';
import { latchCtrlC } from './live-wait.js';
import { addJobOptions, startJobFromFlags, type RawJobCommandOptions } from './job-flags.js';
import { jobOfRun, outcomeLinks, runLinks } from './links.js';
import { exitCodeForOutcome } from './outcome.js';
import { printOutcome } from './print.js';
import { lineProgress, ttyProgress } from './progress.js';
import { queryState, waitForOutcome } from './run-outcome.js';

export interface FollowJobOptions {
  json: boolean;
  /** The run to follow, when known (its links name it). @default the latest run */
  runId?: string;
  /** Off a terminal, a progress line at least this often. */
  progressIntervalMs: number;
}

/** Follows the latest run of `workflowId` to its end (live view on stderr); resolves to the exit code. */
export async function followJob(ctx: CliContext, client: Client, workflowId: string, options: FollowJobOptions): Promise<number> {
  latchCtrlC(); // a run exists: from here on Ctrl-C means "stop waiting", whenever it comes
  let latest: RunFabricJobState | undefined;
  const view = ctx.io.stderrIsTTY ? ttyProgress(ctx.io.stderr) : lineProgress(ctx.io.stderr, options.progressIntervalMs);
  const handle = client.workflow.getHandle(workflowId);
  const job = await jobOfRun(client, workflowId, options.runId);
  ctx.io.stderr.write(indented(linkLines(runLinks(ctx, { workflowId, runId: options.runId, job }))));
  const startedAt = Date.now();
  const followed = await followWithLiveView(ctx, {
    workflowId,
    outcome: waitForOutcome(client, workflowId, { lastState: () => latest }),
    async refresh(stopped) {
      const state = await queryState(client, handle, 2_000);
      if (stopped.aborted) return;
      latest = state ?? latest;
      view.update(latest, Date.now() - startedAt);
    },
  });
  view.finish();
  if ('exitCode' in followed) return followed.exitCode;
  // Read again: a run given names has looked them up by now, so its ids (and names) are in the history.
  const ended = (await jobOfRun(client, workflowId, followed.outcome.outcome.runId)) ?? job;
  printOutcome(ctx, followed.outcome.outcome, options.json, outcomeLinks(ctx, followed.outcome.outcome, ended), ended);
  return exitCodeForOutcome(followed.outcome);
}

export function registerRunCommand(program: Command, ctx: CliContext): void {
  const command = addJobOptions(program.command('run').description('start a Fabric job and wait until it ends (live progress on stderr)'));
  addProgressIntervalOption(command).action(
    ctx.handler(async (raw: RawJobCommandOptions & { progressInterval?: string }) => {
      const progressIntervalMs = parseProgressInterval(raw.progressInterval);
      const { client, started, taskQueue } = await startJobFromFlags(ctx, raw);
      const { workflowId, runId, mode } = started;
      if (mode === 'started') ctx.info(`Started workflow ${workflowId} (run ${runId}) on task queue ${taskQueue}`);
      else if (mode === 'attached') ctx.info(`Workflow ${workflowId} is already running this job (run ${runId}): following it; nothing new was started`);
      else ctx.info(`Workflow ${workflowId} already ran this job; nothing new was started. How it ended:`);
      return followJob(ctx, client, workflowId, { json: raw.json === true, progressIntervalMs, runId });
    }),
  );
}
