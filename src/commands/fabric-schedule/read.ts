/** `fabric-schedule list`, `get <scheduleId>` and `delete <scheduleId>`. */
import type { Command } from 'commander';
import type { ItemSchedule } from '../../fabric/index.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { addScopeFlags, callFabric, resolveScope, type RawScopeFlags } from './fabric-access.js';
import { describeConfiguration, scheduleLine } from './print.js';

type Raw = RawScopeFlags & { json?: boolean };

export function registerFabricScheduleRead(group: Command, ctx: CliContext): void {
  addScopeFlags(group.command('list').description("list an item's Fabric schedules for a job type"))
    .option('--json', 'print one JSON object on stdout: { "schedules": [...] }')
    .action(
      ctx.handler(async (raw: Raw) => {
        const { scope, fabric } = await resolveScope(ctx, raw);
        const schedules = await callFabric('list schedules', async () => {
          const all: ItemSchedule[] = [];
          for await (const schedule of fabric.listItemSchedules(scope)) all.push(schedule);
          return all;
        });
        if (raw.json) ctx.json({ schedules });
        else if (schedules.length === 0) ctx.info(`No Fabric schedules for ${scope.jobType} on item ${scope.itemId}.`);
        else ctx.io.stdout.write(`${schedules.map(scheduleLine).join('\n')}\n`);
        return EXIT.ok;
      }),
    );

  addScopeFlags(group.command('get').description('show one Fabric schedule').argument('<scheduleId>', 'the schedule id (a UUID)'))
    .option('--json', 'print the schedule as one JSON object on stdout')
    .action(
      ctx.handler(async (rawId: string, raw: Raw) => {
        const { scope, scheduleId, fabric } = await resolveScope(ctx, raw, rawId);
        const schedule = await callFabric(`schedule ${scheduleId}`, () => fabric.getItemSchedule(scope, scheduleId!));
        if (raw.json) ctx.json(schedule);
        else {
          const lines = [`Fabric schedule ${schedule.id} (${schedule.enabled ? 'enabled' : 'disabled'})`, `  ${describeConfiguration(schedule.configuration)}`];
          if (schedule.executionData) lines.push(`  executionData: ${JSON.stringify(schedule.executionData)}`);
          if (schedule.owner) lines.push(`  owner: ${schedule.owner.type} ${schedule.owner.id}`);
          ctx.io.stdout.write(`${lines.join('\n')}\n`);
        }
        return EXIT.ok;
      }),
    );

  addScopeFlags(group.command('delete').description('delete a Fabric schedule').argument('<scheduleId>', 'the schedule id (a UUID)'))
    .option('--json', 'print { "deleted": "<scheduleId>" } on stdout')
    .action(
      ctx.handler(async (rawId: string, raw: Raw) => {
        const { scope, scheduleId, fabric } = await resolveScope(ctx, raw, rawId);
        await callFabric(`delete schedule ${scheduleId}`, () => fabric.deleteItemSchedule(scope, scheduleId!));
        if (raw.json) ctx.json({ deleted: scheduleId });
        else ctx.info(`Deleted Fabric schedule ${scheduleId}.`);
        return EXIT.ok;
      }),
    );
}
