/**
 * One chaos run: the emulator, a Temporal service (the dev server on a SQLite file, or the
 * PostgreSQL-backed cluster) and N workers on one task queue, each its own process. Jobs start on
 * schedule while a worker is SIGKILLed and restarted K times and the Temporal server once; then
 * every run is judged against what Fabric saw.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { EmulatorStats } from '../../src/emulator/index.js';
import { RUN_FABRIC_JOB_WORKFLOW } from '../../src/shared.js';
import type { RunFabricJobResult } from '../../src/shared.js';
import { onInterrupt } from '../lib/cleanup.js';
import { startEmulatorProcess } from '../lib/emulator-process.js';
import { startTemporalServer } from '../lib/start-server.js';
import type { ServerKind, TemporalServerProcess } from '../lib/temporal-server.js';
import { Random } from '../lib/random.js';
import { forEachLimit, lastRuns, retrying, startIdempotently, waitUntilNoneRunning } from '../lib/runs.js';
import { WorkerProcess } from '../lib/worker-process.js';
import { judgeChaos } from './analyze.js';
import type { ChaosVerdict, RunEnd } from './analyze.js';
import { planChaos } from './plan.js';
import type { ChaosPlan, PlanOptions } from './plan.js';

export interface ChaosOptions extends Omit<PlanOptions, 'tag'> {
  seed: number;
  /** @default 'dev' */
  server?: ServerKind;
  /** Worker processes on the task queue. @default 1 */
  workers?: number;
  /** Progress lines go here. */
  log: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  jobs: number;
  workerKills: number;
  serverKills: number;
  /** The Temporal service (one line). */
  server: string;
  workers: number;
  wallTimeMs: number;
  verdict: ChaosVerdict;
  /** Polls the emulator saw before the Retry-After it had sent (informational: see docs/reliability.md). */
  earlyPolls: number;
  fabricRequests: number;
}

type ChaosEvent = { atMs: number; kind: 'worker'; downMs: number; target: number } | { atMs: number; kind: 'server' };

function events(plan: ChaosPlan): ChaosEvent[] {
  const list: ChaosEvent[] = plan.workerKillsAtMs.map((atMs, i) => ({ atMs, kind: 'worker', downMs: plan.workerDownMs[i]!, target: plan.workerKillTargets[i]! }));
  list.push({ atMs: plan.serverKillAtMs, kind: 'server' });
  return list.sort((a, b) => a.atMs - b.atMs);
}

async function runEnd(client: Client, workflowId: string, status: string, closeTimeMs: number | undefined): Promise<RunEnd> {
  const end: RunEnd = { status, ...(closeTimeMs !== undefined ? { closeTimeMs } : {}) };
  if (status !== 'COMPLETED' && status !== 'FAILED') return end;
  try {
    const result = (await retrying(`result of ${workflowId}`, async () => {
      try {
        return await client.workflow.getHandle(workflowId).result();
      } catch (err) {
        if (err instanceof WorkflowFailedError) return err;
        throw err;
      }
    })) as RunFabricJobResult | WorkflowFailedError;
    if (result instanceof WorkflowFailedError) {
      if (result.cause instanceof ApplicationFailure && result.cause.type) end.failureType = result.cause.type;
    } else end.jobInstanceId = result.jobInstanceId;
  } catch {
    // leave it without details: judged as not as expected
  }
  return end;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { log } = options;
  const tag = `${options.seed.toString(36)}${Date.now().toString(36)}`;
  const plan = planChaos({ ...options, tag }, new Random(options.seed));
  const dir = mkdtempSync(join(tmpdir(), 'fabric-chaos-'));
  const forgetDir = onInterrupt(async () => rmSync(dir, { recursive: true, force: true }));
  const token = `chaos-${tag}`;
  const taskQueue = `chaos-${tag}`;
  const emulator = await startEmulatorProcess(token);
  let server: TemporalServerProcess | undefined;
  const workers: WorkerProcess[] = [];
  let connection: Connection | undefined;
  try {
    server = await startTemporalServer(options.server ?? 'dev', { dev: { dbFilename: join(dir, 'temporal.db') }, cluster: { log } });
    log(`${server.describe()} at ${server.address}, emulator ${emulator.apiUrl}, task queue ${taskQueue}, seed ${options.seed}`);
    await forEachLimit(plan.jobs, 16, async (job) => {
      await emulator.admin.setScenario(job.input.itemId, job.scenario);
    });
    for (let i = 0; i < (options.workers ?? 1); i++) {
      workers.push(
        new WorkerProcess({ temporalAddress: server.address, fabricApiUrl: emulator.apiUrl, fabricToken: token, taskQueue, env: { FABRIC_REQUEST_TIMEOUT_MS: '10000' }, name: `worker ${i + 1}` }),
      );
    }
    await Promise.all(workers.map((w) => w.start()));
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });

    const t0 = Date.now();
    const at = (ms: number) => sleep(Math.max(0, t0 + ms - Date.now()));
    let serverKills = 0;
    const starting = forEachLimit(plan.jobs, 16, async (job) => {
      await at(job.startAtMs);
      await startIdempotently(client, RUN_FABRIC_JOB_WORKFLOW, job.workflowId, taskQueue, [job.input]);
    });
    const chaos = (async () => {
      for (const event of events(plan)) {
        await at(event.atMs);
        if (event.kind === 'worker') {
          const worker = workers[event.target]!;
          await worker.kill();
          log(`+${((Date.now() - t0) / 1000).toFixed(1)}s worker ${event.target + 1} SIGKILLed; restarting in ${event.downMs} ms`);
          await sleep(event.downMs);
          await worker.start();
        } else {
          await server!.kill();
          log(`+${((Date.now() - t0) / 1000).toFixed(1)}s Temporal server SIGKILLed; restarting`);
          await server!.restart();
          serverKills += 1;
          log(`+${((Date.now() - t0) / 1000).toFixed(1)}s Temporal server back`);
        }
      }
    })();
    await Promise.all([starting, chaos]);
    log(`+${((Date.now() - t0) / 1000).toFixed(1)}s all ${plan.jobs.length} runs started, ${plan.workerKillsAtMs.length} worker kills done; waiting for the runs to close`);
    const stillRunning = await waitUntilNoneRunning(client, taskQueue, Math.max(300_000, plan.spanMs * 2));
    const wallTimeMs = Date.now() - t0;
    if (stillRunning > 0) log(`${stillRunning} runs still running at the deadline`);

    const infos = await lastRuns(client, taskQueue);
    const ends = new Map<string, RunEnd>();
    await forEachLimit([...infos.values()], 16, async (info) => {
      ends.set(info.workflowId, await runEnd(client, info.workflowId, info.status.name, info.closeTime?.getTime()));
    });
    const jobs = await emulator.admin.jobs();
    const stats: EmulatorStats = await emulator.admin.stats();
    return {
      seed: options.seed,
      jobs: plan.jobs.length,
      workerKills: plan.workerKillsAtMs.length,
      serverKills,
      server: server.describe(),
      workers: workers.length,
      wallTimeMs,
      verdict: judgeChaos(plan.jobs, ends, jobs),
      earlyPolls: stats.earlyPolls,
      fabricRequests: stats.requests,
    };
  } finally {
    await connection?.close().catch(() => undefined);
    await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
    await server?.stop().catch(() => undefined);
    await emulator.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    forgetDir();
  }
}
