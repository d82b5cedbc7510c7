/**
 * The live state of a `fabricOperation` run (the `operationState` query): the core's fields
 * (phase, polls, next poll, capacity, pool) plus the operation's id, status and progress. Sandbox-safe.
 */
import { defineQuery, setHandler } from '@temporalio/workflow';
import { OPERATION_STATE_QUERY, type FabricOperationInput, type FabricOperationState } from '../../contracts/fabric-operation.js';
import type { OperationHandle } from '../core/operation.js';
import { OperationRunState } from '../core/operation-state.js';
import type { OperationPollAnswer } from './operation-adapter.js';

export const operationStateQuery = defineQuery<FabricOperationState>(OPERATION_STATE_QUERY);

export class FabricOperationRun extends OperationRunState<FabricOperationState, OperationPollAnswer> {
  /** The last answer that found the operation. */
  last: OperationPollAnswer | undefined;

  constructor(input: FabricOperationInput, startedAtMs: number) {
    const { resume } = input;
    super(
      { kind: input.kind, phase: 'starting', polls: 0, startedAt: new Date(startedAtMs).toISOString() },
      startedAtMs,
      resume && { handle: { id: resume.operationId, adopted: false }, seen: resume.seen, polls: resume.polls, poolLease: resume.poolLease },
    );
    if (resume) this.state.operationId = resume.operationId;
    setHandler(operationStateQuery, () => this.snapshot());
  }

  get ended(): boolean {
    return this.last?.found === true && (this.last.state.status === 'Succeeded' || this.last.state.status === 'Failed');
  }

  /** The pool slot to carry across continue-as-new. */
  poolLease(): { pool: string; requestId: string } | undefined {
    return this.heldPoolLease();
  }

  protected onHandle(handle: OperationHandle): void {
    this.state.operationId = handle.id;
  }

  protected onPoll(answer: OperationPollAnswer): void {
    if (!answer.found) return;
    this.seen = true;
    this.last = answer;
    this.state.status = answer.state.status;
    if (answer.state.percentComplete !== undefined) this.state.percentComplete = answer.state.percentComplete;
  }
}
