/**
 * The fault queue of one scenario: which fault (if any) the next matching request gets.
 */
import { kindAppliesTo } from './scenario.js';
import type { Fault, FaultOp } from './types.js';

/** The operation of a /v1 request, as faults see it. */
export type RequestOp = Exclude<FaultOp, 'any'> | 'schedule';

interface FaultState {
  fault: Fault;
  /** Matching requests still to let through before the fault applies. */
  skip: number;
  /** Requests still to fault; -1 = forever. */
  remaining: number;
}

export class FaultQueue {
  private readonly states: FaultState[];

  constructor(faults: readonly Fault[]) {
    this.states = faults.map((fault) => ({ fault, skip: fault.afterCount ?? 0, remaining: fault.count ?? 1 }));
  }

  /**
   * The fault this request gets, consuming one use of it. Faults are taken in order: the first
   * fault not used up whose op (and kind) matches the request decides, even while it is still
   * letting its `afterCount` requests through.
   */
  take(op: RequestOp): Fault | undefined {
    const state = this.states.find(
      (s) => s.remaining !== 0 && (s.fault.op === op || s.fault.op === 'any') && kindAppliesTo(s.fault.kind, op),
    );
    if (!state) return undefined;
    if (state.skip > 0) {
      state.skip -= 1;
      return undefined;
    }
    if (state.remaining > 0) state.remaining -= 1;
    return state.fault;
  }
}
