/**
 * The CLI's view of a `fabricOperation` run: the `--json` object and its status, from the
 * workflow's result or failure type (OperationFailureTypes). Pure: unit-tested without Temporal.
 */
import type { FabricErrorDetails } from '../../fabric/models.js';
import { OperationFailureTypes, type FabricOperationResult, type FabricOperationState, type OperationKind, type TableSyncStatus } from '../../contracts/fabric-operation.js';
import { classifyEnding, endingMessage, failureDetail } from '../run-ending.js';

export type OperationCliStatus = 'Running' | 'Succeeded' | 'Failed' | 'Cancelled' | 'TimedOut' | 'Terminated';

/** What the operation commands print with `--json`: these keys, in this order (`tables` for a metadata refresh). */
export interface OperationOutcome {
  workflowId: string;
  runId: string | null;
  kind: OperationKind | null;
  status: OperationCliStatus;
  operationId: string | null;
  /** Fabric's last status of the operation. */
  fabricStatus: string | null;
  /** Fabric's error (a Failed operation), or the run's own failure. */
  error: Pick<FabricErrorDetails, 'errorCode' | 'message'> | null;
  result: unknown;
  tables?: TableSyncStatus[];
  /** Set when the run stopped waiting: the operation goes on in Fabric. */
  note?: string;
}

const BY_TYPE: Readonly<Record<string, OperationCliStatus>> = {
  [OperationFailureTypes.Failed]: 'Failed',
  [OperationFailureTypes.TimedOut]: 'TimedOut',
};


function isResult(value: unknown): value is FabricOperationResult {
  const v = value as Partial<FabricOperationResult> | null;
  return typeof v === 'object' && v !== null && typeof v.kind === 'string' && typeof v.status === 'string' && 'operationId' in v;
}

export function baseOperationOutcome(workflowId: string, runId: string | null, state?: FabricOperationState): OperationOutcome {
  return {
    workflowId,
    runId,
    kind: state?.kind ?? null,
    status: 'Running',
    operationId: state?.operationId ?? null,
    fabricStatus: state?.status ?? null,
    error: null,
    result: null,
  };
}

function withResult(base: OperationOutcome, r: FabricOperationResult): OperationOutcome {
  return {
    ...base,
    kind: r.kind,
    operationId: r.operationId ?? base.operationId,
    fabricStatus: r.fabricStatus ?? base.fabricStatus,
    error: r.error ? { errorCode: r.error.errorCode, message: r.error.message } : null,
    result: r.result ?? null,
    ...(r.tables !== undefined && { tables: r.tables }),
    ...(r.note !== undefined && { note: r.note }),
  };
}

export function operationOutcomeFromResult(base: OperationOutcome, result: FabricOperationResult): OperationOutcome {
  return { ...withResult(base, result), status: 'Succeeded' };
}

/** The outcome of a run that failed, was cancelled, terminated or timed out (`error`: what handle.result() threw). */
export function operationOutcomeFromFailure(base: OperationOutcome, error: unknown): OperationOutcome {
  const ended = classifyEnding(error, BY_TYPE);
  const carried = failureDetail(ended, isResult);
  const outcome = carried ? withResult(base, carried) : { ...base };
  if (ended.status === 'Cancelled' && outcome.note === undefined && outcome.operationId !== null) {
    outcome.note = `Fabric cannot cancel this operation: it goes on in Fabric (operation ${outcome.operationId})`;
  }
  if (ended.status === 'Failed' && outcome.error === null) {
    const culprit = ended.application ?? ended.root;
    outcome.error = { errorCode: ended.application?.type ?? culprit?.name ?? 'WorkflowFailed', message: endingMessage(ended) ?? 'the run failed' };
  }
  return { ...outcome, status: ended.status };
}

/**
 * One human line: `Succeeded: operation <id> (workflow …)`, Fabric's error when there is one, the
 * note of a run that stopped waiting, and for a metadata refresh the tables per status.
 */
export function describeOperationOutcome(o: OperationOutcome): string {
  const operation = o.operationId ? `operation ${o.operationId}` : o.status === 'Succeeded' ? 'answered at once' : 'no operation';
  const reason = o.error ? ` — ${o.error.errorCode}: ${o.error.message}` : '';
  const note = o.note ? ` — ${o.note}` : '';
  let tables = '';
  if (o.tables) {
    const counts = new Map<string, number>();
    for (const t of o.tables) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
    tables = ` — ${o.tables.length} table${o.tables.length === 1 ? '' : 's'}${counts.size ? ` (${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}`;
  }
  return `${o.status}: ${o.kind ?? 'operation'} ${operation} (workflow ${o.workflowId})${reason}${note}${tables}`;
}
