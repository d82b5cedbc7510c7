/**
 * Names inside workflows: when a run's workspace or item is given by name (or its job type is left
 * to the item type), the workflow resolves every reference of the run with ONE `resolveFabricNames`
 * activity before anything else, so the ids are recorded in the history once and replays never look
 * names up again. Ids are cached for this run only: the next run (a schedule's next fire) resolves
 * again, with the ids of the last resolution as `lastKnown` when the caller has them, so a rename or
 * deletion in between gets a clear error.
 *
 * Runs started before this feature never carry names (their input check refused non-UUIDs), so they
 * issue no new command; `patched(FABRIC_NAMES_PATCH)` marks the runs that do resolve.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { ResolveFabricNamesInput, ResolveFabricNamesOutput } from '../activities/resolve-fabric-names.js';
import { isUuidText } from '../names/reference.js';
import type { ResolvedTarget } from '../names/resolver.js';

export const FABRIC_NAMES_PATCH = 'fabric-names';

/**
 * Non-retryable failures (unknown or duplicate names, a job type to give) end the run at once;
 * Fabric's 429 waits its Retry-After, 5xx and transport errors back off. Bounded: a run does not
 * wait forever for the catalog.
 */
const { resolveFabricNames } = proxyActivities<{ resolveFabricNames(input: ResolveFabricNamesInput): Promise<ResolveFabricNamesOutput> }>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/** A job's target as a workflow input may hold it: ids, or references that need resolving. */
export interface TargetFields {
  workspaceId?: string;
  itemId: string;
  jobType?: string;
}

/** True when the target needs a look-up: a workspace or item that is not a UUID, or no job type. */
export function needsResolution(target: TargetFields): boolean {
  return (target.workspaceId !== undefined && !isUuidText(target.workspaceId)) || !isUuidText(target.itemId) || !target.jobType?.trim();
}

/**
 * Resolves the targets that need it (one activity for all of them; none when none does). Targets
 * already made of ids come back unchanged.
 */
export async function resolveTargets<K extends string>(
  targets: Record<K, TargetFields & { labels?: ResolveFabricNamesInput['targets'][string]['labels']; lastKnown?: { workspaceId?: string; itemId?: string } }>,
  defaultWorkspace?: string,
): Promise<Record<K, ResolvedTarget | undefined>> {
  const pending = Object.entries(targets).filter(([, target]) => needsResolution(target as TargetFields)) as [K, TargetFields & Record<string, unknown>][];
  const out = Object.fromEntries(Object.keys(targets).map((key) => [key, undefined])) as Record<K, ResolvedTarget | undefined>;
  if (pending.length === 0 || !patched(FABRIC_NAMES_PATCH)) return out;
  const input: ResolveFabricNamesInput = { targets: {}, ...(defaultWorkspace !== undefined && { defaultWorkspace }) };
  for (const [key, t] of pending) {
    input.targets[key] = {
      item: t.itemId,
      ...(t.workspaceId !== undefined && { workspace: t.workspaceId }),
      ...(t.jobType?.trim() && { jobType: t.jobType }),
      ...(t.labels !== undefined && { labels: t.labels as never }),
      ...(t.lastKnown !== undefined && { lastKnown: t.lastKnown as never }),
    };
  }
  const { targets: resolved } = await resolveFabricNames(input);
  for (const [key] of pending) out[key] = resolved[key];
  return out;
}
