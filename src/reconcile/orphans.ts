/**
 * The orphan reconciler. A `runFabricJob` run that is terminated, or that hits its caller's
 * workflow-execution timeout, runs no more code, so nothing cancels its Fabric job: it keeps running
 * with nobody watching. This finds such runs (closed Terminated or TimedOut within the look-back
 * window), reads the job each owned from its history, asks Fabric for the job's status, and cancels
 * the ones still NotStarted or InProgress (unless `dryRun`).
 *
 * Never touched: a job whose workflow id has an open run (it may have adopted the job), and a job
 * Fabric reports in any other status. Every run looked at is in the report. Each job is read and
 * cancelled with the identity of the connection its run recorded (a connection the worker no
 * longer has is a `failed` entry).
 */
import type { Client } from '@temporalio/client';
import type { FabricClient } from '../fabric/index.js';
import { DEFAULT_CONNECTION, unknownConnectionMessage } from '../contracts/connection.js';
import { RUN_FABRIC_JOB_WORKFLOW } from '../shared.js';
import { jobOfRun } from './run-job.js';

export interface ReconcileInput {
  /** Report what would be cancelled, cancel nothing. @default false */
  dryRun?: boolean;
  /** Look at runs closed within this many ms. @default 7 days */
  lookbackMs?: number;
  /** Most closed runs looked at in one pass. @default 1000 */
  maxRuns?: number;
}

export type ReconcileAction =
  /** Still NotStarted/InProgress: the cancel request was accepted. */
  | 'cancelled'
  /** Same, in a dry run. */
  | 'would-cancel'
  /** Fabric reports it ended (Completed, Failed, Cancelled, Deduped): nothing to do. */
  | 'already-ended'
  /** The workflow id has an open run now: left alone. */
  | 'run-open'
  /** The run never got a job instance. */
  | 'no-job'
  /** Fabric could not be asked or refused the cancel (see `error`). */
  | 'failed';

export interface ReconciledRun {
  workflowId: string;
  runId: string;
  closeStatus: string;
  action: ReconcileAction;
  workspaceId?: string;
  itemId?: string;
  jobInstanceId?: string;
  /** The named connection the run used (absent: the default one). */
  connection?: string;
  /** The job's status as Fabric reported it before any cancel. */
  fabricStatus?: string;
  error?: string;
}

export interface ReconcileReport {
  dryRun: boolean;
  /** ISO time; runs closed after it were looked at. */
  since: string;
  checkedRuns: number;
  cancelled: number;
  wouldCancel: number;
  failed: number;
  runs: ReconciledRun[];
}

export const DEFAULT_LOOKBACK_MS = 7 * 24 * 3600_000;
const ACTIVE = new Set(['NotStarted', 'InProgress']);

type ReconcileFabric = Pick<FabricClient, 'getItemJobInstance' | 'cancelItemJobInstance'>;

/** The client of each connection (see src/activities/connections.ts); `default` is always there. */
export interface ReconcileClients {
  readonly names: readonly string[];
  get(name: string): ReconcileFabric | undefined;
}

function isClients(value: ReconcileFabric | ReconcileClients): value is ReconcileClients {
  return typeof (value as ReconcileClients).get === 'function' && Array.isArray((value as ReconcileClients).names);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function hasOpenRun(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch {
    return false;
  }
}

async function reconcileRun(client: Client, clients: ReconcileClients, run: ReconciledRun, dryRun: boolean): Promise<ReconciledRun> {
  const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
  const job = await jobOfRun(client, history);
  if (!job) return { ...run, action: 'no-job' };
  const withJob = { ...run, ...job };
  if (await hasOpenRun(client, run.workflowId)) return { ...withJob, action: 'run-open' };
  const fabric = clients.get(job.connection ?? DEFAULT_CONNECTION);
  if (!fabric) return { ...withJob, action: 'failed', error: `the worker has no such connection: ${unknownConnectionMessage(job.connection!, clients.names)}` };
  let status: string;
  try {
    status = (await fabric.getItemJobInstance(job)).instance.status;
  } catch (error) {
    return { ...withJob, action: 'failed', error: `status: ${message(error)}` };
  }
  if (!ACTIVE.has(status)) return { ...withJob, fabricStatus: status, action: 'already-ended' };
  if (dryRun) return { ...withJob, fabricStatus: status, action: 'would-cancel' };
  try {
    await fabric.cancelItemJobInstance(job);
    return { ...withJob, fabricStatus: status, action: 'cancelled' };
  } catch (error) {
    const ended = (error as { errorCode?: unknown }).errorCode === 'JobAlreadyCompleted';
    return ended ? { ...withJob, fabricStatus: status, action: 'already-ended' } : { ...withJob, fabricStatus: status, action: 'failed', error: `cancel: ${message(error)}` };
  }
}

/** One reconciliation pass, with one client (every run's) or one per connection. `now` for tests. */
export async function reconcileOrphans(client: Client, fabric: ReconcileFabric | ReconcileClients, input: ReconcileInput = {}, now = Date.now()): Promise<ReconcileReport> {
  const clients: ReconcileClients = isClients(fabric) ? fabric : { names: [DEFAULT_CONNECTION], get: (name) => (name === DEFAULT_CONNECTION ? fabric : undefined) };
  const dryRun = input.dryRun ?? false;
  const since = new Date(now - (input.lookbackMs ?? DEFAULT_LOOKBACK_MS)).toISOString();
  const maxRuns = input.maxRuns ?? 1000;
  const query = `WorkflowType = "${RUN_FABRIC_JOB_WORKFLOW}" AND (ExecutionStatus = "Terminated" OR ExecutionStatus = "TimedOut") AND CloseTime > "${since}"`;
  const runs: ReconciledRun[] = [];
  for await (const info of client.workflow.list({ query })) {
    if (runs.length >= maxRuns) break;
    const run: ReconciledRun = { workflowId: info.workflowId, runId: info.runId, closeStatus: info.status.name, action: 'no-job' };
    try {
      runs.push(await reconcileRun(client, clients, run, dryRun));
    } catch (error) {
      runs.push({ ...run, action: 'failed', error: message(error) });
    }
  }
  const count = (action: ReconcileAction) => runs.filter((r) => r.action === action).length;
  return { dryRun, since, checkedRuns: runs.length, cancelled: count('cancelled'), wouldCancel: count('would-cancel'), failed: count('failed'), runs };
}
