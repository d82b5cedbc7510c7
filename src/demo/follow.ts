/**
 * Starting the demo's pipeline and following it with the CLI's live progress view (a table
 * redrawn in place on a terminal, one line per change otherwise) until it ends or the demo stops.
 * Reuses the `pipeline run` pieces: start, progress query, outcome.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { FabricPipelineInput, PipelineProgress } from '../contracts/pipeline.js';
import type { PipelineOutcome } from '../commands/pipeline/outcome.js';
import type { PipelineProgressView } from '../commands/pipeline/progress-view.js';
import { defaultPipelineWorkflowId, queryProgress, startPipelineWorkflow, waitForPipeline } from '../commands/pipeline/workflow-client.js';

/** How often the view is refreshed. */
const REFRESH_MS = 1_000;

export interface StartedPipeline {
  workflowId: string;
  runId: string;
  handle: WorkflowHandle;
}

export async function startDemoPipeline(client: Client, taskQueue: string, input: FabricPipelineInput): Promise<StartedPipeline> {
  const handle = await startPipelineWorkflow(client, taskQueue, input, defaultPipelineWorkflowId(input.name));
  return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId, handle };
}

function aborted(signal: AbortSignal): Promise<'stopped'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('stopped');
    signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
}

/**
 * Refreshes `view` until the run ends (its outcome) or `stop` aborts (`'stopped'`). `alsoFail`
 * rejects the wait early, e.g. when the worker crashes.
 */
export async function followPipeline(
  client: Client,
  run: StartedPipeline,
  view: PipelineProgressView,
  stop: AbortSignal,
  alsoFail: Promise<never>,
): Promise<PipelineOutcome | 'stopped'> {
  const latest: { progress?: PipelineProgress } = {};
  const done = new AbortController();
  const watching = (async () => {
    while (!done.signal.aborted) {
      const progress = await queryProgress(client, run.handle);
      if (done.signal.aborted) break;
      if (progress) {
        latest.progress = progress;
        view.update(progress);
      }
      await sleep(REFRESH_MS, undefined, { signal: done.signal }).catch(() => undefined);
    }
  })();
  const outcome = waitForPipeline(client, run.workflowId, run.runId, () => latest.progress);
  outcome.catch(() => undefined);
  try {
    const first = await Promise.race([outcome, aborted(stop), alsoFail]);
    if (first !== 'stopped' && first.progress) view.update(first.progress);
    return first;
  } finally {
    done.abort();
    await watching;
    view.finish();
  }
}
