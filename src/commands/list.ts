/**
 * `fabric-temporal list`: recent runs, newest first, from Temporal's visibility store: each job run
 * (`runFabricJob`) and each pipeline run once, with its steps folded under it (one visibility query
 * per pipeline; `--no-steps`: the pipelines alone). Rows come from the visibility records (one RPC per page of 100 runs, rows:
 * list-rows.ts); what a record lacks — the job type, item and job instance of a run whose memo and
 * search attributes do not hold them (pipeline steps, FABRIC_SEARCH_ATTRIBUTES off) — is read from
 * the run's own history, for at most {@link MAX_HISTORY_READS} rows, a few at a time; a running row
 * still without its job instance asks the run's `state` query (at most {@link MAX_RUNNING_QUERIES}).
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Command } from 'commander';
import { FABRIC_PIPELINE_WORKFLOW } from '../contracts/pipeline.js';
import { recordedTarget } from '../reconcile/run-job.js';
import { RUN_FABRIC_JOB_WORKFLOW } from '../shared.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { listedPipeline, listedRun, type ListedPipeline, type ListedRun } from './list-rows.js';
import { parseCount } from './parse/ids.js';
import { queryState } from './run-outcome.js';
import { formatTable } from './table.js';

export type { ListedRun } from './list-rows.js';

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 1000;
/** Running rows without a job instance in visibility get it from their `state` query, up to this many. */
export const MAX_RUNNING_QUERIES = 20;
/** Rows whose visibility record lacks their job get it from their history, up to this many. */
export const MAX_HISTORY_READS = 100;
/** History reads at once. */
const HISTORY_READS_AT_ONCE = 8;

/** A job run's row; `kind` tells it from a pipeline's. */
export type JobEntry = { kind: 'job' } & ListedRun;
/** A pipeline run's row, with its step runs (oldest first). */
export type PipelineEntry = { kind: 'pipeline' } & ListedPipeline & { steps: JobEntry[] };
export type ListEntry = JobEntry | PipelineEntry;

/**
 * The visibility query: runs of `types`, of one execution status (`Running`, `Completed`, `Failed`,
 * `Canceled`, `Terminated`, `TimedOut`) or any but continued-as-new ones.
 */
export function listQuery(executionStatus: string | undefined, types: readonly string[] = [RUN_FABRIC_JOB_WORKFLOW, FABRIC_PIPELINE_WORKFLOW]): string {
  const status = executionStatus !== undefined ? `ExecutionStatus = '${executionStatus}'` : `ExecutionStatus != 'ContinuedAsNew'`;
  return `WorkflowType IN (${types.map((type) => `'${type}'`).join(', ')}) AND ${status}`;
}

/** Whether the parent run of a job run is a pipeline (one describe per parent, cached). */
function pipelineParents(client: Client): (info: WorkflowExecutionInfo) => Promise<string | undefined> {
  const known = new Map<string, Promise<boolean>>();
  return async (info) => {
    const parent = info.parentExecution;
    if (!parent?.workflowId || !parent.runId) return undefined;
    const key = `${parent.workflowId}/${parent.runId}`;
    let isPipeline = known.get(key);
    if (!isPipeline) {
      isPipeline = client.workflow
        .getHandle(parent.workflowId, parent.runId)
        .describe()
        .then((d) => d.type === FABRIC_PIPELINE_WORKFLOW)
        .catch(() => false);
      known.set(key, isPipeline);
    }
    return (await isPipeline) ? key : undefined;
  };
}

/**
 * Every step run of a pipeline run (one visibility query on its parent ids), or undefined when the
 * server cannot query by parent (older servers): the steps the listing itself met are used then.
 */
async function stepsOfPipeline(client: Client, pipeline: { workflowId: string; runId: string }): Promise<JobEntry[] | undefined> {
  const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const query = `${listQuery(undefined, [RUN_FABRIC_JOB_WORKFLOW])} AND ParentWorkflowId = ${quoted(pipeline.workflowId)} AND ParentRunId = ${quoted(pipeline.runId)}`;
  try {
    const steps: JobEntry[] = [];
    for await (const info of client.workflow.list({ query, pageSize: 100 })) steps.push({ kind: 'job', ...listedRun(info) });
    return steps;
  } catch {
    return undefined;
  }
}

/**
 * Up to `limit` rows (a pipeline with its steps counts once), in the listing's order: running runs
 * first, then by when they closed, newest first. The steps a pipeline row gets are all its step runs
 * (also with `--running`), oldest first.
 */
async function listEntries(client: Client, runningOnly: boolean, limit: number, withSteps: boolean): Promise<ListEntry[]> {
  const entries: ListEntry[] = [];
  const met = new Map<string, JobEntry[]>();
  const parentPipeline = pipelineParents(client);
  for await (const info of client.workflow.list({ query: listQuery(runningOnly ? 'Running' : undefined), pageSize: Math.min(limit, 100) })) {
    if (info.type === FABRIC_PIPELINE_WORKFLOW) {
      entries.push({ kind: 'pipeline', ...listedPipeline(info), steps: [] });
    } else {
      const row: JobEntry = { kind: 'job', ...listedRun(info) };
      const parent = await parentPipeline(info);
      if (parent === undefined) entries.push(row);
      else met.set(parent, [...(met.get(parent) ?? []), row]);
    }
    if (entries.length >= limit) break;
  }
  if (withSteps) {
    for (const entry of entries) {
      if (entry.kind !== 'pipeline') continue;
      const steps = (await stepsOfPipeline(client, entry)) ?? met.get(`${entry.workflowId}/${entry.runId}`) ?? [];
      entry.steps = steps.sort((a, b) => a.startTime.localeCompare(b.startTime));
    }
  }
  return entries;
}

/** Runs `work` on each item, `atOnce` at a time. */
async function eachAtOnce<T>(items: readonly T[], atOnce: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
}

/** Fills what visibility lacks from each run's history: its workspace, item, job type and job instance. */
async function fillFromHistory(client: Client, rows: ListedRun[]): Promise<void> {
  const missing = rows.filter((row) => row.workspaceId === null || row.itemId === null || row.jobType === null || row.jobInstanceId === null).slice(0, MAX_HISTORY_READS);
  await eachAtOnce(missing, HISTORY_READS_AT_ONCE, async (row) => {
    try {
      const history = await client.workflow.getHandle(row.workflowId, row.runId ?? undefined).fetchHistory();
      const target = await recordedTarget(client, history);
      row.workspaceId ??= target.workspaceId ?? null;
      row.itemId ??= target.itemId ?? null;
      row.jobType ??= target.jobType ?? null;
      row.jobInstanceId ??= target.jobInstanceId ?? null;
    } catch {
      // unreadable (e.g. past retention): the row keeps its dashes
    }
  });
}

/** Fills the job instance of running rows still without one (a worker answers the query). */
async function fillRunningJobs(client: Client, rows: ListedRun[]): Promise<void> {
  const missing = rows.filter((row) => row.status === 'Running' && row.jobInstanceId === null).slice(0, MAX_RUNNING_QUERIES);
  await Promise.all(
    missing.map(async (row) => {
      const state = await queryState(client, client.workflow.getHandle(row.workflowId, row.runId ?? undefined), 2_000);
      row.jobInstanceId = state?.jobInstanceId ?? null;
      row.startTimeUtc = state?.instance?.startTimeUtc ?? null;
    }),
  );
}

function jobCells(r: ListedRun, indent: string): string[] {
  return [r.status, `${indent}${r.workflowId}`, r.jobType ?? '-', r.itemId ?? '-', r.jobInstanceId ?? '-', r.startTime];
}

function table(entries: ListEntry[], withSteps: boolean): string {
  const header = ['STATUS', 'WORKFLOW ID', 'JOB TYPE', 'ITEM', 'JOB INSTANCE', 'STARTED'];
  const cells = entries.flatMap((e) => {
    if (e.kind === 'job') return [jobCells(e, '')];
    const steps = `${e.steps.length} step${e.steps.length === 1 ? '' : 's'}`;
    const row = [e.status, e.workflowId, 'pipeline', `${e.name ?? '?'} (${withSteps ? steps : 'pipeline status for its steps'})`, '-', e.startTime];
    return [row, ...(withSteps ? e.steps.map((step) => jobCells(step, '  ')) : [])];
  });
  return formatTable(header, cells);
}

export function registerListCommand(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list recent job and pipeline runs (newest first), each pipeline once with its steps under it')
    .option('--running', 'only runs that have not ended')
    .option('--limit <n>', `how many runs at most (a pipeline and its steps count once), 1 to ${MAX_LIST_LIMIT} (default ${DEFAULT_LIST_LIMIT})`)
    .option('--no-steps', 'show each pipeline without its steps')
    .option('--json', 'print one JSON object on stdout: { "workflows": [...] }')
    .action(
      ctx.handler(async (options: { running?: boolean; limit?: string; steps: boolean; json?: boolean }) => {
        const limit = options.limit === undefined ? DEFAULT_LIST_LIMIT : parseCount('--limit', options.limit, 1, MAX_LIST_LIMIT);
        const client = await ctx.client();
        const entries = await listEntries(client, options.running === true, limit, options.steps);
        const jobs = entries.flatMap((e) => (e.kind === 'job' ? [e] : e.steps));
        await fillFromHistory(client, jobs);
        await fillRunningJobs(client, jobs);
        if (options.json) ctx.json({ workflows: entries });
        else if (entries.length === 0) ctx.info(options.running ? 'No running Fabric job or pipeline runs.' : 'No Fabric job or pipeline runs.');
        else ctx.io.stdout.write(`${table(entries, options.steps)}\n`);
        return EXIT.ok;
      }),
    );
}
