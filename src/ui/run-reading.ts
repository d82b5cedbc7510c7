/** What every page of one run needs first: its description (a 404 page for an unknown id) and the words for a run it cannot read. */
import type { Client } from '@temporalio/client';
import { BadRequest } from './errors.js';

/** @throws BadRequest 404 when the namespace holds no such run. */
export async function describeOrNotFound(client: Client, workflowId: string, runId: string | undefined) {
  try {
    return await client.workflow.getHandle(workflowId, runId).describe();
  } catch (error) {
    const name = (error as Error | null)?.name;
    if (name === 'WorkflowNotFoundError' || name === 'NamespaceNotFoundError') throw new BadRequest(`no run ${JSON.stringify(workflowId)}${runId ? ` (run ${runId})` : ''} in namespace ${JSON.stringify(client.options.namespace)}`, 404);
    if ((error as { code?: number } | null)?.code === 3) throw new BadRequest(`not a valid run id: ${JSON.stringify(runId)}`, 400);
    throw error;
  }
}

/**
 * Why a run's payloads could not be read: encrypted payloads without the key (the view decodes
 * through the configured codec: FABRIC_ENCRYPTION_KEY*), or something else, named in one line.
 */
export function unreadableNotice(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/encrypt|decrypt|encod|cipher|codec/i.test(message)) {
    return 'the run\'s payloads are encrypted and this view was started without their key: start it with the same encryption settings as the worker (docs/encryption.md) to see them';
  }
  return `the run could not be read: ${message.split('\n')[0]}`;
}
