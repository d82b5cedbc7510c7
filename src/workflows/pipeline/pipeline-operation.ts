/**
 * A Fabric long-running operation step (or compensation) of a pipeline (`kind:
 * sqlEndpointRefreshMetadata`, ...): its `fabricOperation` child's input, rendered, and how the
 * child's result reads as a step attempt — the operation id where a job step shows its job instance
 * id, Fabric's error as the failure reason, and the result (a metadata refresh's per-table
 * statuses) in the step's details. Sandbox-safe.
 */
import type { FabricOperationInput, FabricOperationResult, OperationSpec } from '../../contracts/fabric-operation.js';
import type { PollInterval, RunFabricJobResult } from '../../shared.js';
import { renderTemplates, type TemplateContext } from '../../templates.js';

/** The child's input: templates rendered, the pipeline's poll interval unless the step has its own. */
export function operationChildInput(spec: OperationSpec, context: TemplateContext, pipelinePollInterval: PollInterval | undefined): FabricOperationInput {
  const rendered = renderTemplates(spec, context) as FabricOperationInput;
  const pollInterval = spec.pollInterval ?? pipelinePollInterval;
  return { ...rendered, ...(pollInterval !== undefined && { pollInterval }) };
}

/** An operation result read as a job's, for the step's progress. */
export function operationAsJobResult(result: FabricOperationResult): RunFabricJobResult {
  return {
    jobInstanceId: result.operationId ?? '',
    status: result.status === 'Succeeded' ? 'Completed' : result.status,
    startTimeUtc: result.createdTimeUtc,
    endTimeUtc: result.lastUpdatedTimeUtc,
    failureReason: result.error,
    polls: result.polls,
    details: {
      ...(result.tables !== undefined && { tables: result.tables }),
      ...(result.result !== null && result.result !== undefined && { operationResult: result.result }),
    },
  };
}
