/**
 * `semanticModelRefresh`: refreshes one Power BI semantic model durably with the enhanced refresh
 * API — a duplicate-safe start, polls paced by Power BI's Retry-After on durable timers (else the
 * fallback interval), the refresh cancelled (DELETE) when the run is cancelled or times out, typed
 * failures carrying Power BI's error details, continue-as-new for long refreshes. The refresh is an
 * adapter (refresh-operation.ts) over the durable-operation core (src/workflows/core).
 * See docs/semantic-models.md.
 */
import { log } from '@temporalio/workflow';
import type { SemanticModelRefreshInput, SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';
import { unwrapActivityFailure } from '../core/poll-retry.js';
import { runOperation } from '../core/run-operation.js';
import { resolveRefreshTarget } from '../names/fabric-names.js';
import { refreshOperation } from './refresh-operation.js';
import { RefreshRun } from './refresh-state.js';
import { validateRefreshInput } from './validate-input.js';

export { refreshStateQuery } from './refresh-state.js';

/**
 * The input with its workspace and semantic model as ids: names are resolved once, before the
 * start, by one `resolveFabricNames` activity (with the run's connection) recorded in the history;
 * a continue-as-new carries the ids. Runs given ids (every run before names) issue no command here.
 */
async function withIds(input: SemanticModelRefreshInput): Promise<SemanticModelRefreshInput & { workspaceId: string }> {
  const { refresh, resolved } = await resolveRefreshTarget(input).catch((err: unknown) => {
    throw unwrapActivityFailure(err);
  });
  if (resolved) {
    log.info(`Resolved ${input.semanticModelId} to semantic model ${resolved.itemId} in workspace ${resolved.workspaceId}`, { ...resolved });
  }
  return refresh as SemanticModelRefreshInput & { workspaceId: string };
}

export async function semanticModelRefresh(original: SemanticModelRefreshInput): Promise<SemanticModelRefreshResult> {
  const interval = validateRefreshInput(original);
  const startedAtMs = original.resume?.startedAtMs ?? Date.now();
  const input = await withIds(original);
  const run = new RefreshRun(input, startedAtMs);
  const deadlineMs = input.timeoutMs !== undefined ? run.startedAtMs + input.timeoutMs : undefined;
  return runOperation(refreshOperation(run, input.workspaceId, interval), run, { deadlineMs, timeoutMs: input.timeoutMs, resume: input.resume, pool: input.pool });
}
