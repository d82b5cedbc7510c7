/** `fabric-temporal run`: starts `runFabricJob` and waits for it, showing live progress. */
import type { Command } from 'commander';
import type { RunFabricJobState } from '../shared.js';
import type { CliContext } from './context.js';
import { indented, linkLines } from './details-lines.js';
import { EXIT } from './exit-codes.js';
import { addJobOptions, startJobFromFlags, type RawJobCommandOptions } from './job-flags.js';
import { jobOfRun, outcomeLinks, runLinks } from './links.js';
import { ctrlC, waitWithLiveView } from './live-wait.js';
import { exitCodeForOutcome } from './outcome.js';
import { printOutcome } from './print.js';
import { lineProgress, ttyProgress } from './progress.js';
import { queryState, waitForOutcome } from './run-outcome.js';

export function registerRunCommand(program: Command, ctx: CliContext): void {
  addJobOptions(program.command('run').description('start a Fabric job and wait until it ends (live progress on stderr)')).action(
    ctx.handler(async (raw: RawJobCommandOptions) => {
      const { client, handle, taskQueue } = await startJobFromFlags(ctx, raw);
      ctx.info(`Started workflow ${handle.workflowId} (run ${handle.firstExecutionRunId}) on task queue ${taskQueue}`);
      const job = await jobOfRun(client, handle.workflowId, handle.firstExecutionRunId);
      ctx.io.stderr.write(indented(linkLines(runLinks(ctx, { workflowId: handle.workflowId, runId: handle.firstExecutionRunId, job }))));

      let latest: RunFabricJobState | undefined;
      const view = ctx.io.stderrIsTTY ? ttyProgress(ctx.io.stderr) : lineProgress(ctx.io.stderr);
      const everyMs = ctx.io.stderrIsTTY ? 1_000 : 2_000;
      const startedAt = Date.now();
      const first = await waitWithLiveView({
        outcome: waitForOutcome(client, handle.workflowId, { lastState: () => latest }),
        async refresh(stopped) {
          const state = await queryState(client, handle, Math.max(everyMs, 2_000));
          if (stopped.aborted) return;
          latest = state ?? latest;
          view.update(latest, Date.now() - startedAt);
        },
        everyMs,
        until: ctrlC,
      });
      view.finish();
      if (first === 'interrupted') {
        ctx.info(
          `Stopped waiting; the run goes on. Follow it with \`fabric-temporal status ${handle.workflowId}\`, stop it with \`fabric-temporal cancel ${handle.workflowId}\`.`,
        );
        return EXIT.interrupted;
      }
      printOutcome(ctx, first.outcome, raw.json === true, outcomeLinks(ctx, first.outcome, job));
      return exitCodeForOutcome(first);
    }),
  );
}
