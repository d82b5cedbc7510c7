/** `fabric-temporal list`: recent `runFabricJob` runs, from Temporal's visibility store. */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Command } from 'commander';
import { RUN_FABRIC_JOB_WORKFLOW, SEARCH_ATTRIBUTES } from '../shared.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { baseOutcome, type JobOutcome } from './outcome.js';
import { parseCount } from './parse/ids.js';
import { waitForOutcome } from './run-outcome.js';
import { formatTable } from './table.js';

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 1000;

export interface ListedRun extends JobOutcome {
  workspaceId: string | null;
  itemId: string | null;
  jobType: string | null;
  /** When the workflow run started / closed (ISO). */
  startTime: string;
  closeTime: string | null;
}

/** The visibility query: job runs, optionally only running ones (continued-as-new runs are left out). */
export function listQuery(runningOnly: boolean): string {
  const status = runningOnly ? `ExecutionStatus = 'Running'` : `ExecutionStatus != 'ContinuedAsNew'`;
  return `WorkflowType = '${RUN_FABRIC_JOB_WORKFLOW}' AND ${status}`;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null;
}

async function toRow(client: Client, info: WorkflowExecutionInfo): Promise<ListedRun> {
  const memo = info.memo ?? {};
  const attrs = (info.searchAttributes ?? {}) as Record<string, unknown>;
  let outcome = baseOutcome(info.workflowId, info.runId);
  if (info.status.name !== 'RUNNING') {
    outcome = (await waitForOutcome(client, info.workflowId, { runId: info.runId, queryWhenMissing: false })).outcome;
  }
  outcome.jobInstanceId ??= text(attrs[SEARCH_ATTRIBUTES.jobInstanceId]);
  return {
    ...outcome,
    workspaceId: text(memo.workspaceId) ?? text(attrs[SEARCH_ATTRIBUTES.workspaceId]),
    itemId: text(memo.itemId) ?? text(attrs[SEARCH_ATTRIBUTES.itemId]),
    jobType: text(memo.jobType) ?? text(attrs[SEARCH_ATTRIBUTES.jobType]),
    startTime: info.startTime.toISOString(),
    closeTime: info.closeTime?.toISOString() ?? null,
  };
}

function table(rows: ListedRun[]): string {
  const header = ['STATUS', 'WORKFLOW ID', 'JOB TYPE', 'ITEM', 'JOB INSTANCE', 'STARTED'];
  const cells = rows.map((r) => [r.status, r.workflowId, r.jobType ?? '-', r.itemId ?? '-', r.jobInstanceId ?? '-', r.startTime]);
  return formatTable(header, cells);
}

export function registerListCommand(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list recent Fabric job runs (newest first)')
    .option('--running', 'only runs that have not ended')
    .option('--limit <n>', `how many runs at most, 1 to ${MAX_LIST_LIMIT} (default ${DEFAULT_LIST_LIMIT})`)
    .option('--json', 'print one JSON object on stdout: { "workflows": [...] }')
    .action(
      ctx.handler(async (options: { running?: boolean; limit?: string; json?: boolean }) => {
        const limit = options.limit === undefined ? DEFAULT_LIST_LIMIT : parseCount('--limit', options.limit, 1, MAX_LIST_LIMIT);
        const client = await ctx.client();
        const infos: WorkflowExecutionInfo[] = [];
        for await (const info of client.workflow.list({ query: listQuery(options.running === true), pageSize: Math.min(limit, 100) })) {
          infos.push(info);
          if (infos.length >= limit) break;
        }
        const rows: ListedRun[] = [];
        for (const info of infos) rows.push(await toRow(client, info));
        if (options.json) ctx.json({ workflows: rows });
        else if (rows.length === 0) ctx.info(options.running ? 'No running Fabric job runs.' : 'No Fabric job runs.');
        else ctx.io.stdout.write(`${table(rows)}\n`);
        return EXIT.ok;
      }),
    );
}
