/**
 * `fabric-temporal list`: recent `runFabricJob` runs, from Temporal's visibility store. Its cost
 * does not grow with a row's history: one visibility RPC per page of 100 runs (rows: list-rows.ts),
 * plus, for running rows whose job instance visibility does not hold, one `state` query each for
 * at most {@link MAX_RUNNING_QUERIES} of them, in parallel.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { RUN_FABRIC_JOB_WORKFLOW } from '../shared.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { listedRun, type ListedRun } from './list-rows.js';
import { parseCount } from './parse/ids.js';
import { queryState } from './run-outcome.js';
import { formatTable } from './table.js';

export type { ListedRun } from './list-rows.js';

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 1000;
/** Running rows without a job instance in visibility get it from their `state` query, up to this many. */
export const MAX_RUNNING_QUERIES = 20;

/** The visibility query: job runs, optionally only running ones (continued-as-new runs are left out). */
export function listQuery(runningOnly: boolean): string {
  const status = runningOnly ? `ExecutionStatus = 'Running'` : `ExecutionStatus != 'ContinuedAsNew'`;
  return `WorkflowType = '${RUN_FABRIC_JOB_WORKFLOW}' AND ${status}`;
}

/** Fills the job instance of running rows that visibility does not have it for (a worker answers the query). */
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

function table(rows: ListedRun[]): string {
  const header = ['STATUS', 'WORKFLOW ID', 'JOB TYPE', 'ITEM', 'JOB INSTANCE', 'STARTED'];
  const cells = rows.map((r) => [r.status, r.workflowId, r.jobType ?? '-', r.itemId ?? '-', r.jobInstanceId ?? '-', r.startTime]);
  return formatTable(header, cells);
}

export function registerListCommand(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list recent Fabric job runs (newest first), from Temporal visibility')
    .option('--running', 'only runs that have not ended')
    .option('--limit <n>', `how many runs at most, 1 to ${MAX_LIST_LIMIT} (default ${DEFAULT_LIST_LIMIT})`)
    .option('--json', 'print one JSON object on stdout: { "workflows": [...] }')
    .action(
      ctx.handler(async (options: { running?: boolean; limit?: string; json?: boolean }) => {
        const limit = options.limit === undefined ? DEFAULT_LIST_LIMIT : parseCount('--limit', options.limit, 1, MAX_LIST_LIMIT);
        const client = await ctx.client();
        const rows: ListedRun[] = [];
        for await (const info of client.workflow.list({ query: listQuery(options.running === true), pageSize: Math.min(limit, 100) })) {
          rows.push(listedRun(info));
          if (rows.length >= limit) break;
        }
        await fillRunningJobs(client, rows);
        if (options.json) ctx.json({ workflows: rows });
        else if (rows.length === 0) ctx.info(options.running ? 'No running Fabric job runs.' : 'No Fabric job runs.');
        else ctx.io.stdout.write(`${table(rows)}\n`);
        return EXIT.ok;
      }),
    );
}
