/**
 * The Fabric side of `fabric-schedule`: the FabricClient built from the configuration (FABRIC_*,
 * AZURE_*), the item scope from the flags, and Fabric errors mapped to exit codes: bad input and
 * unknown ids → 2 (UsageError), everything else (auth, throttling, transport) → 3.
 */
import type { Command } from 'commander';
import { loadFabricConfig } from '../../config.js';
import type { FabricClient, ScheduleScope } from '../../fabric/index.js';
import { createFabricClient } from '../../worker/fabric-client.js';
import type { CliContext } from '../context.js';
import { InfrastructureError, UsageError } from '../errors.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseJobType, parseUuid } from '../parse/ids.js';

export interface RawScopeFlags {
  workspace: string;
  item: string;
  jobType: string;
}

/** Adds `--workspace --item --job-type` (required). */
export function addScopeFlags(command: Command): Command {
  return command
    .requiredOption('--workspace <uuid>', 'Fabric workspace id')
    .requiredOption('--item <uuid>', 'Fabric item id')
    .requiredOption('--job-type <type>', 'job type the schedule runs, e.g. RunNotebook, Pipeline, sparkjob');
}

/** The scope, and the schedule id when given. @throws UsageError listing every bad value. */
export function parseScope(raw: RawScopeFlags, rawScheduleId?: string, c = new ProblemCollector()): { scope: ScheduleScope; scheduleId?: string } {
  const workspaceId = c.take(() => parseUuid('--workspace', raw.workspace));
  const itemId = c.take(() => parseUuid('--item', raw.item));
  const jobType = c.take(() => parseJobType('--job-type', raw.jobType));
  const scheduleId = rawScheduleId === undefined ? undefined : c.take(() => parseUuid('<scheduleId>', rawScheduleId));
  c.throwIfAny();
  return { scope: { workspaceId: workspaceId!, itemId: itemId!, jobType: jobType! }, ...(scheduleId !== undefined ? { scheduleId } : {}) };
}

/** A FabricClient from the configuration. @throws ConfigError (exit 3). */
export function fabricClient(ctx: CliContext): FabricClient {
  return createFabricClient(loadFabricConfig(ctx.io.env));
}

/** Runs a Fabric call and maps its errors to the CLI's. */
export async function callFabric<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const err = error as { name?: string; message?: string; statusCode?: number; errorCode?: string; requestId?: string };
    if (err?.name === 'FabricValidationError') throw new UsageError(err.message ?? String(error));
    if (err?.name === 'FabricError') {
      const code = err.errorCode ? `${err.errorCode}: ` : '';
      const request = err.requestId ? ` (request id ${err.requestId})` : '';
      const line = `${what}: Fabric answered ${err.statusCode} ${code}${err.message}${request}`;
      if (err.statusCode === 400 || err.statusCode === 404) throw new UsageError(line);
      throw new InfrastructureError(line);
    }
    if (err?.name === 'FabricTransportError' || err?.name === 'FabricProtocolError') throw new InfrastructureError(`${what}: ${err.message}`);
    throw error;
  }
}
