/**
 * `fabric-temporal reconcile [--dry-run] [--since 7d] [--json]`: one pass of the orphan reconciler
 * (src/reconcile): Fabric jobs of runFabricJob runs that were terminated or timed out, still
 * NotStarted/InProgress, are cancelled. The pass runs as the `fabricReconcile` workflow on a worker
 * (which holds the Fabric credential), so its report is recorded in that workflow's history.
 *
 * `--schedule <every>` instead creates (or updates) the Temporal Schedule `fabric-temporal-reconcile`
 * that starts the same workflow at that interval.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { ReconcileInput, ReconcileReport, ReconciledRun } from '../reconcile/orphans.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { parseDuration } from './parse/duration.js';

export const RECONCILE_WORKFLOW_TYPE = 'fabricReconcile';
export const RECONCILE_SCHEDULE_ID = 'fabric-temporal-reconcile';

interface ReconcileOptions {
  dryRun?: boolean;
  since?: string;
  schedule?: string;
  json?: boolean;
}

function line(run: ReconciledRun): string {
  const job = run.jobInstanceId ? `job ${run.jobInstanceId} (item ${run.itemId})` : 'no job';
  const status = run.fabricStatus ? ` was ${run.fabricStatus}` : '';
  return `  ${run.action.padEnd(13)} ${run.workflowId} [${run.closeStatus}] ${job}${status}${run.error ? `: ${run.error}` : ''}`;
}

async function upsertSchedule(client: Client, taskQueue: string, everyMs: number, input: ReconcileInput): Promise<'created' | 'updated'> {
  const action = { type: 'startWorkflow' as const, workflowType: RECONCILE_WORKFLOW_TYPE, taskQueue, args: [input], workflowId: `${RECONCILE_SCHEDULE_ID}-run` };
  const spec = { intervals: [{ every: everyMs }] };
  try {
    await client.schedule.create({ scheduleId: RECONCILE_SCHEDULE_ID, spec, action, policies: { overlap: 'SKIP' } });
    return 'created';
  } catch (error) {
    if ((error as Error | null)?.name !== 'ScheduleAlreadyRunning') throw error;
    await client.schedule.getHandle(RECONCILE_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action }));
    return 'updated';
  }
}

export function registerReconcileCommand(program: Command, ctx: CliContext): void {
  program
    .command('reconcile')
    .description('cancel the Fabric jobs of terminated or timed-out runs that are still running (orphans)')
    .option('--dry-run', 'report what would be cancelled, cancel nothing')
    .option('--since <duration>', 'look at runs closed within this long, e.g. 24h (default 7d)')
    .option('--schedule <every>', 'instead, create or update the Temporal Schedule that runs this every <every> (e.g. 15m)')
    .option('--json', 'print one JSON object on stdout (the report, or the schedule)')
    .action(
      ctx.handler(async (options: ReconcileOptions) => {
        const input: ReconcileInput = { dryRun: options.dryRun === true };
        if (options.since !== undefined) input.lookbackMs = parseDuration('--since', options.since);
        const everyMs = options.schedule === undefined ? undefined : parseDuration('--schedule', options.schedule);
        const { taskQueue } = ctx.config().jobs;
        const client = await ctx.client();
        if (everyMs !== undefined) {
          const done = await upsertSchedule(client, taskQueue, everyMs, input);
          if (options.json) ctx.json({ scheduleId: RECONCILE_SCHEDULE_ID, result: done, everyMs, dryRun: input.dryRun });
          else ctx.info(`Schedule ${RECONCILE_SCHEDULE_ID} ${done}: reconcile every ${options.schedule} on task queue ${taskQueue}${input.dryRun ? ' (dry run)' : ''}.`);
          return EXIT.ok;
        }
        const workflowId = `fabric-reconcile-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        const handle = await client.workflow.start(RECONCILE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] });
        if (!options.json) ctx.info(`Reconciling (workflow ${workflowId}) ...`);
        const report = (await handle.result()) as ReconcileReport;
        if (options.json) ctx.json({ workflowId, ...report });
        else {
          const acted = report.runs.filter((r) => r.action !== 'no-job');
          ctx.info(
            `Looked at ${report.checkedRuns} terminated or timed-out run(s) closed since ${report.since}: ` +
              (report.dryRun ? `${report.wouldCancel} job(s) would be cancelled` : `${report.cancelled} job(s) cancelled`) +
              `, ${report.failed} failure(s).`,
          );
          for (const run of acted) ctx.info(line(run));
        }
        return report.failed > 0 ? EXIT.jobNotCompleted : EXIT.ok;
      }),
    );
}
