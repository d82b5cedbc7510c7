/**
 * The Fabric targets of a run — one job, or every step and compensation of a pipeline — as the
 * resolver takes them, and the run's jobs with the resolved ids put back. Pure and sandbox-safe:
 * the CLI (to check names before starting) and the workflows (to resolve them once per run) share it.
 */
import { renderString, type ParamValue } from '../templates.js';
import { isUuidText } from './reference.js';
import type { ResolvedTarget, TargetLabels, TargetReference } from './resolver.js';

/** Where a job names its target: ids, or references (names, paths) to resolve; no job type = from the item type. */
export interface JobTargetFields {
  workspaceId?: string;
  itemId: string;
  jobType?: string;
}

export interface StepTargetFields extends JobTargetFields {
  id: string;
  compensate?: JobTargetFields;
}

export type LabelledTarget = TargetReference & { labels?: TargetLabels };

/** True when the target needs a look-up: a workspace or item that is not a UUID, or no job type. */
export function needsResolution(target: JobTargetFields): boolean {
  return (target.workspaceId !== undefined && !isUuidText(target.workspaceId)) || !isUuidText(target.itemId) || !target.jobType?.trim();
}

/** The key of a step's compensation among a pipeline's targets. */
export const compensationKey = (stepId: string): string => `${stepId}.compensate`;

/** `{{ params.X }}` in a target field, rendered (fields needed before the run may use params only). */
function rendered(value: string | undefined, params: Readonly<Record<string, ParamValue>>): string | undefined {
  if (value === undefined) return undefined;
  try {
    return String(renderString(value, { params, steps: {}, logicalDate: '' }));
  } catch {
    return value;
  }
}

function toReference(target: JobTargetFields, params: Readonly<Record<string, ParamValue>>, labels?: TargetLabels): LabelledTarget {
  const workspace = rendered(target.workspaceId, params);
  const jobType = rendered(target.jobType, params);
  return {
    item: rendered(target.itemId, params)!,
    ...(workspace !== undefined && { workspace }),
    ...(jobType?.trim() && { jobType }),
    ...(labels !== undefined && { labels }),
  };
}

/** The targets of a pipeline's steps and compensations that need resolving, keyed by step id (and `<id>.compensate`). */
export function pipelineTargets(steps: readonly StepTargetFields[], params: Readonly<Record<string, ParamValue>> = {}): Record<string, LabelledTarget> {
  const out: Record<string, LabelledTarget> = {};
  const labels = (where: string): TargetLabels => ({ workspace: `${where}.workspace`, item: `${where}.item`, jobType: `${where}.jobType` });
  for (const step of steps) {
    const render = { ...step, ...(step.workspaceId !== undefined && { workspaceId: rendered(step.workspaceId, params) }), itemId: rendered(step.itemId, params)! };
    if (needsResolution(render)) out[step.id] = toReference(step, params, labels(`steps.${step.id}`));
    const c = step.compensate;
    if (c && needsResolution({ ...c, itemId: rendered(c.itemId, params)!, ...(c.workspaceId !== undefined && { workspaceId: rendered(c.workspaceId, params) }) })) {
      out[compensationKey(step.id)] = toReference(c, params, labels(`steps.${step.id}.compensate`));
    }
  }
  return out;
}

/** A job's fields with the resolved ids and job type in place. */
export function withResolved<T extends JobTargetFields>(job: T, resolved: ResolvedTarget | undefined): T {
  if (!resolved) return job;
  return { ...job, workspaceId: resolved.workspaceId, itemId: resolved.itemId, jobType: resolved.jobType };
}

/** The steps with every resolved target put back (steps and compensations not in `resolved` unchanged). */
export function stepsWithResolved<T extends StepTargetFields>(steps: readonly T[], resolved: Readonly<Record<string, ResolvedTarget | undefined>>): T[] {
  return steps.map((step) => {
    const out = withResolved(step, resolved[step.id]);
    return step.compensate ? { ...out, compensate: withResolved(step.compensate, resolved[compensationKey(step.id)]) } : out;
  });
}
