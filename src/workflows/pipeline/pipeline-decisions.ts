/**
 * The operator's decisions on a pipeline run (the `retry`, `skip` and `abort` updates): when each is
 * refused, and what it changes in the run's bookkeeping. Pure (no Temporal calls).
 */
import { SKIPPED_BY_OPERATOR, type PipelineRunState } from './pipeline-state.js';

/** Why an abort is refused, or undefined when it is allowed. */
export function refuseAbort(state: PipelineRunState): string | undefined {
  if (state.abortRequested) return 'the pipeline is already aborting';
  return state.status === 'running' || state.status === 'paused' ? undefined : `the pipeline is ${state.status}`;
}

/** Records the abort; the workflow acts on it at its next turn. */
export function requestAbort(state: PipelineRunState): void {
  state.abortRequested = true;
  state.touch();
}

/** Why a retry or skip of `stepId` is refused, or undefined when it is allowed. */
export function refuseDecision(state: PipelineRunState, stepId: unknown): string | undefined {
  if (typeof stepId !== 'string') return 'a step id is required';
  if (state.abortRequested) return 'the pipeline is aborting';
  const step = state.steps.find((candidate) => candidate.id === stepId);
  if (!step) return `unknown step "${stepId}" (steps: ${state.steps.map((s) => s.id).join(', ')})`;
  if (!step.awaitingDecision) return `step "${stepId}" is ${step.status}, not failed and waiting for a decision`;
  return undefined;
}

/** The failed step is offered again (its attempts keep counting). */
export function applyRetry(state: PipelineRunState, id: string): void {
  Object.assign(state.step(id), { status: 'pending', awaitingDecision: undefined });
  state.touch();
}

/** The failed step is skipped; the steps that need it may run. */
export function applySkip(state: PipelineRunState, id: string): void {
  Object.assign(state.step(id), { status: 'skipped', awaitingDecision: undefined, skipReason: SKIPPED_BY_OPERATOR });
  state.touch();
}
