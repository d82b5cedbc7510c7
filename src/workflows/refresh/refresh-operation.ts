/**
 * A Power BI semantic model refresh (enhanced refresh API) as a durable operation: the adapter
 * `semanticModelRefresh` plugs into the core (src/workflows/core/operation.ts). Start:
 * `startRefresh` (duplicate-safe: a retried attempt first looks for the refresh an earlier attempt
 * created and adopts it); find: `findRefresh`; status: `getRefreshStatus` (a local activity); cancel:
 * `cancelRefresh` (DELETE). Sandbox-safe.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { GetRefreshStatusOutput, RefreshActivities } from '../../activities/refresh-types.js';
import { DEFAULT_REFRESH_OPTIONS } from '../../contracts/semantic-model-refresh.js';
import type { SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';
import { CALL_ACTIVITY_OPTIONS, pollActivityOptions, START_ACTIVITY_OPTIONS } from '../core/activity-options.js';
import type { Operation } from '../core/operation.js';
import type { ResolvedPollInterval } from '../core/poll-interval.js';
import { refreshOutcomeFailure, refreshTimedOut } from './refresh-outcome.js';
import { isTerminal, type RefreshRun } from './refresh-state.js';

const { startRefresh } = proxyActivities<Pick<RefreshActivities, 'startRefresh'>>(START_ACTIVITY_OPTIONS);
const { cancelRefresh, findRefresh } = proxyActivities<Pick<RefreshActivities, 'cancelRefresh' | 'findRefresh'>>(CALL_ACTIVITY_OPTIONS);

/** The refresh of `run.input` (ids resolved: `workspaceId` set) as the core's operation. */
export function refreshOperation(run: RefreshRun, workspaceId: string, interval: ResolvedPollInterval): Operation<GetRefreshStatusOutput, SemanticModelRefreshResult> {
  const { input } = run;
  const ref = { workspaceId, semanticModelId: input.semanticModelId, ...(input.connection !== undefined ? { connection: input.connection } : {}) };
  return {
    names: { thing: 'refresh', instance: 'refresh' },
    interval,
    async start(notBeforeMs) {
      const out = await startRefresh({ ...ref, options: input.options ?? DEFAULT_REFRESH_OPTIONS, notBeforeMs });
      return { id: out.refreshId, adopted: out.adopted, retryAfterMs: out.retryAfterMs };
    },
    async find(notBeforeMs) {
      const found = await findRefresh({ ...ref, notBeforeMs, activeOnly: true });
      return found.refreshId ?? undefined;
    },
    poll: ({ id, seen }, timeLeftMs) => proxyLocalActivities<Pick<RefreshActivities, 'getRefreshStatus'>>(pollActivityOptions(timeLeftMs)).getRefreshStatus({ ...ref, refreshId: id, seen }),
    statusOf: (answer) => (answer.found ? answer.status : undefined),
    isTerminal,
    async cancel({ id, seen }) {
      await cancelRefresh({ ...ref, refreshId: id, seen });
      return {};
    },
    continueAsNewInput: (nextPollDelayMs) => ({ ...input, resume: run.resumeState(nextPollDelayMs) }),
    result: () => run.result(),
    outcomeFailure: refreshOutcomeFailure,
    timedOutFailure: ({ timeoutMs, unconfirmed }) => refreshTimedOut(run, timeoutMs, unconfirmed),
  };
}
