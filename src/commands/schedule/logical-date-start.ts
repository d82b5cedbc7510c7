/**
 * Starting a pipeline for a logical date outside a schedule (`pipeline run|start --logical-date D`)
 * under the same identity a schedule and its backfills use, `pipeline/<name>/<D>`: refused while
 * that date runs or once it completed (exit 2), allowed again after it failed (docs/schedules.md).
 */
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { PipelineFile } from '../../pipeline/index.js';
import { dateTakenMessage, LOGICAL_DATE_REUSE_POLICY, logicalDateWorkflowId, pipelineIdentity } from '../../schedules/identity.js';
import { FABRIC_PIPELINE_WORKFLOW, type FabricPipelineInput } from '../../contracts/pipeline.js';
import { startUnderNewId } from '../start-workflow.js';

/** Why `--workflow-id` and `--logical-date` do not go together. */
export const LOGICAL_DATE_ID_CONFLICT =
  '--workflow-id cannot be combined with --logical-date: the run of a logical date always has the id pipeline/<name>/<date>, so that schedules, backfills and manual runs of that date never overlap';

/** The workflow id of a pipeline's run for `logicalDate` (same rule as the schedules'). */
export function pipelineRunWorkflowId(input: FabricPipelineInput, file: PipelineFile, logicalDate: string): string {
  return logicalDateWorkflowId(pipelineIdentity(input.name, input.params ?? {}, file.params ?? {}), logicalDate);
}

/**
 * Starts `fabricPipeline` for `input.logicalDate` (which must be set).
 * @throws UsageError when that date is already running or completed (nothing is started).
 */
export async function startLogicalDatePipeline(client: Client, taskQueue: string, input: FabricPipelineInput, file: PipelineFile): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const logicalDate = input.logicalDate;
  if (logicalDate === undefined) throw new Error('startLogicalDatePipeline needs input.logicalDate');
  const workflowId = pipelineRunWorkflowId(input, file, logicalDate);
  const options = {
    taskQueue,
    workflowId,
    args: [input],
    workflowIdReusePolicy: LOGICAL_DATE_REUSE_POLICY,
    workflowIdConflictPolicy: 'FAIL' as const,
    memo: { pipeline: input.name, logicalDate },
  };
  return startUnderNewId(client, FABRIC_PIPELINE_WORKFLOW, options, async () => {
    const status = await client.workflow
      .getHandle(workflowId)
      .describe()
      .then((d) => d.status.name as string)
      .catch(() => undefined);
    return dateTakenMessage(workflowId, logicalDate, status);
  });
}
