/**
 * `pipeline list`: recent pipeline runs, newest first, from Temporal's visibility store, filtered by
 * status (in the visibility query), and by name, logical date and schedule (from each record's memo
 * and workflow id, so at most {@link MAX_SCANNED} records are looked at).
 */
import type { Command } from 'commander';
import { FABRIC_PIPELINE_WORKFLOW } from '../../contracts/pipeline.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { DEFAULT_LIST_LIMIT, listQuery, MAX_LIST_LIMIT } from '../list.js';
import { listedPipeline, type ListedPipeline } from '../list-rows.js';
import { parseChoice, parseCount } from '../parse/ids.js';
import { formatTable } from '../table.js';

/** Records looked at, at most, when a filter is not in the visibility query. */
export const MAX_SCANNED = 5_000;

/** `--status`: the CLI's words, and the execution status each one queries. */
const STATUSES = { Running: 'Running', Completed: 'Completed', Failed: 'Failed', Cancelled: 'Canceled', TimedOut: 'TimedOut', Terminated: 'Terminated' } as const;
const STATUS_NAMES = Object.keys(STATUSES) as (keyof typeof STATUSES)[];

interface RawPipelineListOptions {
  name?: string;
  status?: string;
  logicalDate?: string;
  schedule?: string;
  limit?: string;
  json?: boolean;
}

function table(rows: ListedPipeline[]): string {
  const header = ['STATUS', 'WORKFLOW ID', 'PIPELINE', 'LOGICAL DATE', 'SCHEDULE', 'STARTED', 'ENDED'];
  return formatTable(
    header,
    rows.map((r) => [r.status, r.workflowId, r.name ?? '-', r.logicalDate ?? '-', r.scheduleId ?? '-', r.startTime, r.closeTime ?? '-']),
  );
}

export function registerPipelineListCommand(pipeline: Command, ctx: CliContext): void {
  pipeline
    .command('list')
    .description('list recent pipeline runs (newest first), from Temporal visibility')
    .option('--name <name>', "only runs of this pipeline (its file's name:)")
    .option('--status <status>', `only runs that are or ended so: ${STATUS_NAMES.join(', ')}`)
    .option('--logical-date <date>', 'only the runs for this logical date (as {{ logicalDate }} is written, e.g. 2026-12-02)')
    .option('--schedule <id>', 'only the runs this Temporal Schedule started')
    .option('--limit <n>', `how many runs at most, 1 to ${MAX_LIST_LIMIT} (default ${DEFAULT_LIST_LIMIT})`)
    .option('--json', 'print one JSON object on stdout: { "pipelines": [...] }')
    .action(
      ctx.handler(async (options: RawPipelineListOptions) => {
        const limit = options.limit === undefined ? DEFAULT_LIST_LIMIT : parseCount('--limit', options.limit, 1, MAX_LIST_LIMIT);
        const status = options.status === undefined ? undefined : STATUSES[parseChoice('--status', options.status, STATUS_NAMES)];
        const wanted = (row: ListedPipeline) =>
          (options.name === undefined || row.name === options.name) &&
          (options.logicalDate === undefined || row.logicalDate === options.logicalDate) &&
          (options.schedule === undefined || row.scheduleId === options.schedule);
        const client = await ctx.client();
        const rows: ListedPipeline[] = [];
        let scanned = 0;
        for await (const info of client.workflow.list({ query: listQuery(status, [FABRIC_PIPELINE_WORKFLOW]), pageSize: 100 })) {
          const row = listedPipeline(info);
          if (wanted(row)) rows.push(row);
          if (rows.length >= limit || ++scanned >= MAX_SCANNED) break;
        }
        if (options.json) ctx.json({ pipelines: rows });
        else if (rows.length === 0) ctx.info('No pipeline runs.');
        else ctx.io.stdout.write(`${table(rows)}\n`);
        return EXIT.ok;
      }),
    );
}
