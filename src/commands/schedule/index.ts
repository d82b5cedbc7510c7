/**
 * `fabric-temporal schedule ...`: Temporal Schedules of pipelines and single jobs, with logical
 * dates and logical-date run identity (docs/schedules.md).
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerScheduleCreate } from './create.js';
import { registerScheduleDescribe, registerScheduleList } from './inspect.js';
import { registerScheduleBackfill, registerScheduleTrigger } from './run-now.js';
import { registerScheduleDelete, registerSchedulePause } from './state.js';
import { registerScheduleUpdate } from './update.js';

export function registerScheduleCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command('schedule')
    .description('Temporal Schedules of pipelines and single jobs: every run gets a logical date, and a date never runs twice at once');
  registerScheduleCreate(group, ctx);
  registerScheduleList(group, ctx);
  registerScheduleDescribe(group, ctx);
  registerSchedulePause(group, ctx);
  registerScheduleTrigger(group, ctx);
  registerScheduleBackfill(group, ctx);
  registerScheduleUpdate(group, ctx);
  registerScheduleDelete(group, ctx);
}
