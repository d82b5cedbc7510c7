/**
 * The emulator's catalog: workspaces and items with names and types, as List Workspaces and List
 * Items return them (models Workspace and Item of Microsoft's spec), and the catalog's own fault
 * queue (ops `list-workspaces`, `list-items`, `any`). Items that jobs run on need not be in it: the
 * job endpoints accept every UUID, as before.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ITEM_TYPES } from '../names/item-types.js';
import { FaultQueue } from './faults.js';
import { describe, faultSchema, ScenarioValidationError } from './scenario.js';
import type { Fault } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = z.string().regex(UUID, { error: 'must be a UUID' });
const displayName = z.string().refine((v) => v.trim() !== '', { error: 'must not be empty' });

const itemSchema = z.strictObject({
  id: id.optional(),
  displayName,
  type: z.enum(ITEM_TYPES, { error: (issue) => `unknown item type ${JSON.stringify(issue.input)} (the spec's ItemType enum)` }),
  description: z.string().optional(),
});

const workspaceSchema = z.strictObject({
  id: id.optional(),
  displayName,
  description: z.string().optional(),
  type: z.enum(['Personal', 'Workspace', 'AdminWorkspace']).optional(),
  items: z.array(itemSchema).optional(),
});

const stageSchema = z.strictObject({
  id: id.optional(),
  displayName,
  description: z.string().optional(),
  /** The workspace assigned to the stage. */
  workspaceId: id.optional(),
  isPublic: z.boolean().optional(),
});

const deploymentPipelineSchema = z.strictObject({
  id,
  displayName,
  stages: z.array(stageSchema).min(1),
});

const catalogSchema = z.strictObject({
  workspaces: z.array(workspaceSchema),
  deploymentPipelines: z.array(deploymentPipelineSchema).optional(),
  faults: z
    .array(faultSchema)
    .refine((faults) => faults.every((f) => ['list-workspaces', 'list-items', 'any'].includes(f.op)), {
      error: "catalog faults apply to op 'list-workspaces', 'list-items' or 'any'",
    })
    .optional(),
});

/**
 * What `PUT /_emulator/catalog` and the `catalog` option take (a snapshot is one too). Ids may be
 * left out (random ones are given); types are checked when the catalog is set.
 */
export interface CatalogDefinition {
  workspaces: {
    id?: string;
    displayName: string;
    description?: string;
    /** `Workspace` (default), `Personal` or `AdminWorkspace`. */
    type?: string;
    items?: { id?: string; displayName: string; type: string; description?: string }[];
  }[];
  /** Deployment pipelines and their stages, in order (List Deployment Pipeline Stages). Stage ids may be left out. */
  deploymentPipelines?: {
    id: string;
    displayName: string;
    stages: { id?: string; displayName: string; description?: string; workspaceId?: string; isPublic?: boolean }[];
  }[];
  faults?: Fault[];
}

/** A deployment pipeline stage as List Deployment Pipeline Stages returns it (DeploymentPipelineStage). */
export interface CatalogStage {
  id: string;
  order: number;
  displayName: string;
  description: string;
  workspaceId?: string;
  workspaceName?: string;
  isPublic: boolean;
}
export interface CatalogWorkspace {
  id: string;
  displayName: string;
  description: string;
  type: string;
}

/** An item as List Items returns it. */
export interface CatalogItem {
  id: string;
  displayName: string;
  description: string;
  type: string;
  workspaceId: string;
}

/** The catalog with every id filled in (GET and PUT /_emulator/catalog answer this). */
export interface CatalogSnapshot {
  workspaces: (CatalogWorkspace & { items: Omit<CatalogItem, 'workspaceId'>[] })[];
  deploymentPipelines: { id: string; displayName: string; stages: CatalogStage[] }[];
  faults: Fault[];
}

/** Checks a catalog definition; throws ScenarioValidationError naming every problem. */
export function validateCatalog(input: unknown, label = 'catalog'): z.output<typeof catalogSchema> {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioValidationError(describe(parsed.error, label));
  const ids = [
    ...parsed.data.workspaces.flatMap((w) => [w.id, ...(w.items ?? []).map((i) => i.id)]),
    ...(parsed.data.deploymentPipelines ?? []).flatMap((p) => [p.id, ...p.stages.map((stage) => stage.id)]),
  ].filter((x) => x !== undefined);
  const lower = ids.map((x) => x.toLowerCase());
  const duplicate = lower.find((x, i) => lower.indexOf(x) !== i);
  if (duplicate !== undefined) throw new ScenarioValidationError(`${label}: the id ${duplicate} is used twice`);
  return parsed.data;
}

export class CatalogStore {
  private workspaceList: CatalogWorkspace[] = [];
  private itemList: CatalogItem[] = [];
  private pipelineList: { id: string; displayName: string; stages: CatalogStage[] }[] = [];
  private faultList: Fault[] = [];
  faults = new FaultQueue([]);

  /** `initial` is what reset() goes back to. */
  constructor(private readonly initial: CatalogDefinition = { workspaces: [] }) {
    this.replace(initial);
  }

  /** Replaces the whole catalog (and restarts its fault queue); returns it with ids filled in. */
  replace(definition: CatalogDefinition): CatalogSnapshot {
    const checked = validateCatalog(definition);
    this.workspaceList = [];
    this.itemList = [];
    for (const w of checked.workspaces) {
      const workspaceId = (w.id ?? randomUUID()).toLowerCase();
      this.workspaceList.push({ id: workspaceId, displayName: w.displayName, description: w.description ?? '', type: w.type ?? 'Workspace' });
      for (const item of w.items ?? []) {
        this.itemList.push({ id: (item.id ?? randomUUID()).toLowerCase(), displayName: item.displayName, description: item.description ?? '', type: item.type, workspaceId });
      }
    }
    this.pipelineList = (checked.deploymentPipelines ?? []).map((p) => ({
      id: p.id.toLowerCase(),
      displayName: p.displayName,
      stages: p.stages.map((stage, order) => {
        const workspace = stage.workspaceId && this.workspaceList.find((w) => w.id === stage.workspaceId!.toLowerCase());
        return {
          id: (stage.id ?? randomUUID()).toLowerCase(),
          order,
          displayName: stage.displayName,
          description: stage.description ?? '',
          ...(stage.workspaceId ? { workspaceId: stage.workspaceId.toLowerCase() } : {}),
          ...(workspace ? { workspaceName: workspace.displayName } : {}),
          isPublic: stage.isPublic ?? false,
        };
      }),
    }));
    this.faultList = (checked.faults ?? []) as Fault[];
    this.faults = new FaultQueue(this.faultList);
    return this.snapshot();
  }

  reset(): void {
    this.replace(this.initial);
  }

  workspaces(): readonly CatalogWorkspace[] {
    return this.workspaceList;
  }

  /** Items of a workspace (none for a workspace not in the catalog), of one type when given (case-insensitive). */
  items(workspaceId: string, type?: string): CatalogItem[] {
    const ws = workspaceId.toLowerCase();
    const t = type?.toLowerCase();
    return this.itemList.filter((i) => i.workspaceId === ws && (t === undefined || i.type.toLowerCase() === t));
  }

  /** The stages of a deployment pipeline in order; undefined for a pipeline not in the catalog. */
  stages(deploymentPipelineId: string): readonly CatalogStage[] | undefined {
    return this.pipelineList.find((p) => p.id === deploymentPipelineId.toLowerCase())?.stages;
  }

  snapshot(): CatalogSnapshot {
    return {
      deploymentPipelines: this.pipelineList,
      workspaces: this.workspaceList.map((w) => ({
        ...w,
        items: this.items(w.id).map(({ workspaceId: _ws, ...item }) => item),
      })),
      faults: this.faultList,
    };
  }
}
