/**
 * The item scope of `fabric-schedule` from its flags: ids or names, resolved before anything is
 * changed (unknown names → exit 2 with the closest ones). The Fabric client and its error mapping
 * are in ../fabric-calls.ts.
 */
import type { Command } from 'commander';
import type { FabricClient, ScheduleScope } from '../../fabric/index.js';
import { isUuidText, parseItemRef, parseWorkspaceRef, type ResolvedTarget } from '../../names/index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { fabricClient } from '../fabric-calls.js';
import { describeResolved, withNames } from '../fabric-names.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseJobType, parseUuid } from '../parse/ids.js';

export { callFabric, fabricClient } from '../fabric-calls.js';

export interface RawScopeFlags {
  workspace?: string;
  item: string;
  jobType?: string;
}

/** Adds `--workspace --item --job-type` (`--item` required; the others as the item reference needs). */
export function addScopeFlags(command: Command): Command {
  return command
    .option('--workspace <name|uuid>', 'Fabric workspace: its name or id (not needed when --item is a path)')
    .requiredOption('--item <ref>', 'Fabric item: its id, "Name.ItemType", or "Workspace.Workspace/Name.ItemType"')
    .option('--job-type <type>', 'job type the schedule runs, e.g. RunNotebook, Pipeline, sparkjob (default: from the item type)');
}

/** The flags, checked: references readable, the schedule id a UUID. */
export interface ScopeFlags {
  workspace?: string;
  item: string;
  jobType?: string;
  scheduleId?: string;
}

/** Checks the scope flags (not yet resolved). Problems go to `c`; call `c.throwIfAny()` after. */
export function parseScopeFlags(raw: RawScopeFlags, rawScheduleId: string | undefined, c: ProblemCollector): ScopeFlags {
  const usage = (parse: () => unknown) => () => {
    try {
      parse();
    } catch (error) {
      throw (error as Error).name === 'InvalidFabricReference' ? new UsageError((error as Error).message) : error;
    }
  };
  if (raw.workspace !== undefined) c.take(usage(() => parseWorkspaceRef(raw.workspace!, '--workspace')));
  c.take(usage(() => parseItemRef(raw.item, '--item')));
  const jobType = raw.jobType === undefined ? undefined : c.take(() => parseJobType('--job-type', raw.jobType!));
  const scheduleId = rawScheduleId === undefined ? undefined : c.take(() => parseUuid('<scheduleId>', rawScheduleId));
  return {
    item: raw.item,
    ...(raw.workspace !== undefined && { workspace: raw.workspace }),
    ...(jobType !== undefined && { jobType }),
    ...(scheduleId !== undefined && { scheduleId }),
  };
}

export interface ResolvedScope {
  scope: ScheduleScope;
  scheduleId?: string;
  fabric: FabricClient;
  /** Set when names were resolved (or a job type inferred): the ids beside the names. */
  target?: ResolvedTarget;
}

/**
 * The scope with names resolved to ids (List Workspaces / List Items) and the job type inferred
 * from the item type when not given. All ids and a job type: no Fabric call. Prints the resolved
 * ids beside the names on stderr. @throws UsageError listing every bad value, or naming an unknown name.
 */
export async function resolveScope(ctx: CliContext, raw: RawScopeFlags, rawScheduleId?: string, c = new ProblemCollector()): Promise<ResolvedScope> {
  const flags = parseScopeFlags(raw, rawScheduleId, c);
  c.throwIfAny();
  const extra = flags.scheduleId !== undefined ? { scheduleId: flags.scheduleId } : {};
  if (flags.workspace !== undefined && isUuidText(flags.workspace) && isUuidText(flags.item) && flags.jobType !== undefined) {
    const scope = { workspaceId: flags.workspace.toLowerCase(), itemId: flags.item.toLowerCase(), jobType: flags.jobType };
    return { scope, fabric: await fabricClient(ctx), ...extra };
  }
  const { fabric, target } = await withNames(ctx, 'resolve names', async (resolver, client) => ({
    fabric: client,
    target: await resolver.target({ item: flags.item, ...(flags.workspace !== undefined && { workspace: flags.workspace }), ...(flags.jobType !== undefined && { jobType: flags.jobType }) }),
  }));
  ctx.info(`Resolved: ${describeResolved(target)}`);
  return { scope: { workspaceId: target.workspaceId, itemId: target.itemId, jobType: target.jobType }, fabric, target, ...extra };
}
