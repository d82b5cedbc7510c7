/**
 * Does any worker poll the task queue a run waits on? Without one a run never moves, and the CLI
 * would otherwise wait in silence (the first progress line comes after `--progress-interval`). Temporal
 * knows: DescribeTaskQueue lists the pollers it saw recently. `run`, `start`, `pipeline run|start`,
 * `refresh`, `status` and `status --wait` say so within seconds, naming the queue and how to start a
 * worker; the run is not touched, and a waiting command goes on waiting (and says when one appears).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { CliContext } from './context.js';

/** temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL */
const KIND_NORMAL = 1;
/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW */
const TYPE_WORKFLOW = 1;
/**
 * The server keeps a poller for minutes after its last poll; an idle worker polls again at least
 * every minute (a long poll lasts up to 60 s). A poller not seen for this long is gone.
 */
const RECENT_POLL_MS = 120_000;
/** After saying "no worker", how often a waiting command looks again. */
const RECHECK_MS = 5_000;

/** A protobuf Timestamp (seconds may be a Long) in milliseconds. */
function timestampMs(ts: { seconds?: unknown; nanos?: number | null }): number {
  return Number(String(ts.seconds ?? 0)) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
}

/** `polling`: a worker polls; `none`: none polled lately; `unknown`: the server did not say (no permission, timeout). */
export type WorkerPresence = 'polling' | 'none' | 'unknown';

/** Whether a worker polls `taskQueue` for workflow tasks (one DescribeTaskQueue, at most 3 s). */
export async function workerPresence(client: Client, taskQueue: string, nowMs = Date.now()): Promise<WorkerPresence> {
  try {
    const response = await client.connection.withDeadline(Date.now() + 3_000, () =>
      client.workflowService.describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name: taskQueue, kind: KIND_NORMAL }, taskQueueType: TYPE_WORKFLOW }),
    );
    const recent = (response.pollers ?? []).some((poller) => poller.lastAccessTime && timestampMs(poller.lastAccessTime) >= nowMs - RECENT_POLL_MS);
    return recent ? 'polling' : 'none';
  } catch {
    return 'unknown';
  }
}

/** The warning: which queue, which namespace, and how to start a worker for it. */
export function noWorkerMessage(taskQueue: string, namespace: string, waiting: boolean): string {
  const goesOn = waiting ? 'the run waits (still waiting here) until one does' : 'the run waits until one does';
  return `fabric-temporal: no worker polls task queue ${JSON.stringify(taskQueue)} in namespace ${JSON.stringify(namespace)}: ${goesOn}. Start one with FABRIC_TASK_QUEUE=${taskQueue} and the same Temporal settings (\`npm run worker\`, or \`node dist/worker.js\`; see docs/operations.md)`;
}

/** One look (`start`, `pipeline start`, `status`): warns on stderr when no worker polls; resolves to what it saw. */
export async function warnWhenNoWorker(ctx: CliContext, client: Client, taskQueue: string): Promise<WorkerPresence> {
  const presence = await workerPresence(client, taskQueue);
  if (presence === 'none') ctx.info(noWorkerMessage(taskQueue, client.options.namespace, false));
  return presence;
}

/** A line on stderr while a live view may be drawn in place (the view draws itself again on its next refresh). */
function say(ctx: CliContext, line: string): void {
  ctx.io.stderr.write(`${ctx.io.stderrIsTTY ? '\r\x1b[2K' : ''}${line}\n`);
}

/**
 * While a command waits for `workflowId` (`run`, `status --wait`, their pipeline and refresh twins):
 * looks at once, warns when no worker polls the run's task queue, then looks every few seconds and
 * says when one appears. Never throws; stops when `stopped` aborts.
 */
export async function watchForWorker(ctx: CliContext, workflowId: string, stopped: AbortSignal): Promise<void> {
  try {
    const client = await ctx.client();
    const description = await client.workflow.getHandle(workflowId).describe();
    if (description.status.name !== 'RUNNING' || stopped.aborted) return;
    const { taskQueue } = description;
    if ((await workerPresence(client, taskQueue)) !== 'none' || stopped.aborted) return;
    say(ctx, noWorkerMessage(taskQueue, client.options.namespace, true));
    while (!stopped.aborted) {
      await sleep(RECHECK_MS, undefined, { signal: stopped });
      if ((await workerPresence(client, taskQueue)) === 'polling' && !stopped.aborted) {
        say(ctx, `fabric-temporal: a worker now polls task queue ${JSON.stringify(taskQueue)}; the run goes on`);
        return;
      }
    }
  } catch {
    // stopped, or Temporal did not answer: the wait itself reports what matters
  }
}
