/**
 * The Fabric targets of a run — one job, one semantic model refresh, or every step and
 * compensation of a pipeline — as the resolver takes them, grouped by the connection that looks
 * them up, and the run's jobs with the resolved ids put back. Pure and sandbox-safe: the CLI (to
 * check names before starting) and the workflows (to resolve them once per run) share it.
 */
import { DEFAULT_CONNECTION, normalizeConnectionName } from '../contracts/connection.js';
import { renderString, type ParamValue } from '../templates.js';
import { JOB_TYPES_BY_ITEM_TYPE } from './item-types.js';
import { isUuidText, parseItemRef } from './reference.js';
import { operationNamedTarget, operationWithIds, type OperationSpec } from '../contracts/fabric-operation.js';
import type { ResolvedItem, ResolvedTarget, TargetLabels, TargetReference } from './resolver.js';

/** The item type of a refresh's target: the Power BI dataset id is the Fabric SemanticModel item id. */
export const SEMANTIC_MODEL_ITEM_TYPE = 'SemanticModel';

/** Where a job names its target: ids, or references (names, paths) to resolve; no job type = from the item type. */
export interface JobTargetFields {
  workspaceId?: string;
  itemId: string;
  jobType?: string;
  /** The named connection whose identity runs the job (and looks its names up). @default 'default' */
  connection?: string;
}

/** Where a semantic model refresh names its target: ids, or references to resolve (the model among SemanticModel items only). */
export interface RefreshTargetFields {
  workspaceId?: string;
  semanticModelId: string;
  connection?: string;
}

/** A pipeline step's (or compensation's) job; `refresh` set for a `kind: semanticModelRefresh` one, whose target it names. */
export type SpecTargetFields = JobTargetFields & { refresh?: RefreshTargetFields; operation?: OperationSpec };

export interface StepTargetFields extends SpecTargetFields {
  id: string;
  compensate?: SpecTargetFields;
}

/** A target as the resolver takes it, with the labels its messages use and the connection that looks it up (absent: the default). */
export type LabelledTarget = TargetReference & { labels?: TargetLabels; connection?: string };

/** What a target resolved to: a job's target has a job type, a refresh's (`itemType` set) none. */
export type Resolved = ResolvedTarget | ResolvedItem;

/**
 * The job type a job without one runs, as far as its item reference tells: the only job type of a
 * named item's type (`Load orders.Notebook` → RunNotebook). Undefined when an id, a type with
 * several job types (Lakehouse) or a templated reference leaves it to the look-up.
 */
export function jobTypeOfItemRef(item: string): string | undefined {
  try {
    const ref = parseItemRef(item);
    const choices = ref.kind === 'name' ? (JOB_TYPES_BY_ITEM_TYPE[ref.type] ?? []) : [];
    return choices.length === 1 ? choices[0] : undefined;
  } catch {
    return undefined;
  }
}

/** True when the target needs a look-up: a workspace or item that is not a UUID, or no job type. */
export function needsResolution(target: JobTargetFields): boolean {
  return (target.workspaceId !== undefined && !isUuidText(target.workspaceId)) || !isUuidText(target.itemId) || !target.jobType?.trim();
}

/** True when a refresh names its workspace or model (anything but UUIDs); no job type is ever needed. */
export function refreshNeedsResolution(target: RefreshTargetFields): boolean {
  return target.workspaceId === undefined || !isUuidText(target.workspaceId) || !isUuidText(target.semanticModelId);
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

/** The connection a target is looked up with: absent for the default one. */
function lookUpConnection(connection: string | undefined): { connection?: string } {
  if (connection === undefined) return {};
  const name = normalizeConnectionName(connection);
  return name === DEFAULT_CONNECTION ? {} : { connection: name };
}

/** A job's target as the resolver takes it (no labels: the CLI flags' names), with the connection that looks it up. */
export function jobReference(job: JobTargetFields): LabelledTarget {
  return {
    item: job.itemId,
    ...(job.workspaceId !== undefined && { workspace: job.workspaceId }),
    ...(job.jobType?.trim() && { jobType: job.jobType }),
    ...lookUpConnection(job.connection),
  };
}

/** An operation's named item as the resolver takes it (among items of its type, no job type), labelled with its file keys under `prefix`. */
export function operationReference(named: { workspace?: string; item: string; itemType: 'SQLEndpoint' | 'Lakehouse'; fileKey: string }, prefix: string, connection?: string): LabelledTarget {
  return {
    item: named.item,
    itemType: named.itemType,
    ...(named.workspace !== undefined && { workspace: named.workspace }),
    labels: { workspace: `${prefix}workspace`, item: `${prefix}${named.fileKey}` },
    ...lookUpConnection(connection),
  };
}

/** An operation's workspace and item fields with `{{ params.X }}` rendered (the look-up happens before the run). */
function renderedParams(op: Record<string, unknown>, params: Readonly<Record<string, ParamValue>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(op).map(([k, v]) => [k, typeof v === 'string' ? rendered(v, params) : v]));
}

/** A refresh's target as the resolver takes it: its model among SemanticModel items, no job type. */
export function refreshReference(target: RefreshTargetFields, labels?: TargetLabels): LabelledTarget {
  return {
    item: target.semanticModelId,
    itemType: SEMANTIC_MODEL_ITEM_TYPE,
    ...(target.workspaceId !== undefined && { workspace: target.workspaceId }),
    ...(labels !== undefined && { labels }),
    ...lookUpConnection(target.connection),
  };
}

/** The target of a step's (or compensation's) job or refresh, params rendered; undefined when it is all ids. */
function specReference(spec: SpecTargetFields, params: Readonly<Record<string, ParamValue>>, where: string): LabelledTarget | undefined {
  // A long-running operation step: its lakehouse or SQL endpoint, when named (other kinds take ids).
  if (spec.operation !== undefined) {
    const op = spec.operation as unknown as Record<string, unknown>;
    const named = operationNamedTarget(renderedParams(op, params) as unknown as OperationSpec);
    return named && operationReference(named, `${where}.`, spec.operation.connection);
  }
  if (spec.refresh) {
    const r = spec.refresh;
    const model = { ...r, semanticModelId: rendered(r.semanticModelId, params)!, ...(r.workspaceId !== undefined && { workspaceId: rendered(r.workspaceId, params) }) };
    if (!refreshNeedsResolution(model)) return undefined;
    return refreshReference(model, { workspace: `${where}.workspace`, item: `${where}.semanticModel` });
  }
  const workspace = rendered(spec.workspaceId, params);
  const item = rendered(spec.itemId, params)!;
  const jobType = rendered(spec.jobType, params);
  if (!needsResolution({ ...(workspace !== undefined && { workspaceId: workspace }), itemId: item, ...(jobType !== undefined && { jobType }) })) return undefined;
  return {
    item,
    ...(workspace !== undefined && { workspace }),
    ...(jobType?.trim() && { jobType }),
    labels: { workspace: `${where}.workspace`, item: `${where}.item`, jobType: `${where}.jobType` },
    ...lookUpConnection(spec.connection),
  };
}

/** The targets of a pipeline's steps and compensations that need resolving, keyed by step id (and `<id>.compensate`). */
export function pipelineTargets(steps: readonly StepTargetFields[], params: Readonly<Record<string, ParamValue>> = {}): Record<string, LabelledTarget> {
  const out: Record<string, LabelledTarget> = {};
  for (const step of steps) {
    const target = specReference(step, params, `steps.${step.id}`);
    if (target) out[step.id] = target;
    const compensation = step.compensate && specReference(step.compensate, params, `steps.${step.id}.compensate`);
    if (compensation) out[compensationKey(step.id)] = compensation;
  }
  return out;
}

/**
 * The targets split by the connection that looks them up, in the order each connection first
 * appears; `connection` is undefined for the default one, and taken off the targets.
 */
export function targetsByConnection(targets: Readonly<Record<string, LabelledTarget>>): { connection: string | undefined; targets: Record<string, LabelledTarget> }[] {
  const groups = new Map<string | undefined, Record<string, LabelledTarget>>();
  for (const [key, { connection, ...target }] of Object.entries(targets)) {
    const group = groups.get(connection) ?? {};
    group[key] = target;
    groups.set(connection, group);
  }
  return [...groups].map(([connection, group]) => ({ connection, targets: group }));
}

/** A job's fields with the resolved ids and job type in place. */
export function withResolved<T extends JobTargetFields>(job: T, resolved: Resolved | undefined): T {
  if (!resolved) return job;
  return { ...job, workspaceId: resolved.workspaceId, itemId: resolved.itemId, ...('jobType' in resolved && { jobType: resolved.jobType }) };
}

/** A refresh's fields with the resolved workspace and model ids in place. */
export function refreshWithResolved<T extends RefreshTargetFields>(refresh: T, resolved: Resolved | undefined): T {
  if (!resolved) return refresh;
  return { ...refresh, workspaceId: resolved.workspaceId, semanticModelId: resolved.itemId };
}

function specWithResolved<T extends SpecTargetFields>(spec: T, resolved: Resolved | undefined): T {
  const out = withResolved(spec, resolved);
  if (spec.operation && resolved) return { ...out, operation: operationWithIds(spec.operation, resolved) };
  return spec.refresh && resolved ? { ...out, refresh: refreshWithResolved(spec.refresh, resolved) } : out;
}

/** The steps with every resolved target put back (steps and compensations not in `resolved` unchanged). */
export function stepsWithResolved<T extends StepTargetFields>(steps: readonly T[], resolved: Readonly<Record<string, Resolved | undefined>>): T[] {
  return steps.map((step) => {
    const out = specWithResolved(step, resolved[step.id]);
    return step.compensate ? { ...out, compensate: specWithResolved(step.compensate, resolved[compensationKey(step.id)]) } : out;
  });
}
