/** `schedule list` and `schedule describe <id>`: definitions, next runs with their logical dates, recent runs with their outcome. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { renderSchedule, renderScheduleTable } from './render.js';
import { describeSchedule, parseScheduleId } from './schedule-access.js';
import { scheduleView, type ScheduleView } from './view.js';

export function registerScheduleList(group: Command, ctx: CliContext): void {
  group
    .command('list')
    .description('list the schedules of the namespace')
    .option('--json', 'print one JSON object on stdout: { "schedules": [...] } (each as `describe --json` shows it)')
    .action(
      ctx.handler(async (options: { json?: boolean }) => {
        const client = await ctx.client();
        const views: ScheduleView[] = [];
        for await (const summary of client.schedule.list()) {
          try {
            views.push(await scheduleView(client, await describeSchedule(client, summary.scheduleId)));
          } catch (error) {
            // Deleted between the listing (eventually consistent) and the describe: leave it out.
            if ((error as Error | null)?.name !== 'UsageError') throw error;
          }
        }
        views.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
        if (options.json) ctx.json({ schedules: views });
        else if (views.length === 0) ctx.info('No schedules.');
        else ctx.io.stdout.write(`${renderScheduleTable(views)}\n`);
        return EXIT.ok;
      }),
    );
}

export function registerScheduleDescribe(group: Command, ctx: CliContext): void {
  group
    .command('describe')
    .description('show a schedule: what it runs and when, next runs with their logical dates, recent runs with their outcome')
    .argument('<scheduleId>', 'the schedule')
    .option('--json', 'print one JSON object on stdout')
    .action(
      ctx.handler(async (rawId: string, options: { json?: boolean }) => {
        const scheduleId = parseScheduleId(rawId);
        const client = await ctx.client();
        const view = await scheduleView(client, await describeSchedule(client, scheduleId));
        if (options.json) ctx.json(view);
        else ctx.io.stdout.write(`${renderSchedule(view)}\n`);
        return EXIT.ok;
      }),
    );
}
