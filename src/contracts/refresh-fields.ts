/**
 * The semantic model refresh's field table: the rows every kind shares (src/contracts/fields.ts:
 * workspace, timeout, poll interval, connection, pool) and the refresh's target. The flags of
 * `refresh`, the keys of a `kind: semanticModelRefresh` pipeline step and compensation, and the
 * `semanticModelRefresh` input check derive from it. Power BI's own refresh options (type,
 * commitMode, objects, ...) are the kind's request body: checked by src/commands/refresh/options.ts
 * and src/pipeline/refresh-step.ts, and by the Power BI client before it sends.
 *
 * Sandbox-safe: no Node built-ins, no imports with side effects (the workflows import it).
 */
import { SEMANTIC_MODEL_ITEM_TYPE } from '../names/job-targets.js';
import { typedItemRefProblem } from '../names/reference.js';
import { broken, fieldProblems, sharedFields, workspaceRequired, type Field, type FieldProblem, type FieldTarget } from './fields.js';
import type { SemanticModelRefreshInput } from './semantic-model-refresh.js';

/** The refresh input's keys that come from the table. */
export type RefreshFieldKey = 'workspaceId' | 'semanticModelId' | 'timeoutMs' | 'pollInterval' | 'connection' | 'pool';
export type RefreshFieldSpec = Pick<SemanticModelRefreshInput, RefreshFieldKey>;
export type RefreshField<K extends RefreshFieldKey = RefreshFieldKey> = Field<K, FieldTarget>;

const SHARED = sharedFields(
  { thing: 'the refresh', targetFlag: '--semantic-model', poolBefore: 'starting the refresh', poolTarget: 'a slot of the pool, taken before the refresh starts and given back when it ends' },
  { workflow: 'the workspace (group) of the semantic model' },
);

/** THE table of refresh fields, keyed by their input key (see fields.ts for the mechanism). */
export const REFRESH_FIELDS: { readonly [K in RefreshFieldKey]-?: RefreshField<K> } = {
  workspaceId: SHARED.workspaceId,
  semanticModelId: {
    input: 'semanticModelId',
    file: 'semanticModel',
    flags: [{ name: 'semantic-model', value: '<ref>', help: 'the semantic model (dataset): its id, its name (Sales, or Sales.SemanticModel) or "Workspace.Workspace/Name"' }],
    required: true,
    text: 'string',
    template: true,
    target: { workflow: 'the semantic model to refresh (a name is resolved once, among SemanticModel items)' },
    check: (value) => ((p) => (p === undefined ? undefined : broken(p)))(typedItemRefProblem(value, SEMANTIC_MODEL_ITEM_TYPE)),
  },
  timeoutMs: SHARED.timeoutMs,
  pollInterval: SHARED.pollInterval,
  connection: SHARED.connection,
  pool: SHARED.pool,
};

/** The fields in table order. */
export const REFRESH_FIELD_LIST: readonly RefreshField[] = Object.values(REFRESH_FIELDS);

/** Every rule the refresh's fields break (required fields included unless `partial`). */
export function refreshProblems(spec: Partial<Record<RefreshFieldKey, unknown>>, options: { partial?: boolean } = {}): FieldProblem<RefreshField>[] {
  const problems = fieldProblems(REFRESH_FIELD_LIST, spec, options);
  const workspace = options.partial ? undefined : workspaceRequired(REFRESH_FIELDS.workspaceId as RefreshField, spec, 'semanticModelId');
  return workspace ? [workspace, ...problems] : problems;
}
