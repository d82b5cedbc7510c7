/**
 * Checks a `semanticModelRefresh` input; bad input fails the run at once with one clear message.
 * Sandbox-safe.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { SemanticModelRefreshInput } from '../../contracts/semantic-model-refresh.js';
import { isConnectionName } from '../../contracts/connection.js';
import { SEMANTIC_MODEL_ITEM_TYPE } from '../../names/job-targets.js';
import { isItemPath, typedItemRefProblem, workspaceRefProblem } from '../../names/reference.js';
import { DEFAULT_POLL_INTERVAL, FailureTypes } from '../../shared.js';
import type { ResolvedPollInterval } from '../core/poll-interval.js';

function invalid(problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`Invalid semanticModelRefresh input: ${problem}`, FailureTypes.InvalidInput);
}

/**
 * Checks the input (the refresh options themselves are checked by the client before sending): ids
 * or names that can be read (they are resolved after); returns the poll interval.
 */
export function validateRefreshInput(input: SemanticModelRefreshInput | undefined): ResolvedPollInterval {
  if (typeof input !== 'object' || input === null) throw invalid('the input must be an object');
  const model = typedItemRefProblem(input.semanticModelId, SEMANTIC_MODEL_ITEM_TYPE);
  if (model !== undefined) throw invalid(`semanticModelId ${JSON.stringify(input.semanticModelId)}: ${model}`);
  if (input.workspaceId === undefined) {
    if (!isItemPath(input.semanticModelId)) throw invalid('workspaceId is required (a workspace id or name), unless semanticModelId is a path "Workspace.Workspace/Name"');
  } else {
    const workspace = workspaceRefProblem(input.workspaceId);
    if (workspace !== undefined) throw invalid(`workspaceId ${JSON.stringify(input.workspaceId)}: ${workspace}`);
  }
  if (input.connection !== undefined && !isConnectionName(input.connection)) throw invalid(`connection must be a connection name, got ${JSON.stringify(input.connection)}`);
  if (input.timeoutMs !== undefined && !(Number.isFinite(input.timeoutMs) && input.timeoutMs > 0)) throw invalid(`timeoutMs must be a positive number, got ${JSON.stringify(input.timeoutMs)}`);
  if (input.options !== undefined && (typeof input.options !== 'object' || input.options === null || Array.isArray(input.options))) throw invalid('options must be an object');
  const interval = { ...DEFAULT_POLL_INTERVAL, ...input.pollInterval };
  for (const [field, value] of Object.entries(interval)) {
    if (!Number.isFinite(value) || value <= 0) throw invalid(`pollInterval.${field} must be a positive number of milliseconds, got ${value}`);
  }
  if (interval.minMs > interval.maxMs) throw invalid(`pollInterval.minMs (${interval.minMs}) is greater than pollInterval.maxMs (${interval.maxMs})`);
  return interval;
}
