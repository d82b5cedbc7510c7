/**
 * `fabric-temporal fabric-schedule ...`: Fabric's own item schedules (Fabric triggers the job), through
 * the Fabric client and the Fabric configuration (FABRIC_API_URL, FABRIC_AUTH, ...). docs/schedules.md.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerFabricScheduleRead } from './read.js';
import { registerFabricScheduleWrite } from './write.js';

export function registerFabricScheduleCommands(program: Command, ctx: CliContext): void {
  const group = program.command('fabric-schedule').description("Fabric item schedules (Fabric's own scheduler triggers the job, not Temporal)");
  registerFabricScheduleWrite(group, ctx);
  registerFabricScheduleRead(group, ctx);
}
