/**
 * Driving many workflow runs from the outside: start them (retrying while Temporal is down), wait
 * until none is running, list how each ended. Uses visibility (count/list), not one long poll per run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';

/** Calls `fn` until it succeeds, waiting `delayMs` between tries, for at most `timeoutMs`. */
export async function retrying<T>(what: string, fn: () => Promise<T>, timeoutMs = 180_000, delayMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: still failing after ${timeoutMs} ms: ${String(err)}`, { cause: err });
      await sleep(delayMs);
    }
  }
}

/**
 * Starts a workflow by id, idempotently: a start that fails while Temporal is down is sent again,
 * and "already started" (an earlier try got through) counts as success.
 */
export async function startIdempotently(client: Client, workflowType: string, workflowId: string, taskQueue: string, args: unknown[]): Promise<void> {
  await retrying(`start ${workflowId}`, async () => {
    try {
      await client.workflow.start(workflowType, { workflowId, taskQueue, args });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  });
}

/** Runs `fn` over `items` with at most `concurrency` calls at a time. */
export async function forEachLimit<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
}

/** Waits until no run of the task queue is Running (visibility count), or `timeoutMs` passes. Returns the last count. */
export async function waitUntilNoneRunning(client: Client, taskQueue: string, timeoutMs: number, onTick?: (running: number) => void): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = await retrying('count running runs', async () => (await client.workflow.count(`TaskQueue="${taskQueue}" AND ExecutionStatus="Running"`)).count);
    onTick?.(running);
    if (running === 0 || Date.now() > deadline) return running;
    await sleep(2_000);
  }
}

/**
 * The last run of each workflow id of the task queue (runs that continued as new are followed to
 * the run that ended the chain).
 */
export async function lastRuns(client: Client, taskQueue: string): Promise<Map<string, WorkflowExecutionInfo>> {
  const infos = await retrying('list runs', async () => {
    const all: WorkflowExecutionInfo[] = [];
    for await (const info of client.workflow.list({ query: `TaskQueue="${taskQueue}"`, pageSize: 1000 })) all.push(info);
    return all;
  });
  const byId = new Map<string, WorkflowExecutionInfo>();
  for (const info of infos) {
    const seen = byId.get(info.workflowId);
    if (!seen || info.startTime > seen.startTime) byId.set(info.workflowId, info);
  }
  return byId;
}
