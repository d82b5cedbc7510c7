/**
 * Pipeline integration harness: the job harness (real Temporal dev server, real emulator, real
 * worker with every workflow of src/workflows/index.ts) plus helpers to build and start pipelines.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { EmulatorJob, Scenario } from '../../src/emulator/index.js';
import { fabricPipeline } from '../../src/workflows/index.js';
import type { FabricPipelineInput, PipelineProgress, PipelineStepDefinition } from '../../src/contracts/pipeline.js';
import { PIPELINE_PROGRESS_QUERY } from '../../src/contracts/pipeline.js';
import { startHarness, type Harness } from '../workflows/harness.js';

export interface PipelineHarness extends Harness {
  workspaceId: string;
  /** A fresh item with its own scenario (short jobs, 1 s Retry-After by default). */
  item(scenario?: Scenario): Promise<string>;
  /** A step on a fresh item. */
  step(id: string, scenario?: Scenario, extra?: Partial<PipelineStepDefinition>): Promise<PipelineStepDefinition>;
  startPipeline(input: Omit<FabricPipelineInput, 'name'> & { name?: string }, workflowId?: string): Promise<WorkflowHandle<typeof fabricPipeline>>;
  /** The one emulator job of an item (fails if there is not exactly one). */
  onlyJob(itemId: string): Promise<EmulatorJob>;
  progress(handle: WorkflowHandle): Promise<PipelineProgress>;
  /** Polls the progress query until `predicate` holds (or 60 s pass). */
  waitForProgress(handle: WorkflowHandle, predicate: (progress: PipelineProgress) => boolean): Promise<PipelineProgress>;
}

export async function startPipelineHarness(): Promise<PipelineHarness> {
  const harness = await startHarness();
  const workspaceId = randomUUID();
  const item = async (scenario: Scenario = {}): Promise<string> => {
    const itemId = randomUUID();
    await harness.admin.setScenario(itemId, { retryAfterSeconds: 1, durationMs: 1_000, cancelDelayMs: 300, ...scenario });
    return itemId;
  };
  const progress = (handle: WorkflowHandle): Promise<PipelineProgress> => handle.query<PipelineProgress>(PIPELINE_PROGRESS_QUERY);
  return {
    ...harness,
    workspaceId,
    item,
    async step(id, scenario = {}, extra = {}) {
      return { id, needs: [], workspaceId, itemId: await item(scenario), jobType: 'RunNotebook', ...extra };
    },
    startPipeline(input, workflowId = `pipeline-${randomUUID()}`) {
      const full: FabricPipelineInput = { name: 'test', pollInterval: { minMs: 300, fallbackMs: 500 }, ...input };
      return harness.env.client.workflow.start(fabricPipeline, { taskQueue: harness.taskQueue, workflowId, args: [full] });
    },
    async onlyJob(itemId) {
      const jobs = await harness.admin.jobs(itemId);
      if (jobs.length !== 1) throw new Error(`expected one job of item ${itemId}, found ${jobs.length}`);
      return jobs[0]!;
    },
    progress,
    async waitForProgress(handle, predicate) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const current = await progress(handle);
        if (predicate(current)) return current;
        if (Date.now() > deadline) throw new Error(`progress never matched; last: ${JSON.stringify(current)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

/** The failure details of a failed pipeline (its progress), or throws if it did not fail that way. */
export async function failedProgress(handle: WorkflowHandle): Promise<{ message: string; type: string | undefined; progress: PipelineProgress }> {
  try {
    await handle.result();
  } catch (error) {
    const cause = (error as { cause?: { message: string; type?: string; details?: unknown[] } }).cause;
    if (cause?.details?.[0]) return { message: cause.message, type: cause.type, progress: cause.details[0] as PipelineProgress };
    throw error;
  }
  throw new Error('the pipeline completed');
}

/** Largest number of intervals open at once. */
export function maxOverlap(intervals: readonly [number, number][]): number {
  const events = intervals.flatMap(([start, end]) => [[start, 1] as const, [end, -1] as const]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, delta] of events) max = Math.max(max, (open += delta));
  return max;
}
