/** Reading the input a workflow run was started with, from its history (decoded like any payload, encryption included). */
import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/index.js';

/** The first argument of the run, or undefined when the history holds none. */
export async function recordedWorkflowInput(client: Client, workflowId: string, runId?: string): Promise<unknown> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const [input] = await decodeArrayFromPayloads(client.workflow.options.loadedDataConverter, started?.input?.payloads);
  return input;
}
