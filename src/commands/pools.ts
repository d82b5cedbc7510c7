/**
 * `fabric-temporal pools list` and `pools describe <name>`: the configured pools, and who holds and
 * who waits for their slots (asked of each pool's `fabricPool` workflow).
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { describeConfiguredPools } from '../config.js';
import { POOL_STATE_QUERY, POOL_WORKFLOW, poolNameProblem, poolWorkflowId, type FabricPoolState, type PoolHolder, type PoolWaiter } from '../contracts/pool.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { formatTable } from './table.js';

/** One pool as `pools list` shows it. */
export interface PoolSummary {
  name: string;
  /** Slots in this CLI's configuration; null when the pool is not configured here (but its workflow runs). */
  configuredSlots: number | null;
  /** Whether the pool's workflow is running (an idle pool's workflow completes after ten minutes). */
  active: boolean;
  holders: number;
  waiters: number;
}

/** `pools describe`: the summary plus holders and waiters in the order they are served. */
export interface PoolDetails extends PoolSummary {
  /** The slot count the pool workflow last read from the worker's configuration. */
  workerSlots: number | null;
  served: number;
  holderRuns: PoolHolder[];
  waiterRuns: PoolWaiter[];
}

/** The pool workflow's state, or undefined when it is not running. */
async function poolState(client: Client, name: string): Promise<FabricPoolState | undefined> {
  const handle = client.workflow.getHandle(poolWorkflowId(name));
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return undefined;
    return await handle.query<FabricPoolState>(POOL_STATE_QUERY);
  } catch (err) {
    if ((err as Error)?.name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
}

/** Names of the pools whose workflow is running (so a pool configured only on the workers still shows). */
async function runningPoolNames(client: Client): Promise<string[]> {
  const names: string[] = [];
  for await (const info of client.workflow.list({ query: `WorkflowType = '${POOL_WORKFLOW}' AND ExecutionStatus = 'Running'` })) {
    if (info.workflowId.startsWith('fabric-pool/')) names.push(info.workflowId.slice('fabric-pool/'.length));
  }
  return names;
}

function details(name: string, configured: number | undefined, state: FabricPoolState | undefined): PoolDetails {
  return {
    name,
    configuredSlots: configured ?? null,
    active: state !== undefined,
    holders: state?.holders.length ?? 0,
    waiters: state?.waiters.length ?? 0,
    workerSlots: state?.slots ?? null,
    served: state?.served ?? 0,
    holderRuns: state?.holders ?? [],
    waiterRuns: state?.waiters ?? [],
  };
}

function showSlots(pool: PoolSummary): string {
  return pool.configuredSlots === null ? '(not configured here)' : String(pool.configuredSlots);
}

function describeText(pool: PoolDetails): string {
  const lines = [
    `Pool ${pool.name}: ${showSlots(pool)} slot${pool.configuredSlots === 1 ? '' : 's'}${pool.workerSlots !== null && pool.workerSlots !== pool.configuredSlots ? ` (the workers' configuration says ${pool.workerSlots})` : ''}, ${pool.holders} held, ${pool.waiters} waiting${pool.active ? `, ${pool.served} served` : ' (idle: no pool workflow running)'}`,
  ];
  if (pool.holderRuns.length > 0) {
    lines.push('', 'Holders:', formatTable(['RUN', 'JOB INSTANCE', 'SINCE'], pool.holderRuns.map((h) => [h.workflowId, h.jobInstanceId ?? '-', h.since])));
  }
  if (pool.waiterRuns.length > 0) {
    lines.push('', 'Waiting (served in this order):', formatTable(['#', 'RUN', 'SINCE'], pool.waiterRuns.map((w, i) => [String(i + 1), w.workflowId, w.since])));
  }
  return lines.join('\n');
}

export function registerPoolsCommands(program: Command, ctx: CliContext): void {
  const pools = program.command('pools').description('named concurrency limits shared by all runs (FABRIC_POOLS): slots, holders and waiters');

  pools
    .command('list')
    .description('list the pools: configured slots, slots held, runs waiting')
    .option('--json', 'print one JSON object on stdout: { "pools": [...] }')
    .action(
      ctx.handler(async (options: { json?: boolean }) => {
        const configured = ctx.config().pools.slots;
        const client = await ctx.client();
        const names = [...new Set([...Object.keys(configured), ...(await runningPoolNames(client))])].sort();
        const rows: PoolSummary[] = [];
        for (const name of names) {
          const { name: n, configuredSlots, active, holders, waiters } = details(name, configured[name], await poolState(client, name));
          rows.push({ name: n, configuredSlots, active, holders, waiters });
        }
        if (options.json) ctx.json({ pools: rows });
        else if (rows.length === 0) ctx.info(describeConfiguredPools(configured));
        else ctx.io.stdout.write(`${formatTable(['POOL', 'SLOTS', 'HELD', 'WAITING'], rows.map((p) => [p.name, showSlots(p), String(p.holders), String(p.waiters)]))}\n`);
        return EXIT.ok;
      }),
    );

  pools
    .command('describe')
    .description('show who holds a pool\'s slots (run, Fabric job, since when) and who waits, in order')
    .argument('<name>', 'the pool name, as in FABRIC_POOLS')
    .option('--json', 'print one JSON object on stdout')
    .action(
      ctx.handler(async (name: string, options: { json?: boolean }) => {
        const problem = poolNameProblem(name);
        if (problem) throw new UsageError(`pool ${JSON.stringify(name)}: the name ${problem}`);
        const configured = ctx.config().pools.slots;
        const client = await ctx.client();
        const state = await poolState(client, name);
        if (configured[name] === undefined && state === undefined) {
          throw new UsageError(`unknown pool ${JSON.stringify(name)}: ${describeConfiguredPools(configured)}`);
        }
        const pool = details(name, configured[name], state);
        if (options.json) ctx.json(pool);
        else ctx.io.stdout.write(`${describeText(pool)}\n`);
        return EXIT.ok;
      }),
    );
}
