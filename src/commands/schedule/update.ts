/** `schedule update <scheduleId> ...`: the flags of `create`; only what is given changes. */
import type { Command } from 'commander';
import { applyScheduleChanges } from '../../schedules/apply-changes.js';
import { buildUpdateOptions } from '../../schedules/definition.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { assertScheduleFits, assertScheduleNamesConfigured, parseIdAndFlags, reportSchedule } from './create.js';
import { addDefinitionFlags, type RawDefinitionFlags } from './definition-flags.js';
import { describeScheduleProblem } from './problems.js';
import { asSpecError, describeSchedule, readDefinition, withSchedule } from './schedule-access.js';

export function registerScheduleUpdate(group: Command, ctx: CliContext): void {
  const command = group
    .command('update')
    .description('change a schedule: the flags of create, only those given change (a pipeline file is validated again)')
    .argument('<scheduleId>', 'the schedule to change');
  addDefinitionFlags(command, true).action(
    ctx.handler(async (rawId: string, raw: RawDefinitionFlags & { json?: boolean }) => {
      const { scheduleId, changes } = await parseIdAndFlags(rawId, raw);
      const config = ctx.config();
      const client = await ctx.client();
      const description = await describeSchedule(client, scheduleId);
      const previous = readDefinition(description);
      const result = applyScheduleChanges(previous, changes, { scheduleId, taskQueue: config.jobs.taskQueue, searchAttributes: config.jobs.searchAttributes });
      if (!result.ok) throw new UsageError(result.problems.map(describeScheduleProblem));
      const definition = result.definition;
      assertScheduleFits(definition);
      assertScheduleNamesConfigured(ctx, definition, previous);
      try {
        await withSchedule(client, scheduleId, (handle) => handle.update((current) => buildUpdateOptions(definition, current.state.paused)));
      } catch (error) {
        throw asSpecError(error);
      }
      await reportSchedule(ctx, client, scheduleId, 'Updated', raw.json === true);
      return EXIT.ok;
    }),
  );
}
