/**
 * Starting a workflow under an id the user chose (`--workflow-id`), so that repeating the command
 * never starts the work twice: when the id already holds a run of the **same spec**, the command
 * attaches to it (Temporal's USE_EXISTING conflict policy for a running one; its outcome for one
 * that has ended); when it holds another spec, nothing is started and the command exits 2.
 *
 * The spec is compared through a hash kept in the run's memo (`specHash`, carried across
 * continue-as-new); `startToken`, a one-off value in the memo, tells a fresh start from an attach.
 */
import { guardSearchAttributes } from '../preflight/start-guard.js';
import { createHash, randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle, WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { UsageError } from './errors.js';

/** How the command got its run: it started it, it found it running, or it found it ended. */
export type StartMode = 'started' | 'attached' | 'ended';

export interface StartedOrAttached<T extends Workflow> {
  handle: WorkflowHandle<T>;
  workflowId: string;
  /** The run started or found (for a running one attached to, its current run). */
  runId: string;
  mode: StartMode;
}

/** `JSON.stringify` with object keys sorted, so that equal specs hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash of a spec (a job's or a pipeline's input, without what the caller's environment adds). */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonical(spec)).digest('hex').slice(0, 32);
}

export interface AttachText {
  /** `job` or `pipeline`, in the refusal. */
  what: string;
  /** The command that shows the run, e.g. `fabric-temporal status <id>`. */
  showWith: string;
}

function refusal(workflowId: string, text: AttachText): UsageError {
  return new UsageError(
    `--workflow-id ${JSON.stringify(workflowId)}: a workflow with this id already exists and holds another ${text.what} (different flags, file or params); nothing was started (see \`${text.showWith}\`, or pass another --workflow-id)`,
  );
}

/**
 * Starts `workflowType` under `options.workflowId`, or attaches to the run that holds the id with
 * the same `spec`. @throws UsageError (exit 2) when the id holds another spec (nothing started).
 */
export async function startOrAttach<T extends Workflow>(client: Client, workflowType: string, options: WorkflowStartOptions<T>, spec: unknown, text: AttachText): Promise<StartedOrAttached<T>> {
  const { workflowId } = options;
  // With FABRIC_SEARCH_ATTRIBUTES=true, unregistered attributes refuse the start (exit 3) before anything starts.
  await guardSearchAttributes(client, options.args);
  const hash = specHash(spec);
  const startToken = randomUUID();
  const memo = { ...options.memo, specHash: hash, startToken };
  try {
    const handle = await client.workflow.start<T>(workflowType, {
      ...options,
      memo,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const runId = handle.firstExecutionRunId;
    const found = (await client.workflow.getHandle(workflowId, runId).describe()).memo ?? {};
    if (found.startToken === startToken) return { handle, workflowId, runId, mode: 'started' };
    if (found.specHash !== hash) throw refusal(workflowId, text);
    return { handle: client.workflow.getHandle<T>(workflowId), workflowId, runId, mode: 'attached' };
  } catch (error) {
    // A closed run holds the id (REJECT_DUPLICATE): the same spec reports how it ended.
    if ((error as Error | null)?.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    const description = await client.workflow.getHandle(workflowId).describe();
    if ((description.memo ?? {}).specHash !== hash) throw refusal(workflowId, text);
    return { handle: client.workflow.getHandle<T>(workflowId), workflowId, runId: description.runId, mode: 'ended' };
  }
}
