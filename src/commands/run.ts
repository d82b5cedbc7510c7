/** `fabric-temporal run`: starts `runFabricJob` and waits for it, showing live progress. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Command } from 'commander';
import type { RunFabricJobState } from '../shared.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { addJobOptions, startJobFromFlags, type RawJobCommandOptions } from './job-flags.js';
import { exitCodeForOutcome } from './outcome.js';
import { printOutcome } from './print.js';
import { lineProgress, ttyProgress, type ProgressView } from './progress.js';
import { queryState, waitForOutcome } from './run-outcome.js';

/** Queries the `state` until `signal` aborts; `latest` holds the last answer. */
async function watch(client: Client, handle: WorkflowHandle, view: ProgressView, everyMs: number, signal: AbortSignal, latest: { state?: RunFabricJobState }) {
  const startedAt = Date.now();
  while (!signal.aborted) {
    const state = await queryState(client, handle, Math.max(everyMs, 2_000));
    if (signal.aborted) break;
    if (state) latest.state = state;
    view.update(latest.state, Date.now() - startedAt);
    await sleep(everyMs, undefined, { signal }).catch(() => undefined);
  }
}

/** Resolves when the user presses Ctrl-C (the run keeps going in Temporal). */
function interrupted(signal: AbortSignal): Promise<'interrupted'> {
  return new Promise((resolve) => {
    const onSigint = () => resolve('interrupted');
    process.once('SIGINT', onSigint);
    signal.addEventListener('abort', () => process.off('SIGINT', onSigint), { once: true });
  });
}

export function registerRunCommand(program: Command, ctx: CliContext): void {
  addJobOptions(program.command('run').description('start a Fabric job and wait until it ends (live progress on stderr)')).action(
    ctx.handler(async (raw: RawJobCommandOptions) => {
      const { client, handle, taskQueue } = await startJobFromFlags(ctx, raw);
      ctx.info(`Started workflow ${handle.workflowId} (run ${handle.firstExecutionRunId}) on task queue ${taskQueue}`);

      const stop = new AbortController();
      const latest: { state?: RunFabricJobState } = {};
      const view = ctx.io.stderrIsTTY ? ttyProgress(ctx.io.stderr) : lineProgress(ctx.io.stderr);
      const watching = watch(client, handle, view, ctx.io.stderrIsTTY ? 1_000 : 2_000, stop.signal, latest);
      const outcome = waitForOutcome(client, handle.workflowId, { lastState: () => latest.state });
      outcome.catch(() => undefined);
      const first = await Promise.race([outcome, interrupted(stop.signal)]).finally(() => stop.abort());
      await watching;
      view.finish();
      if (first === 'interrupted') {
        ctx.info(
          `Stopped waiting; the run goes on. Follow it with \`fabric-temporal status ${handle.workflowId}\`, stop it with \`fabric-temporal cancel ${handle.workflowId}\`.`,
        );
        return EXIT.interrupted;
      }
      printOutcome(ctx, first.outcome, raw.json === true);
      return exitCodeForOutcome(first);
    }),
  );
}
