/**
 * `schedule trigger <id>` (one run now; overlap skip unless --overlap) and `schedule backfill <id>
 * --from --to` (the runs that were due in a past range; overlap buffer-all unless --overlap).
 * Logical-date identity still holds: a date already running or completed is not run again.
 */
import type { Command } from 'commander';
import { backfillRange, parseBackfillBound } from '../../schedules/backfill-range.js';
import { logicalDateWorkflowId } from '../../schedules/identity.js';
import { formatLogicalDate } from '../../schedules/logical-date.js';
import { DEFAULT_BACKFILL_OVERLAP, DEFAULT_TRIGGER_OVERLAP, OVERLAP_NAMES, toOverlapPolicy } from '../../schedules/overlap.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseChoice } from '../parse/ids.js';
import { describeSchedule, parseScheduleId, readDefinition, withSchedule } from './schedule-access.js';

export function registerScheduleTrigger(group: Command, ctx: CliContext): void {
  group
    .command('trigger')
    .description("start one run now (its logical date is now's); skipped while another run of the schedule is running, unless --overlap says otherwise")
    .argument('<scheduleId>', 'the schedule')
    .option('--overlap <policy>', `${OVERLAP_NAMES.join(', ')} (default ${DEFAULT_TRIGGER_OVERLAP})`)
    .option('--json', 'print one JSON object on stdout')
    .action(
      ctx.handler(async (rawId: string, options: { overlap?: string; json?: boolean }) => {
        const c = new ProblemCollector();
        const scheduleId = c.take(() => parseScheduleId(rawId));
        const overlap = c.optional(options.overlap, (t) => parseChoice('--overlap', t, OVERLAP_NAMES)) ?? DEFAULT_TRIGGER_OVERLAP;
        c.throwIfAny();
        const client = await ctx.client();
        const definition = readDefinition(await describeSchedule(client, scheduleId!));
        await withSchedule(client, scheduleId!, (handle) => handle.trigger(toOverlapPolicy(overlap)));
        const logicalDate = formatLogicalDate(new Date(), { format: definition.logicalDateFormat, timeZone: definition.timeZone });
        const runWorkflowId = logicalDateWorkflowId(definition.identity, logicalDate);
        if (options.json) ctx.json({ scheduleId, overlap, logicalDate, runWorkflowId });
        else ctx.info(`Triggered schedule ${scheduleId} (overlap ${overlap}): logical date ${logicalDate}, run ${runWorkflowId} (nothing runs if that date is already running or completed).`);
        return EXIT.ok;
      }),
    );
}

export function registerScheduleBackfill(group: Command, ctx: CliContext): void {
  group
    .command('backfill')
    .description('take the runs that were due between --from and --to (both inclusive), each with its own logical date')
    .argument('<scheduleId>', 'the schedule')
    .requiredOption('--from <time>', 'start: a date (its whole day in the schedule time zone), a local date-time, or an instant with Z/offset')
    .requiredOption('--to <time>', 'end (inclusive): same forms; capped at now')
    .option('--overlap <policy>', `${OVERLAP_NAMES.join(', ')} (default ${DEFAULT_BACKFILL_OVERLAP}: every period, one after the other)`)
    .option('--json', 'print one JSON object on stdout')
    .action(
      ctx.handler(async (rawId: string, options: { from: string; to: string; overlap?: string; json?: boolean }) => {
        const c = new ProblemCollector();
        const scheduleId = c.take(() => parseScheduleId(rawId));
        const overlap = c.optional(options.overlap, (t) => parseChoice('--overlap', t, OVERLAP_NAMES)) ?? DEFAULT_BACKFILL_OVERLAP;
        for (const [flag, text] of [['--from', options.from], ['--to', options.to]] as const) {
          const form = parseBackfillBound(text, flag === '--from' ? 'from' : 'to', 'UTC');
          if (!form.ok) c.add(`${flag} ${JSON.stringify(text)}: ${form.problem}`);
        }
        c.throwIfAny();
        const client = await ctx.client();
        const definition = readDefinition(await describeSchedule(client, scheduleId!));
        const from = parseBackfillBound(options.from, 'from', definition.timeZone);
        const to = parseBackfillBound(options.to, 'to', definition.timeZone);
        if (!from.ok || !to.ok) throw new UsageError('--from/--to: not a date or time');
        const range = backfillRange(from.at, to.at, new Date());
        if (!range.ok) throw new UsageError(range.problem);
        await withSchedule(client, scheduleId!, (handle) => handle.backfill({ start: range.start, end: range.end, overlap: toOverlapPolicy(overlap) }));
        const result = { scheduleId, from: range.start.toISOString(), to: range.end.toISOString(), overlap };
        if (options.json) ctx.json(result);
        else {
          ctx.info(
            `Backfill of schedule ${scheduleId} requested for ${result.from} .. ${result.to} (overlap ${overlap}); Temporal starts the runs shortly. Follow them with \`fabric-temporal schedule describe ${scheduleId}\`.`,
          );
        }
        return EXIT.ok;
      }),
    );
}
