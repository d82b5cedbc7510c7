/**
 * Pools: named concurrency limits shared by every run on a namespace (like Airflow pools). One
 * `fabricPool` workflow per pool grants slots first in, first out; a run takes a slot before its run
 * request and gives it back when its job ends. Sandbox-safe: types, names and pure rules only.
 */

/** Workflow type of the pool workflow. */
export const POOL_WORKFLOW = 'fabricPool';

/** Signal names (pool ← holder, holder ← pool) and the query name. */
export const POOL_ACQUIRE_SIGNAL = 'poolAcquire';
export const POOL_RELEASE_SIGNAL = 'poolRelease';
export const POOL_GRANTED_SIGNAL = 'poolGranted';
export const POOL_HOLDER_JOB_SIGNAL = 'poolHolderJob';
export const POOL_STATE_QUERY = 'poolState';

/** The pool workflow of pool `name` has this workflow id (one per namespace and task queue). */
export function poolWorkflowId(name: string): string {
  return `fabric-pool/${name}`;
}

/** Pool names: what FABRIC_POOLS, `--pool` and `pool:` accept. */
export const POOL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const POOL_NAME_RULE = 'must start with a letter or digit and hold at most 64 letters, digits, ".", "_" and "-"';

/** The problem with a pool name, or undefined when it is well formed. */
export function poolNameProblem(name: string): string | undefined {
  return POOL_NAME_PATTERN.test(name) ? undefined : POOL_NAME_RULE;
}

/** Who asks for a slot: a run, identified across continue-as-new by its workflow id and first run id. */
export interface PoolRequester {
  /** Unique per acquisition (a run that acquires twice uses two ids). */
  requestId: string;
  workflowId: string;
  /** The requester's first run id (workflowInfo().firstExecutionRunId): a later run reusing the workflow id is another requester. */
  firstRunId: string;
}

/** A run holding a slot. */
export interface PoolHolder extends PoolRequester {
  /** ISO time the slot was granted. */
  since: string;
  /** The Fabric job the holder started with its slot, once known. */
  jobInstanceId?: string;
}

/** A run waiting for a slot, in the order served. */
export interface PoolWaiter extends PoolRequester {
  /** ISO time the request reached the pool. */
  since: string;
}

/** What `poolAcquire` carries. */
export type PoolAcquireRequest = PoolRequester;

/** What `poolRelease` carries: the acquisition to end (held or still waiting). */
export interface PoolReleaseRequest {
  requestId: string;
  /** Why, for the pool's history: 'released', 'cancelled', …. @default 'released' */
  reason?: string;
}

/** What `poolHolderJob` carries: the Fabric job a holder started with its slot (for `pools describe`). */
export interface PoolHolderJob {
  requestId: string;
  jobInstanceId: string;
}

/** What `poolGranted` carries to the holder. */
export interface PoolGrant {
  pool: string;
  requestId: string;
}

/** Input of `fabricPool`; `state` is set only by the workflow itself when it continues as new. */
export interface FabricPoolInput {
  name: string;
  state?: FabricPoolCarriedState;
}

export interface FabricPoolCarriedState {
  holders: PoolHolder[];
  waiters: PoolWaiter[];
  /** Acquisitions granted and released so far, across continue-as-new. */
  served: number;
}

/** What the `poolState` query returns. */
export interface FabricPoolState extends FabricPoolCarriedState {
  name: string;
  /** The slot count last read from the worker's pool configuration; null before the first read. */
  slots: number | null;
  /** ISO time the holders' liveness was last checked. */
  checkedAt?: string;
}

/** The slots of every configured pool. */
export type PoolSlots = Readonly<Record<string, number>>;
