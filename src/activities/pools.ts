/**
 * The activities of pools: the pool workflow's slot count, a run's request for a slot (it starts the
 * pool workflow when needed), and the holders' liveness check that frees the slots of runs that
 * closed without giving them back (terminated, timed out).
 */
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import {
  POOL_ACQUIRE_SIGNAL,
  POOL_WORKFLOW,
  poolWorkflowId,
  type PoolAcquireRequest,
  type PoolRequester,
  type PoolSlots,
} from '../contracts/pool.js';
import { FailureTypes } from '../shared.js';

export interface RequestPoolSlotInput {
  pool: string;
  request: PoolAcquireRequest;
  /** The task queue the pool workflow runs on (the requester's own). */
  taskQueue: string;
}

/** What the pool workflow reads from the worker's configuration. */
export interface PoolSettings {
  /** The pool's slot count now, or null when the pool is no longer configured. */
  slots: number | null;
  /** How often the pool checks that its holders' runs are still open. */
  holderCheckMs: number;
}

/** @default 60_000 */
export const DEFAULT_HOLDER_CHECK_MS = 60_000;

export interface PoolActivityOptions {
  /** How often a pool checks that its holders' runs are still open (and frees the slots of closed ones). @default 60_000 */
  holderCheckMs?: number;
}

export interface PoolActivities {
  poolSettings(pool: string): Promise<PoolSettings>;
  /** Queues the request at the pool (signal-with-start). Unknown pool: non-retryable `FabricUnknownPool`. */
  requestPoolSlot(input: RequestPoolSlotInput): Promise<void>;
  /** The request ids of holders whose run is closed, or is another execution than the one that asked. */
  closedPoolHolders(holders: PoolRequester[]): Promise<string[]>;
}

/** One line naming the configured pools. */
function configuredPools(slots: PoolSlots): string {
  const names = Object.keys(slots);
  return names.length === 0 ? 'no pools are configured on the worker (FABRIC_POOLS or FABRIC_POOLS_FILE)' : `configured pools: ${names.join(', ')}`;
}

/** @param readSlots The pools' slots now (a pools file is read again on each call). */
export function createPoolActivities(readSlots: () => PoolSlots, options: PoolActivityOptions = {}): PoolActivities {
  const holderCheckMs = options.holderCheckMs ?? DEFAULT_HOLDER_CHECK_MS;
  return {
    async poolSettings(pool) {
      return { slots: readSlots()[pool] ?? null, holderCheckMs };
    },

    async requestPoolSlot({ pool, request, taskQueue }) {
      const slots = readSlots();
      if (slots[pool] === undefined) {
        throw ApplicationFailure.nonRetryable(`unknown pool ${JSON.stringify(pool)}: ${configuredPools(slots)}`, FailureTypes.UnknownPool, { pool });
      }
      await Context.current().client.workflow.signalWithStart(POOL_WORKFLOW, {
        workflowId: poolWorkflowId(pool),
        taskQueue,
        args: [{ name: pool }],
        signal: POOL_ACQUIRE_SIGNAL,
        signalArgs: [request],
      });
    },

    async closedPoolHolders(holders) {
      const client = Context.current().client;
      const closed: string[] = [];
      for (const holder of holders) {
        try {
          const description = await client.workflow.getHandle(holder.workflowId).describe();
          const firstRunId = description.raw.workflowExecutionInfo?.firstRunId;
          const sameExecution = !firstRunId || firstRunId === holder.firstRunId;
          if (description.status.name !== 'RUNNING' || !sameExecution) closed.push(holder.requestId);
        } catch (err) {
          if ((err as Error)?.name !== 'WorkflowNotFoundError') throw err;
          closed.push(holder.requestId);
        }
      }
      if (closed.length > 0) log.info(`Pool holders closed without releasing: ${closed.length}`, { requestIds: closed });
      return closed;
    },
  };
}
