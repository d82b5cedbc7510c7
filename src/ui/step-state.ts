/**
 * The state a step is drawn in: the pipeline's step status, refined by what an operator or a
 * repair made of it (paused for a decision, reused from the repaired run) and by what the step's
 * own run waits for (a pool slot or capacity), when its `state` query told.
 */
import type { PipelineStepProgress } from '../contracts/pipeline.js';

export type DrawnState =
  | 'pending'
  | 'running'
  | 'waiting'
  | 'retrying'
  | 'completed'
  | 'failed'
  | 'skipped'
  | 'cancelled'
  | 'compensating'
  | 'compensated'
  | 'compensationFailed'
  | 'paused'
  | 'reused';

/** `waitingFor`: what the step's run waits for (`pool` or `capacity`), when it waits. */
export function drawnState(step: PipelineStepProgress, waitingFor?: string): DrawnState {
  if (step.awaitingDecision) return 'paused';
  if (step.reusedFrom && step.status === 'completed') return 'reused';
  if (step.status === 'running' && waitingFor) return 'waiting';
  return step.status;
}

/** The words under a node: what the state means here. */
export function stateWords(state: DrawnState, waitingFor?: string): string {
  switch (state) {
    case 'paused':
      return 'failed · paused for a decision';
    case 'reused':
      return 'reused by a repair';
    case 'waiting':
      return waitingFor === 'pool' ? 'waiting for a pool slot' : 'waiting for capacity';
    case 'compensationFailed':
      return 'compensation failed';
    default:
      return state;
  }
}
