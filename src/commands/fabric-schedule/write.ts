/** `fabric-schedule create` and `fabric-schedule update <scheduleId>`. */
import type { Command } from 'commander';
import type { ItemSchedule } from '../../fabric/index.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseJsonObject } from '../parse/json-input.js';
import { buildConfiguration, type RawConfigurationFlags } from './configuration.js';
import { addScopeFlags, callFabric, resolveScope, type RawScopeFlags } from './fabric-access.js';
import { scheduleLine } from './print.js';

type RawWriteFlags = RawScopeFlags & RawConfigurationFlags & { enabled?: boolean; disabled?: boolean; executionData?: string; json?: boolean };

function addWriteFlags(command: Command): Command {
  return addScopeFlags(command)
    .option('--interval <minutes>', 'Cron type: run every N minutes (1 to 5270400)')
    .option('--times <hh:mm,...>', 'Daily / Weekly / Monthly: local times of day, e.g. 02:00,14:00')
    .option('--weekdays <days>', 'Weekly: e.g. Monday,Friday')
    .option('--recurrence <months>', 'Monthly: every N months, 1 to 12 (default 1)')
    .option('--day-of-month <day>', 'Monthly: on this day, 1 to 31')
    .option('--week-index <index>', 'Monthly: on the First, Second, Third, Fourth or Fifth --weekday')
    .option('--weekday <day>', 'Monthly: with --week-index, e.g. Monday')
    .option('--start <local time>', 'when the schedule begins, e.g. 2024-05-01T00:00 (in --time-zone)')
    .option('--end <local time>', 'when the schedule stops, e.g. 2025-05-01T00:00 (in --time-zone)')
    .option('--time-zone <windows id>', 'a Windows time-zone id, e.g. "W. Europe Standard Time" (default UTC)')
    .option('--enabled', 'the schedule runs (the default for create)')
    .option('--disabled', 'the schedule is kept but does not run')
    .option('--execution-data <json|@file>', 'executionData of the scheduled runs (a JSON object, inline or @file)')
    .option('--json', 'print the schedule as one JSON object on stdout');
}

function parseCommon(raw: RawWriteFlags, c: ProblemCollector): { enabled?: boolean; executionData?: Record<string, unknown> } {
  if (raw.enabled && raw.disabled) c.add('give either --enabled or --disabled, not both');
  const executionData = c.optional(raw.executionData, (t) => parseJsonObject('--execution-data', t));
  return { ...(raw.enabled ? { enabled: true } : raw.disabled ? { enabled: false } : {}), ...(executionData !== undefined ? { executionData } : {}) };
}

function print(ctx: CliContext, schedule: ItemSchedule, verb: string, json: boolean): void {
  if (json) ctx.json(schedule);
  else ctx.info(`${verb} Fabric schedule ${scheduleLine(schedule)}`);
}

export function registerFabricScheduleWrite(group: Command, ctx: CliContext): void {
  addWriteFlags(group.command('create').description("create a Fabric item schedule (Fabric triggers the job; Temporal is not involved)")).action(
    ctx.handler(async (raw: RawWriteFlags) => {
      const c = new ProblemCollector();
      const common = parseCommon(raw, c);
      const configuration = c.take(() => buildConfiguration(raw, undefined));
      const { scope, fabric } = await resolveScope(ctx, raw, undefined, c);
      const request = { enabled: common.enabled ?? true, configuration: configuration!, ...(common.executionData ? { executionData: common.executionData } : {}) };
      const created = await callFabric('create schedule', () => fabric.createItemSchedule(scope, request));
      print(ctx, created, 'Created', raw.json === true);
      return EXIT.ok;
    }),
  );

  addWriteFlags(group.command('update').description('change a Fabric item schedule: only the flags given change').argument('<scheduleId>', 'the schedule id (a UUID)')).action(
    ctx.handler(async (rawId: string, raw: RawWriteFlags) => {
      const c = new ProblemCollector();
      const common = parseCommon(raw, c);
      const { scope, scheduleId, fabric } = await resolveScope(ctx, raw, rawId, c);
      const current = await callFabric(`schedule ${scheduleId}`, () => fabric.getItemSchedule(scope, scheduleId!));
      const configuration = buildConfiguration(raw, current.configuration);
      const executionData = common.executionData ?? current.executionData;
      const request = { enabled: common.enabled ?? current.enabled, configuration, ...(executionData ? { executionData } : {}) };
      const updated = await callFabric(`update schedule ${scheduleId}`, () => fabric.updateItemSchedule(scope, scheduleId!, request));
      print(ctx, updated, 'Updated', raw.json === true);
      return EXIT.ok;
    }),
  );
}
