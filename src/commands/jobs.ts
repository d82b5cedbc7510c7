/**
 * `fabric-temporal jobs list|get|cancel`: Fabric's own job history of an item — every job instance,
 * whoever started it (this tool, the Fabric portal, a Fabric schedule, another API client) — like
 * the fab CLI's `job run-list`, `run-status` and `run-cancel`. Through the Fabric client and the
 * Fabric configuration (FABRIC_API_URL, FABRIC_AUTH, ...); no Temporal. Fabric addresses a job
 * instance under its item, so `get` and `cancel` take `--workspace` and `--item` too: ids or names,
 * as `run` takes them (names are looked up with List Workspaces / List Items).
 *
 * Endpoints (Job Scheduler, Microsoft's published spec): List Item Job Instances, Get Item Job
 * Instance, Cancel Item Job Instance.
 */
import type { Command } from 'commander';
import type { JobInstance } from '../fabric/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { callFabric, fabricClient } from './fabric-schedule/fabric-access.js';
import { withNames } from './fabric-names.js';
import { UsageError } from './errors.js';
import { parseItemRef, parseWorkspaceRef } from '../names/index.js';
import { ProblemCollector } from './parse/collect.js';
import { parseCount, parseUuid } from './parse/ids.js';

export const DEFAULT_JOBS_LIMIT = 20;
export const MAX_JOBS_LIMIT = 1000;
const ENDED = ['Completed', 'Failed', 'Cancelled', 'Deduped'];

interface RawItemFlags {
  workspace?: string;
  item: string;
  json?: boolean;
}

function addItemFlags(command: Command): Command {
  return command
    .option('--workspace <name|uuid>', 'the workspace: its name (Sales Prod) or id; not needed when --item is a path')
    .requiredOption('--item <ref>', 'the item: its id, "Name.ItemType" (Load orders.Notebook) or "Workspace.Workspace/Name.ItemType" (required)')
    .option('--json', 'print one JSON object on stdout');
}

/**
 * The item's ids (names looked up, as `run` does), and the instance id when given.
 * @throws UsageError listing every bad value, or naming an unknown name with the closest ones.
 */
async function parseItem(ctx: CliContext, raw: RawItemFlags, rawInstanceId?: string) {
  const c = new ProblemCollector();
  const reference = <T>(parse: () => T) =>
    c.take(() => {
      try {
        return parse();
      } catch (error) {
        if ((error as Error | null)?.name === 'InvalidFabricReference') throw new UsageError((error as Error).message);
        throw error;
      }
    });
  const itemRef = reference(() => parseItemRef(raw.item, '--item'));
  const pathWorkspace = itemRef?.kind === 'name' ? itemRef.workspace : undefined;
  const workspaceRef = raw.workspace === undefined ? undefined : reference(() => parseWorkspaceRef(raw.workspace!, '--workspace'));
  if (itemRef && !pathWorkspace && raw.workspace === undefined) c.add('--workspace: required unless --item is a path ("Workspace.Workspace/Name.ItemType")');
  const jobInstanceId = rawInstanceId === undefined ? '' : (c.take(() => parseUuid('<instanceId>', rawInstanceId)) ?? '');
  c.throwIfAny();
  const workspace = (pathWorkspace ?? workspaceRef)!;
  if (workspace.kind === 'id' && itemRef!.kind === 'id') return { workspaceId: workspace.id, itemId: itemRef!.id, jobInstanceId };
  const ids = await withNames(ctx, 'resolve names', async (resolver) => {
    const found = await resolver.workspace(workspace, pathWorkspace ? '--item' : '--workspace');
    const item = itemRef!.kind === 'id' ? { id: itemRef!.id, displayName: undefined } : await resolver.item(itemRef!, found.id, '--item');
    return { workspaceId: found.id, itemId: item.id.toLowerCase(), workspaceName: found.name, itemName: item.displayName };
  }).catch((error: unknown) => {
    // withNames words an unknown name for commands that start runs; these start nothing.
    if ((error as Error | null)?.name === 'UsageError') throw new UsageError((error as UsageError).problems.map((p) => p.replace(/; nothing was started$/, '')));
    throw error;
  });
  const itemText = ids.itemName !== undefined ? `item "${ids.itemName}" (${ids.itemId})` : `item ${ids.itemId}`;
  const workspaceText = ids.workspaceName !== undefined ? `workspace "${ids.workspaceName}" (${ids.workspaceId})` : `workspace ${ids.workspaceId}`;
  ctx.info(`Resolved: ${itemText} in ${workspaceText}`);
  return { workspaceId: ids.workspaceId, itemId: ids.itemId, jobInstanceId };
}

/** Newest first; instances that have not started yet (no start time) on top. */
function newestFirst(a: JobInstance, b: JobInstance): number {
  return (b.startTimeUtc ?? '9999').localeCompare(a.startTimeUtc ?? '9999');
}

function table(instances: JobInstance[]): string {
  const header = ['STATUS', 'JOB INSTANCE', 'JOB TYPE', 'INVOKED BY', 'STARTED (UTC)', 'ENDED (UTC)', 'FAILURE'];
  const cells = instances.map((job) => [
    job.status,
    job.id,
    job.jobType,
    job.invokeType,
    job.startTimeUtc ?? '-',
    job.endTimeUtc ?? '-',
    job.failureReason ? `${job.failureReason.errorCode ?? ''}: ${job.failureReason.message ?? ''}`.replace(/\p{Cc}+/gu, ' ') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [header, ...cells].map((line) => line.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

function describeInstance(job: JobInstance): string {
  const lines = [`Fabric job ${job.id}: ${job.status}`, `  job type ${job.jobType}, invoked by ${job.invokeType}, item ${job.itemId}`];
  lines.push(`  started ${job.startTimeUtc ?? '-'} UTC, ended ${job.endTimeUtc ?? '-'} UTC`);
  if (job.failureReason) lines.push(`  failure: ${job.failureReason.errorCode ?? ''}: ${job.failureReason.message ?? ''}`);
  return lines.join('\n');
}

export function registerJobsCommands(program: Command, ctx: CliContext): void {
  const jobs = program.command('jobs').description("Fabric's own job instances of an item, whoever started them (list, get, cancel)");

  addItemFlags(jobs.command('list').description("list an item's Fabric job instances, newest first"))
    .option('--limit <n>', `how many at most, 1 to ${MAX_JOBS_LIMIT} (default ${DEFAULT_JOBS_LIMIT})`)
    .action(
      ctx.handler(async (raw: RawItemFlags & { limit?: string }) => {
        const { workspaceId, itemId } = await parseItem(ctx, raw);
        const limit = raw.limit === undefined ? DEFAULT_JOBS_LIMIT : parseCount('--limit', raw.limit, 1, MAX_JOBS_LIMIT);
        const fabric = await fabricClient(ctx);
        // Fabric documents no order for this list: read every page, then sort.
        const all = await callFabric('list job instances', async () => {
          const found: JobInstance[] = [];
          for await (const job of fabric.listItemJobInstances(workspaceId, itemId)) found.push(job);
          return found;
        });
        const instances = all.sort(newestFirst).slice(0, limit);
        if (raw.json) ctx.json({ jobInstances: instances });
        else if (instances.length === 0) ctx.info(`No Fabric job instances for item ${itemId}.`);
        else ctx.io.stdout.write(`${table(instances)}\n`);
        return EXIT.ok;
      }),
    );

  addItemFlags(jobs.command('get').description('show one Fabric job instance').argument('<instanceId>', 'the job instance id (a UUID)'))
    .action(
      ctx.handler(async (rawId: string, raw: RawItemFlags) => {
        const ids = await parseItem(ctx, raw, rawId);
        const fabric = await fabricClient(ctx);
        const { instance } = await callFabric(`job instance ${ids.jobInstanceId}`, () => fabric.getItemJobInstance(ids));
        if (raw.json) ctx.json(instance);
        else ctx.io.stdout.write(`${describeInstance(instance)}\n`);
        return EXIT.ok;
      }),
    );

  addItemFlags(jobs.command('cancel').description('ask Fabric to cancel a job instance (any, whoever started it)').argument('<instanceId>', 'the job instance id (a UUID)'))
    .addHelpText('after', '\nExit codes: 0 cancel accepted (or the job was already Cancelled), 1 the job had already ended otherwise, 2 unknown job instance, 3 Fabric or configuration problems.')
    .action(
      ctx.handler(async (rawId: string, raw: RawItemFlags) => {
        const ids = await parseItem(ctx, raw, rawId);
        const fabric = await fabricClient(ctx);
        const before = (await callFabric(`job instance ${ids.jobInstanceId}`, () => fabric.getItemJobInstance(ids))).instance;
        let requested = false;
        if (!ENDED.includes(before.status)) {
          requested = await callFabric(`cancel job instance ${ids.jobInstanceId}`, async () => {
            try {
              await fabric.cancelItemJobInstance(ids);
              return true;
            } catch (error) {
              if ((error as { errorCode?: string } | null)?.errorCode === 'JobAlreadyCompleted') return false; // it ended meanwhile
              throw error;
            }
          });
        }
        const after = requested ? before : (await callFabric(`job instance ${ids.jobInstanceId}`, () => fabric.getItemJobInstance(ids))).instance;
        if (raw.json) ctx.json({ cancelRequested: requested, jobInstance: after });
        else if (requested) ctx.info(`Cancellation of Fabric job ${ids.jobInstanceId} requested (it was ${before.status}); follow it with \`fabric-temporal jobs get ${ids.jobInstanceId} --workspace ${ids.workspaceId} --item ${ids.itemId}\`.`);
        else ctx.info(`Fabric job ${ids.jobInstanceId} had already ended: ${after.status}; nothing to cancel.`);
        return requested || after.status === 'Cancelled' ? EXIT.ok : EXIT.jobNotCompleted;
      }),
    );
}
