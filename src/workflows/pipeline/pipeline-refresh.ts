/**
 * A `kind: semanticModelRefresh` step (or compensation) of a pipeline: its input, rendered, and how
 * its `semanticModelRefresh` child's result or failure reads as a step attempt. The refresh id
 * stands where a job step shows its job instance id. Sandbox-safe.
 */
import { ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import type { RefreshJobSpec, SemanticModelRefreshInput, SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';
import type { PollInterval, RunFabricJobResult } from '../../shared.js';
import { renderTemplates, type TemplateContext } from '../../templates.js';

/** True for a step or compensation spec that is a refresh. */
export function isRefreshSpec(spec: object): spec is RefreshJobSpec {
  return (spec as { kind?: unknown }).kind === 'semanticModelRefresh';
}

/**
 * The child's input: templates rendered (names already resolved by the pipeline's look-up; a name
 * left, e.g. from a template, is resolved by the child), the pipeline's poll interval unless the
 * step has its own.
 */
export function refreshChildInput(spec: RefreshJobSpec, context: TemplateContext, pipelinePollInterval: PollInterval | undefined): SemanticModelRefreshInput {
  const rendered = renderTemplates({ workspaceId: spec.workspaceId, semanticModelId: spec.semanticModelId, options: spec.options, pool: spec.pool }, context);
  const input: SemanticModelRefreshInput = {
    ...(rendered.workspaceId !== undefined && { workspaceId: String(rendered.workspaceId) }),
    semanticModelId: String(rendered.semanticModelId),
  };
  if (rendered.options !== undefined) input.options = rendered.options;
  if (spec.connection !== undefined) input.connection = spec.connection;
  if (spec.timeoutMs !== undefined) input.timeoutMs = spec.timeoutMs;
  if (rendered.pool !== undefined) input.pool = String(rendered.pool);
  const pollInterval = spec.pollInterval ?? pipelinePollInterval;
  if (pollInterval !== undefined) input.pollInterval = pollInterval;
  return input;
}

/** A refresh result read as a job's (the refresh id as job instance id), for the step's progress. */
export function asJobResult(result: SemanticModelRefreshResult): RunFabricJobResult {
  return {
    jobInstanceId: result.refreshId,
    status: result.status,
    startTimeUtc: result.startTime,
    endTimeUtc: result.endTime,
    failureReason: result.failureReason,
    polls: result.polls,
  };
}

/** The refresh result a failed refresh child carries in its details, if any. */
export function refreshResultOfFailure(error: unknown): SemanticModelRefreshResult | undefined {
  const cause = error instanceof ChildWorkflowFailure && error.cause ? error.cause : error;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  return cause.details?.find(
    (d): d is SemanticModelRefreshResult => typeof d === 'object' && d !== null && typeof (d as SemanticModelRefreshResult).refreshId === 'string',
  );
}
