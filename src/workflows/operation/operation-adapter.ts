/**
 * The `fabricOperation` kinds as one adapter of the durable-operation core (src/workflows/core):
 * how to start (per kind: src/activities/operations.ts, with each kind's rule for a retried start),
 * how to read the status (`GET /operations/{id}`), what is terminal (Succeeded, Failed), what the
 * result is (`GET /operations/{id}/result`, or the 200's body), and that Fabric cannot cancel it: no
 * `cancel`, so cancelling or timing out the run stops waiting and says the operation goes on.
 * No `find` either: Fabric has no way to list the operations a caller started. Sandbox-safe.
 */
import { ApplicationFailure, log, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { GetOperationStatusOutput, OperationActivities } from '../../activities/operation-types.js';
import {
  isTerminalOperationStatus,
  KNOWN_OPERATION_STATUSES,
  OperationFailureTypes,
  startRetryRule,
  type FabricOperationInput,
  type FabricOperationResult,
  type FabricOperationStatus,
  type TableSyncStatus,
} from '../../contracts/fabric-operation.js';
import { CALL_ACTIVITY_OPTIONS, pollActivityOptions, START_ACTIVITY_OPTIONS } from '../core/activity-options.js';
import type { Operation, OperationRef, OperationStarted, TimeoutEnd } from '../core/operation.js';
import type { ResolvedPollInterval } from '../core/poll-interval.js';
import type { FabricOperationRun } from './operation-state.js';

/** A status poll's answer; `immediate` holds the result when Fabric answered the start 200 at once. */
export type OperationPollAnswer = GetOperationStatusOutput & { immediate?: { result: unknown } };

/** The handle's id when Fabric answered the start with the result at once (no operation to poll). */
const ANSWERED_AT_ONCE = 'answered-at-once';

const { startFabricOperation } = proxyActivities<OperationActivities>(START_ACTIVITY_OPTIONS);
const { getFabricOperationResult } = proxyActivities<OperationActivities>(CALL_ACTIVITY_OPTIONS);

const NOT_CANCELLABLE = 'Fabric cannot cancel this operation: it goes on in Fabric';

/** `load table sales`, `refresh SQL endpoint metadata`: for logs and failures. */
function what(input: FabricOperationInput): string {
  switch (input.kind) {
    case 'sqlEndpointRefreshMetadata':
      return `metadata refresh of SQL analytics endpoint ${input.sqlEndpointId}`;
    case 'lakehouseLoadTable':
      return `load of table ${input.tableName} into lakehouse ${input.lakehouseId}`;
    case 'deploymentPipelineDeploy':
      return `deploy of deployment pipeline ${input.deploymentPipelineId}`;
    case 'fabricOperation':
      return `operation POST ${input.path}`;
  }
}

export function operationAdapter(run: FabricOperationRun, input: FabricOperationInput, interval: ResolvedPollInterval): Operation<OperationPollAnswer, FabricOperationResult> {
  let immediate: { result: unknown } | undefined;

  function resultOf(status: FabricOperationStatus, answer: OperationPollAnswer | undefined, result: unknown, note?: string): FabricOperationResult {
    const state = answer?.found ? answer.state : undefined;
    const operationId = run.handle && run.handle.id !== ANSWERED_AT_ONCE ? run.handle.id : null;
    const tables =
      input.kind === 'sqlEndpointRefreshMetadata' && typeof result === 'object' && result !== null && Array.isArray((result as { value?: unknown }).value)
        ? ((result as { value: TableSyncStatus[] }).value)
        : undefined;
    return {
      kind: input.kind,
      operationId,
      status,
      fabricStatus: state?.status ?? null,
      createdTimeUtc: state?.createdTimeUtc ?? null,
      lastUpdatedTimeUtc: state?.lastUpdatedTimeUtc ?? null,
      error: state?.error ?? null,
      result: result ?? null,
      ...(tables !== undefined && { tables }),
      ...(input.kind === 'deploymentPipelineDeploy' && { sourceStageId: input.sourceStage, targetStageId: input.targetStage }),
      polls: run.polls,
      ...(note !== undefined && { note }),
    };
  }

  return {
    names: { thing: 'operation', instance: 'operation' },
    interval,

    async start(): Promise<OperationStarted> {
      const { resume: _resume, timeoutMs: _t, pollInterval: _p, pool: _pool, ...spec } = input;
      const rule = startRetryRule(input) === 'resend' ? 'safe to send again' : 'never sent twice';
      log.info(`Starting the ${what(input)} (a start whose answer is lost: ${rule})`, { kind: input.kind });
      const out = await startFabricOperation(spec);
      if (!out.accepted) {
        immediate = { result: out.result };
        log.info(`Fabric answered the ${what(input)} with its result at once`);
        return { id: ANSWERED_AT_ONCE, adopted: false, retryAfterMs: 0 };
      }
      return { id: out.operationId, adopted: false, retryAfterMs: out.retryAfterMs };
    },

    async poll(ref: OperationRef, timeLeftMs?: number): Promise<OperationPollAnswer> {
      if (ref.id === ANSWERED_AT_ONCE && immediate) {
        const now = new Date().toISOString();
        return { found: true, state: { status: 'Succeeded', createdTimeUtc: now, lastUpdatedTimeUtc: now, percentComplete: 100 }, immediate };
      }
      const { getFabricOperationStatus } = proxyLocalActivities<OperationActivities>(pollActivityOptions(timeLeftMs));
      return getFabricOperationStatus({ ...(input.connection !== undefined && { connection: input.connection }), operationId: ref.id, seen: ref.seen });
    },

    statusOf: (answer) => (answer.found ? answer.state.status : undefined),
    isTerminal: isTerminalOperationStatus,
    isKnownStatus: (status) => (KNOWN_OPERATION_STATUSES as readonly string[]).includes(status),

    continueAsNewInput(nextPollDelayMs: number): FabricOperationInput {
      const poolLease = run.poolLease();
      return {
        ...input,
        resume: {
          operationId: run.handle!.id,
          polls: run.polls,
          startedAtMs: run.startedAtMs,
          nextPollDelayMs,
          seen: run.seen,
          ...(poolLease !== undefined && { poolLease }),
        },
      };
    },

    async result(terminal: OperationPollAnswer): Promise<FabricOperationResult> {
      const status = terminal.found && terminal.state.status === 'Succeeded' ? 'Succeeded' : 'Failed';
      if (status === 'Failed') return resultOf('Failed', terminal, null);
      if (terminal.immediate) return resultOf('Succeeded', terminal, terminal.immediate.result);
      // The spec defines no result for a table load: nothing to read.
      if (input.kind === 'lakehouseLoadTable') return resultOf('Succeeded', terminal, null);
      const { result } = await getFabricOperationResult({ ...(input.connection !== undefined && { connection: input.connection }), operationId: run.handle!.id });
      return resultOf('Succeeded', terminal, result);
    },

    outcomeFailure(result: FabricOperationResult): ApplicationFailure | undefined {
      if (result.status !== 'Failed') return undefined;
      const reason = result.error ? `${result.error.errorCode}: ${result.error.message}` : 'Fabric gave no error';
      return ApplicationFailure.nonRetryable(`The ${what(input)} (operation ${result.operationId}) failed in Fabric: ${reason}`, OperationFailureTypes.Failed, result);
    },

    timedOutFailure(end: TimeoutEnd): ApplicationFailure {
      const id = end.handle?.id;
      const started = id !== undefined && id !== ANSWERED_AT_ONCE;
      const note = started ? `${NOT_CANCELLABLE} (operation ${id})` : 'the operation was not started';
      const result = resultOf('TimedOut', run.last, null, note);
      return ApplicationFailure.nonRetryable(`The ${what(input)} did not end within ${end.timeoutMs} ms; stopped waiting: ${note}`, OperationFailureTypes.TimedOut, result);
    },
  };
}
