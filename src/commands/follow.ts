/**
 * Following a run to its end with the live view — what `run`, `status --wait` and their pipeline
 * twins share: the view (in place on a terminal, plain lines with a heartbeat otherwise), the
 * `--progress-interval` flag, Ctrl-C (stop waiting, the run goes on) and the hint that names the
 * command that follows the run again.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { ctrlC, waitWithLiveView } from './live-wait.js';
import { formatDuration } from '../duration.js';
import { parseDuration } from './parse/duration.js';
import { watchForWorker } from './worker-presence.js';

/** Off a terminal, a progress line at least this often (CI services stop jobs silent for 10 minutes). */
export const DEFAULT_PROGRESS_INTERVAL_MS = 60_000;

/** Adds `--progress-interval <duration>`. */
export function addProgressIntervalOption(command: Command): Command {
  return command.option(
    '--progress-interval <duration>',
    `off a terminal, print a progress line at least this often, even when nothing changed (default ${formatDuration(DEFAULT_PROGRESS_INTERVAL_MS)})`,
  );
}

/** `--wait` and `--progress-interval` of `status` and `pipeline status`. */
export function addWaitOptions(command: Command): Command {
  return addProgressIntervalOption(command.option('--wait', 'follow the run until it ends (live progress on stderr), with the exit code `run` would give'));
}

export interface WaitFlags {
  wait?: boolean;
  progressInterval?: string;
}

/** The flag's value in milliseconds (at least 1s). @throws UsageError */
export function parseProgressInterval(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PROGRESS_INTERVAL_MS;
  const ms = parseDuration('--progress-interval', raw);
  if (ms < 1_000) throw new UsageError(`--progress-interval ${JSON.stringify(raw)}: must be at least 1s`);
  return ms;
}

/** The command that follows a run again (the Ctrl-C hint, `start`'s hint). */
export function followCommand(workflowId: string, pipeline = false): string {
  return `fabric-temporal ${pipeline ? 'pipeline ' : ''}status --wait ${workflowId}`;
}

export interface FollowSpec<T> {
  /** Resolves when the run has ended. */
  outcome: Promise<T>;
  /** Refreshes the view once (queries the run); must not throw. */
  refresh: (stopped: AbortSignal) => Promise<void>;
  workflowId: string;
  pipeline?: boolean;
}

/**
 * Waits for the run with the live view refreshed (every second on a terminal, every 2 s otherwise).
 * Resolves to the outcome, or to `EXIT.interrupted` after Ctrl-C with the hint printed.
 */
export async function followWithLiveView<T>(ctx: CliContext, spec: FollowSpec<T>): Promise<{ outcome: T } | { exitCode: number }> {
  // Meanwhile: say within seconds when no worker polls the run's task queue (the wait goes on).
  const watching = new AbortController();
  void watchForWorker(ctx, spec.workflowId, watching.signal); // never throws; silent once aborted
  let first: T | 'interrupted';
  try {
    first = await waitWithLiveView({ outcome: spec.outcome, refresh: spec.refresh, everyMs: ctx.io.stderrIsTTY ? 1_000 : 2_000, until: ctrlC });
  } finally {
    watching.abort();
  }
  if (first !== 'interrupted') return { outcome: first };
  const what = spec.pipeline ? 'pipeline' : 'run';
  const cancel = `fabric-temporal ${spec.pipeline ? 'pipeline ' : ''}cancel ${spec.workflowId}`;
  ctx.info(`Stopped waiting; the ${what} goes on. Follow it again with \`${followCommand(spec.workflowId, spec.pipeline)}\`, stop it with \`${cancel}\`.`);
  return { exitCode: EXIT.interrupted };
}
