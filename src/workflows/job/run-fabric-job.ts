/**
 * `runFabricJob`: runs one Fabric item job durably — duplicate-safe start, polls paced by Fabric's
 * Retry-After on durable timers, the Fabric job cancelled on every abort path (workflow cancel,
 * timeout), continue-as-new for long jobs. The job is an adapter (job-operation.ts) over the
 * durable-operation core (src/workflows/core). See docs/job-workflow.md.
 */
import { log } from '@temporalio/workflow';
import type { RunFabricJobInput, RunFabricJobResult } from '../../shared.js';
import { runOperation } from '../core/run-operation.js';
import { unwrapActivityFailure } from '../core/poll-retry.js';
import { resolveJobTarget } from '../names/fabric-names.js';
import { jobOperation } from './job-operation.js';
import { JobRunState } from './run-state.js';
import { validateInput } from './validate-input.js';

export { stateQuery } from './run-state.js';

export async function runFabricJob(input: RunFabricJobInput): Promise<RunFabricJobResult> {
  const interval = validateInput(input);
  // A workspace or item given by name (or no job type): resolved once, before the start; the ids are in
  // the history, and a continue-as-new carries them (the next run does not look them up again).
  if (!input.resume) {
    const resolved = await resolveJobTarget(input).catch((err: unknown) => {
      throw unwrapActivityFailure(err);
    });
    if (resolved) {
      log.info(`Resolved ${input.itemId} to item ${resolved.itemId} in workspace ${resolved.workspaceId}, job type ${resolved.jobType}`, { ...resolved });
      input = { ...input, workspaceId: resolved.workspaceId, itemId: resolved.itemId, jobType: resolved.jobType };
    }
  }
  const state = new JobRunState(input, input.resume?.startedAtMs ?? Date.now());
  const deadlineMs = input.timeoutMs !== undefined ? state.startedAtMs + input.timeoutMs : undefined;
  return runOperation(jobOperation(input, interval, state), state, { deadlineMs, timeoutMs: input.timeoutMs, resume: input.resume, pool: input.pool });
}
