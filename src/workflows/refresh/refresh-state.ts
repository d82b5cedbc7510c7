/**
 * What one `semanticModelRefresh` run knows (its `refreshState` query): the core's live state
 * (src/workflows/core/operation-state.ts) with the refresh, its status and Power BI's detail; and
 * the result as of the last poll. Sandbox-safe.
 */
import { defineQuery, log, setHandler } from '@temporalio/workflow';
import type { GetRefreshStatusOutput } from '../../activities/refresh-types.js';
import { REFRESH_STATE_QUERY } from '../../contracts/semantic-model-refresh.js';
import type { SemanticModelRefreshInput, SemanticModelRefreshResult, SemanticModelRefreshResume, SemanticModelRefreshState } from '../../contracts/semantic-model-refresh.js';
import type { RefreshDetail, RefreshStatus } from '../../fabric/powerbi/models.js';
import type { OperationHandle } from '../core/operation.js';
import { OperationRunState } from '../core/operation-state.js';

export const refreshStateQuery = defineQuery<SemanticModelRefreshState>(REFRESH_STATE_QUERY);

const TERMINAL: readonly string[] = ['Completed', 'Failed', 'Cancelled', 'Disabled', 'TimedOut'];
export const isTerminal = (status: string | undefined): boolean => status !== undefined && TERMINAL.includes(status);

export class RefreshRun extends OperationRunState<SemanticModelRefreshState, GetRefreshStatusOutput> {
  constructor(
    readonly input: SemanticModelRefreshInput,
    startedAtMs: number,
  ) {
    const resume = input.resume;
    const resumed = resume && { handle: { id: resume.refreshId, adopted: resume.adopted }, seen: resume.seen, polls: resume.polls, poolLease: resume.poolLease };
    super({ phase: 'starting', polls: 0, startedAt: new Date(startedAtMs).toISOString() }, startedAtMs, resumed);
    setHandler(refreshStateQuery, () => this.snapshot());
    if (resume) Object.assign(this.state, { refreshId: resume.refreshId, adopted: resume.adopted });
  }

  get refreshId(): string | undefined {
    return this.handle?.id;
  }
  get status(): RefreshStatus | undefined {
    return this.state.status;
  }
  get detail(): RefreshDetail | undefined {
    return this.state.detail;
  }
  get ended(): boolean {
    return isTerminal(this.state.status);
  }

  protected onHandle(handle: OperationHandle): void {
    Object.assign(this.state, { refreshId: handle.id, adopted: handle.adopted });
  }

  protected onPoll(out: GetRefreshStatusOutput): void {
    if (!out.found) return;
    this.seen = true;
    if (out.status !== this.state.status) log.info(`Refresh ${this.refreshId} is ${out.status}`, { refreshId: this.refreshId, status: out.status });
    Object.assign(this.state, { status: out.status, detail: out.detail });
  }

  resumeState(nextPollDelayMs: number): SemanticModelRefreshResume {
    const handle = this.handle;
    if (!handle) throw new Error('no refresh to resume');
    const poolLease = this.heldPoolLease();
    return { refreshId: handle.id, adopted: handle.adopted, polls: this.polls, startedAtMs: this.startedAtMs, nextPollDelayMs, seen: this.seen, ...(poolLease ? { poolLease } : {}) };
  }

  /** The result as of the last poll. */
  result(): SemanticModelRefreshResult {
    const detail = this.state.detail ?? {};
    const status = this.state.status ?? 'Unknown';
    const messages = detail.messages ?? [];
    const error = messages.find((m) => m.type === 'Error') ?? messages[0];
    let failureReason: SemanticModelRefreshResult['failureReason'] = null;
    if (status !== 'Completed' && isTerminal(status)) {
      failureReason = error
        ? { errorCode: error.code ?? status, message: error.message ?? `the refresh ended ${status}` }
        : { errorCode: status, message: `the refresh ended ${status}; Power BI sent no error message` };
    }
    return { refreshId: this.refreshId ?? '', status, startTime: detail.startTime ?? null, endTime: detail.endTime ?? null, failureReason, messages, polls: this.polls };
  }
}
