/**
 * Names inside workflows: when a run's workspace or item is given by name (or its job type is left
 * to the item type), the workflow resolves every reference of the run with ONE `resolveFabricNames`
 * activity before anything else, so the ids are recorded in the history once and replays never look
 * names up again. Ids are cached for this run only: the next run (a schedule's next fire) resolves
 * again, with the ids of the last resolution as `lastKnown` when the caller has them, so a rename or
 * deletion in between gets a clear error.
 *
 * Runs started before this feature never carry names (their input check refused non-UUIDs), so they
 * issue no new command; the `fabric-names` patch, now deprecated, marked the runs that do resolve
 * (src/workflows/patches.ts).
 */
import { deprecatePatch, patched, proxyActivities } from '@temporalio/workflow';
import { PATCHES } from '../patches.js';
import type { ResolveFabricNamesInput, ResolveFabricNamesOutput } from '../../activities/resolve-fabric-names.js';
import {
  needsResolution,
  pipelineTargets,
  refreshNeedsResolution,
  refreshReference,
  refreshWithResolved,
  stepsWithResolved,
  targetsByConnection,
  type JobTargetFields,
  type LabelledTarget,
  type RefreshTargetFields,
  type Resolved,
  type StepTargetFields,
} from '../../names/job-targets.js';
import type { ResolvedTarget } from '../../names/resolver.js';
import type { ParamValue } from '../../templates.js';


/**
 * Non-retryable failures (unknown or duplicate names, a job type to give) end the run at once;
 * Fabric's 429 waits its Retry-After, 5xx and transport errors back off. Bounded: a run does not
 * wait forever for the catalog.
 */
const { resolveFabricNames } = proxyActivities<{ resolveFabricNames(input: ResolveFabricNamesInput): Promise<ResolveFabricNamesOutput> }>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * Resolves `targets` (already filtered to those that need it) with one activity; none when empty.
 * `lastKnown` ids, when given, make a rename or a deletion since then a clear error.
 */
export async function resolveTargets(targets: Record<string, LabelledTarget>, defaultWorkspace?: string, connection?: string): Promise<Record<string, Resolved>> {
  if (Object.keys(targets).length === 0) return {};
  // Deprecated (src/workflows/patches.ts): runs started before names never have a target to resolve.
  deprecatePatch(PATCHES.fabricNames.id);
  const input: ResolveFabricNamesInput = { targets, ...(defaultWorkspace !== undefined && { defaultWorkspace }), ...(connection !== undefined && { connection }) };
  return (await resolveFabricNames(input)).targets;
}

/**
 * Targets that name their connection, each group resolved with its connection's client: one
 * activity per connection (in the order they first appear). Targets of one connection — every
 * pipeline before per-step look-ups, and most after — take one activity, as before.
 */
async function resolveByConnection(targets: Record<string, LabelledTarget>): Promise<Record<string, Resolved>> {
  const groups = targetsByConnection(targets);
  if (groups.length === 1) return resolveTargets(groups[0]!.targets, undefined, groups[0]!.connection);
  // Pipeline runs started before (no marker) looked every name up once, with the default connection.
  if (groups.length === 0 || !patched(PATCHES.fabricNamesByConnection.id)) {
    // Recorded before the look-ups followed the connections: one activity, the default connection.
    return resolveTargets(Object.fromEntries(groups.flatMap((g) => Object.entries(g.targets))));
  }
  const resolved = await Promise.all(groups.map((g) => resolveTargets(g.targets, undefined, g.connection)));
  return Object.assign({}, ...resolved) as Record<string, Resolved>;
}

/**
 * One job's target resolved when it names something (undefined when it is all ids and a job type),
 * with the client of the job's named connection.
 */
export async function resolveJobTarget(job: JobTargetFields & { lastKnown?: LabelledTarget['lastKnown'] }): Promise<ResolvedTarget | undefined> {
  if (!needsResolution(job)) return undefined;
  const target: LabelledTarget = {
    item: job.itemId,
    ...(job.workspaceId !== undefined && { workspace: job.workspaceId }),
    ...(job.jobType?.trim() && { jobType: job.jobType }),
    ...(job.lastKnown !== undefined && { lastKnown: job.lastKnown }),
    labels: { workspace: 'workspaceId', item: 'itemId', jobType: 'jobType' },
  };
  return (await resolveTargets({ job: target }, undefined, job.connection)).job as ResolvedTarget | undefined;
}

/**
 * A refresh's workspace and semantic model resolved when either is named (the model among
 * SemanticModel items only, no job type): the input with the ids in place, and what was resolved
 * (undefined when it was all ids). One activity, with the refresh's connection.
 */
export async function resolveRefreshTarget<T extends RefreshTargetFields>(refresh: T): Promise<{ refresh: T; resolved?: Resolved }> {
  if (!refreshNeedsResolution(refresh)) return { refresh };
  const { connection, ...fields } = refresh;
  const target = refreshReference(fields, { workspace: 'workspaceId', item: 'semanticModelId' });
  const resolved = (await resolveTargets({ semanticModel: target }, undefined, connection)).semanticModel;
  return resolved ? { refresh: refreshWithResolved(refresh, resolved), resolved } : { refresh };
}

/** A pipeline's steps with every name resolved (one activity per connection the targets use), and what was resolved. */
export async function resolvePipelineSteps<T extends StepTargetFields>(
  steps: readonly T[],
  params: Readonly<Record<string, ParamValue>> | undefined,
): Promise<{ steps: T[]; resolved: Record<string, Resolved> }> {
  const resolved = await resolveByConnection(pipelineTargets(steps, params ?? {}));
  return { steps: stepsWithResolved(steps, resolved), resolved };
}
