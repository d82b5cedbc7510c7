/**
 * The long-running operation kinds' field table (fabricOperation, docs/operations-kinds.md): the rows
 * every kind shares (src/contracts/fields.ts: timeout, poll interval, connection, pool), worded for
 * an operation Fabric cannot cancel. The CLI's shared flags of the operation commands, the shared
 * keys of operation pipeline steps and compensations, `schedule --operation`, the configured-name
 * checks and the `fabricOperation` input check derive from it. Each kind's own fields (ids, table,
 * path, stages, ...) follow the kind's rules in fabric-operation.ts (operationKindProblems). The
 * workspace is one of those: these kinds take ids only, so the shared workspace row (ids or names)
 * is not theirs.
 *
 * Sandbox-safe: no Node built-ins, no imports with side effects (the workflows import it).
 */
import { fieldProblems, sharedFields, type Field, type FieldProblem, type FieldTarget } from './fields.js';

export type OperationFieldKey = 'timeoutMs' | 'pollInterval' | 'connection' | 'pool';
export type OperationField<K extends OperationFieldKey = OperationFieldKey> = Field<K, FieldTarget>;

const SHARED = sharedFields(
  { thing: 'the operation', targetFlag: '--path', poolBefore: 'starting the operation', poolTarget: 'a slot of the pool, taken before the operation starts and given back when it ends' },
  { workflow: 'the workspace of the operation' },
);

/** THE table of the operation kinds' shared fields, keyed by their input key. */
export const OPERATION_FIELDS: { readonly [K in OperationFieldKey]-?: OperationField<K> } = {
  timeoutMs: {
    ...SHARED.timeoutMs,
    flags: [{ name: 'timeout', value: '<duration>', help: 'stop waiting after this long, e.g. 2h; Fabric cannot cancel the operation: it goes on' }],
    target: { workflow: 'the deadline: the run stops waiting (Fabric cannot cancel the operation) and fails with FabricOperationTimedOut' },
  },
  pollInterval: SHARED.pollInterval,
  connection: SHARED.connection,
  pool: SHARED.pool,
};

/** The fields in table order. */
export const OPERATION_FIELD_LIST: readonly OperationField[] = Object.values(OPERATION_FIELDS);

/** Every rule the shared fields of an operation input break (none is required). */
export function operationFieldProblems(spec: Readonly<Record<string, unknown>>): FieldProblem<OperationField>[] {
  return fieldProblems(OPERATION_FIELD_LIST, spec, { partial: true });
}
