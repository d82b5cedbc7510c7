/** `schedule pause|unpause <id> [--note]` and `schedule delete <id>`. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { parseScheduleId, withSchedule } from './schedule-access.js';

export function registerSchedulePause(group: Command, ctx: CliContext): void {
  for (const verb of ['pause', 'unpause'] as const) {
    group
      .command(verb)
      .description(verb === 'pause' ? 'stop taking scheduled runs (running ones go on)' : 'take scheduled runs again (missed ones within the catchup window start)')
      .argument('<scheduleId>', 'the schedule')
      .option('--note <text>', `why (shown by describe; default "${verb}d via fabric-temporal")`)
      .action(
        ctx.handler(async (rawId: string, options: { note?: string }) => {
          const scheduleId = parseScheduleId(rawId);
          const note = options.note ?? `${verb}d via fabric-temporal`;
          const client = await ctx.client();
          await withSchedule(client, scheduleId, (handle) => (verb === 'pause' ? handle.pause(note) : handle.unpause(note)));
          ctx.info(`Schedule ${scheduleId} ${verb}d.`);
          return EXIT.ok;
        }),
      );
  }
}

export function registerScheduleDelete(group: Command, ctx: CliContext): void {
  group
    .command('delete')
    .description('delete a schedule (runs already started go on)')
    .argument('<scheduleId>', 'the schedule')
    .action(
      ctx.handler(async (rawId: string) => {
        const scheduleId = parseScheduleId(rawId);
        const client = await ctx.client();
        await withSchedule(client, scheduleId, (handle) => handle.delete());
        ctx.info(`Schedule ${scheduleId} deleted.`);
        return EXIT.ok;
      }),
    );
}
