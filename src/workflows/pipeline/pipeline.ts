/**
 * The `fabricPipeline` workflow: runs a validated pipeline's steps as `runFabricJob` children, each
 * as soon as its needs have ended, at most `maxParallel` at a time. See docs/pipelines.md.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineQuery,
  defineUpdate,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { resolvePipelineSteps } from '../names/fabric-names.js';
import { inputProblem } from './pipeline-input.js';
import { applyRetry, applySkip, refuseAbort, refuseDecision, requestAbort } from './pipeline-decisions.js';
import { PipelineRunState } from './pipeline-state.js';
import { StepRunner } from './pipeline-steps.js';
import {
  PIPELINE_ABORT_UPDATE,
  PIPELINE_PROGRESS_QUERY,
  PIPELINE_RETRY_UPDATE,
  PIPELINE_SKIP_UPDATE,
  PipelineFailureTypes,
  type FabricPipelineInput,
  type PipelineProgress,
  type PipelineStepProgress,
} from '../../contracts/pipeline.js';

export const pipelineProgressQuery = defineQuery<PipelineProgress>(PIPELINE_PROGRESS_QUERY);
export const pipelineRetryUpdate = defineUpdate<PipelineStepProgress, [string]>(PIPELINE_RETRY_UPDATE);
export const pipelineSkipUpdate = defineUpdate<PipelineStepProgress, [string]>(PIPELINE_SKIP_UPDATE);
export const pipelineAbortUpdate = defineUpdate<PipelineProgress, []>(PIPELINE_ABORT_UPDATE);

const now = (): string => new Date().toISOString();

/** Runs a pipeline. Completes with its progress; fails with `FabricPipelineFailed` (details: [progress]). */
export async function fabricPipeline(input: FabricPipelineInput): Promise<PipelineProgress> {
  const problem = inputProblem(input);
  if (problem) throw ApplicationFailure.create({ type: PipelineFailureTypes.InvalidInput, message: problem, nonRetryable: true });
  // Workspaces and items given by name: resolved once for every step and compensation (one activity in the history).
  const named = await resolvePipelineSteps(input.steps, input.params).catch((err: unknown) => {
    throw err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
  });
  if (Object.keys(named.resolved).length > 0) input = { ...input, steps: named.steps };

  const info = workflowInfo();
  const logicalDate = input.logicalDate ?? info.startTime.toISOString().slice(0, 10);
  const state = new PipelineRunState(input, logicalDate, now());
  const runner = new StepRunner(state, info.workflowId);

  setHandler(pipelineProgressQuery, () => state.progress());
  const decision = { validator: (stepId: string) => refuse(refuseDecision(state, stepId)) };
  setHandler(pipelineRetryUpdate, (stepId) => (applyRetry(state, stepId), state.step(stepId)), decision);
  setHandler(pipelineSkipUpdate, (stepId) => (applySkip(state, stepId), state.step(stepId)), decision);
  setHandler(pipelineAbortUpdate, () => (requestAbort(state), state.progress()), { validator: () => refuse(refuseAbort(state)) });

  try {
    for (;;) {
      state.propagateSkips();
      state.decideConditions();
      // A failure stops the run at once, unless a conditional step (a failure branch) is still to be decided.
      if (state.abortRequested || (runner.fatal && !state.hasUndecidedConditions())) break;
      for (const step of state.startable()) runner.launch(step);
      if (state.isSettled()) break;
      const seen = state.version;
      await condition(() => state.version !== seen);
    }
    if (state.abortRequested || runner.fatal) {
      state.failureMessage = state.abortRequested ? 'aborted by an operator' : runner.fatal;
      state.stop('compensating', state.abortRequested ? 'the pipeline was aborted' : 'the pipeline failed');
      runner.cancelAll();
      await runner.allSettled();
      await runner.compensate();
      state.finish('failed', now());
      await condition(allHandlersFinished);
      throw ApplicationFailure.create({
        type: PipelineFailureTypes.Failed,
        message: `pipeline "${input.name}": ${state.failureMessage}`,
        details: [state.progress()],
        nonRetryable: true,
      });
    }
    state.finish('completed', now());
    await condition(allHandlersFinished);
    return state.progress();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // Cancelled: every running step is cancelled with it (child scopes); wait for their Fabric cancels.
    state.stop('cancelling', 'the pipeline was cancelled');
    await CancellationScope.nonCancellable(() => runner.allSettled());
    state.finish('cancelled', now());
    throw error;
  }
}

function refuse(reason: string | undefined): void {
  if (reason) throw new Error(reason);
}
