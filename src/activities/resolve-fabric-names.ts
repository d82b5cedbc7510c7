/**
 * The `resolveFabricNames` activity: turns the workspace and item references of one run (a job, or
 * every step and compensation of a pipeline) into ids in one call, so the ids are recorded in the
 * run's history once and replays never look names up again. A fresh NameResolver per call: ids are
 * cached within the run only, never across runs.
 *
 * | error | failure type | retried |
 * |---|---|---|
 * | unknown workspace or item name | FabricItemNotFound (details: kind, reference, suggestions, renamedTo?) | no |
 * | two items with the same name and type | FabricItemAmbiguous (details: ids) | no |
 * | no job type given and none inferable | FabricJobTypeRequired (details: itemType, choices) | no |
 * | a reference that cannot be read | FabricInvalidInput | no |
 * | Fabric errors (429, 5xx, transport, 403 naming the identity, ...) | as toActivityFailure | as there |
 */
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { FabricClient } from '../fabric/index.js';
import { NameFailureTypes, NameResolver, type ResolvedItem, type ResolvedTarget, type TargetLabels, type TargetReference } from '../names/index.js';
import { FailureTypes } from '../shared.js';
import { toActivityFailure } from './failures.js';

export interface ResolveFabricNamesInput {
  /**
   * The references to resolve, by a key of the caller's choice (`job`, `semanticModel`, a step id,
   * `ID.compensate`). A reference with `itemType` (a refresh's semantic model) resolves to ids only.
   */
  targets: Record<string, TargetReference & { labels?: TargetLabels }>;
  /** Workspace of targets that name none (a pipeline's `workspace`). @default none */
  defaultWorkspace?: string;
  /** The named connection whose Fabric client looks the names up. @default 'default' */
  connection?: string;
}

export interface ResolveFabricNamesOutput {
  /** By the input's keys: a job's target with its job type, a reference with `itemType` without one. */
  targets: Record<string, ResolvedTarget | ResolvedItem>;
}

type CatalogFabric = Pick<FabricClient, 'listWorkspaces' | 'listItems'>;

/** Maps a resolution error to a non-retryable typed failure; Fabric errors as every activity maps them. */
export function toNameFailure(err: unknown, key: string): unknown {
  const e = err as { name?: string; message?: string; details?: unknown; itemType?: string; choices?: readonly string[] };
  switch (e?.name) {
    case 'FabricItemNotFound':
      return ApplicationFailure.nonRetryable(e.message, NameFailureTypes.NotFound, e.details);
    case 'FabricItemAmbiguous':
      return ApplicationFailure.nonRetryable(e.message, NameFailureTypes.Ambiguous, e.details);
    case 'JobTypeNotInferable':
      return ApplicationFailure.nonRetryable(e.message, NameFailureTypes.JobTypeRequired, { itemType: e.itemType, choices: e.choices });
    case 'InvalidFabricReference':
      return ApplicationFailure.nonRetryable(e.message, FailureTypes.InvalidInput, { key });
    default:
      return toActivityFailure(err, `resolve the Fabric names of ${key}`);
  }
}

export function makeResolveFabricNames(fabric: CatalogFabric): (input: ResolveFabricNamesInput) => Promise<ResolveFabricNamesOutput> {
  return async function resolveFabricNames(input) {
    const resolver = new NameResolver(fabric, { signal: Context.current().cancellationSignal });
    const targets: ResolveFabricNamesOutput['targets'] = {};
    for (const [key, { labels, ...target }] of Object.entries(input.targets)) {
      try {
        targets[key] = await resolver.target(target, labels, input.defaultWorkspace);
      } catch (err) {
        throw toNameFailure(err, key);
      }
    }
    log.info(`Resolved Fabric names of ${Object.keys(targets).length} target(s)`, { targets: Object.keys(targets) });
    return { targets };
  };
}
