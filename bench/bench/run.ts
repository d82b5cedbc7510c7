/**
 * The benchmark: one emulator process, one Temporal service (the dev server on a SQLite file, or the
 * PostgreSQL-backed cluster), then two phases on them — fabric-temporal's workers running
 * runFabricJob, and the naive baseline's workers.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { RUN_FABRIC_JOB_WORKFLOW } from '../../src/shared.js';
import { onInterrupt } from '../lib/cleanup.js';
import { startEmulatorProcess } from '../lib/emulator-process.js';
import { startTemporalServer } from '../lib/start-server.js';
import type { ServerKind, TemporalServerProcess } from '../lib/temporal-server.js';
import { NAIVE_WORKFLOW } from '../naive/types.js';
import { repoRoot } from '../lib/child.js';
import { runPhase } from './phase.js';
import type { PhaseResult } from './phase.js';

export const SQLITE_PRAGMAS = { journal_mode: 'WAL', synchronous: 'NORMAL' };

export interface BenchOptions {
  jobs: number;
  durationS: number;
  retryAfterS: number;
  naiveJobs: number;
  naiveSlots: number;
  server: ServerKind;
  /** History shards of the cluster. @default 8 */
  historyShards?: number;
  /** Worker processes per phase, on one task queue. */
  workers: number;
  /** FABRIC_WORKER_MEMORY_MIB of each fabric-temporal worker. @default unset (the worker's own: container limit or machine) */
  workerMemoryMiB?: number | undefined;
  /** Extra Node.js flags for the fabric-temporal workers (`--cpu-prof`, `--trace-gc`). @default [] */
  workerNodeFlags?: string[];
  /** FABRIC_WORKER_MAX_CACHED_WORKFLOWS for the fabric-temporal worker. @default the SDK's default */
  cachedWorkflows?: number | undefined;
  /** V8 heap limit of the fabric-temporal worker (NODE_OPTIONS=--max-old-space-size). @default Node's default */
  workerHeapMiB?: number | undefined;
  log: (line: string) => void;
}

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  server: { kind: ServerKind; description: string; setupSeconds?: number };
  workers: number;
  fabricTemporalWorker: { entry: string; cachedWorkflows: number | 'worker-default'; heapLimitMiB: number | 'node-default'; memoryMiB: number | 'unset'; nodeFlags: string[] };
  durationS: number;
  retryAfterS: number;
  /** 1 + ceil(D/R): one run request and the fewest polls that can see the end. */
  minCallsPerJob: number;
  fabricTemporal: PhaseResult;
  naive: PhaseResult & { activitySlots: number };
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-bench-'));
  const forgetDir = onInterrupt(async () => rmSync(dir, { recursive: true, force: true }));
  const token = `bench-${Date.now()}`;
  const emulator = await startEmulatorProcess(token);
  let server: TemporalServerProcess | undefined;
  let connection: Connection | undefined;
  try {
    // Dev server: WAL with synchronous=NORMAL: durable across a process crash, without an fsync per
    // transaction (it has one history shard, so every transaction waits for the one before).
    server = await startTemporalServer(o.server, {
      dev: { dbFilename: join(dir, 'temporal.db'), sqlitePragmas: SQLITE_PRAGMAS },
      cluster: { historyShards: o.historyShards ?? 8, log: o.log },
    });
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    // The worker as deployed (dist/, with the prebuilt workflow bundle) when built; else from the sources (tsx adds its own memory).
    const fabricTemporalEntry = existsSync(join(repoRoot, 'dist', 'worker.js')) ? join(repoRoot, 'dist', 'worker.js') : 'src/worker.ts';
    if (fabricTemporalEntry === 'src/worker.ts') o.log('dist/worker.js not found (npm run build): the fabric-temporal worker runs from src/ with tsx, its RSS is not the deployed one');
    const common = { durationS: o.durationS, retryAfterS: o.retryAfterS, server, emulator, client, token, log: o.log, workers: o.workers };
    o.log(`${server.describe()} at ${server.address}, emulator ${emulator.apiUrl}; phase 1: fabric-temporal, ${o.jobs} jobs of ${o.durationS} s, Retry-After ${o.retryAfterS} s, ${o.workers} worker(s)`);
    const fabricTemporal = await runPhase({
      ...common,
      name: 'fabric-temporal',
      workflowType: RUN_FABRIC_JOB_WORKFLOW,
      workerEntry: fabricTemporalEntry,
      workerEnv: {
        ...(o.cachedWorkflows !== undefined ? { FABRIC_WORKER_MAX_CACHED_WORKFLOWS: String(o.cachedWorkflows) } : {}),
        ...(o.workerHeapMiB !== undefined ? { NODE_OPTIONS: `--max-old-space-size=${o.workerHeapMiB}` } : {}),
        ...(o.workerMemoryMiB !== undefined ? { FABRIC_WORKER_MEMORY_MIB: String(o.workerMemoryMiB) } : {}),
      },
      workerNodeFlags: o.workerNodeFlags ?? [],
      jobs: o.jobs,
    });
    o.log(`phase 2: naive baseline, ${o.naiveJobs} jobs, ${o.naiveSlots} activity slots`);
    const naive = await runPhase({
      ...common,
      name: 'naive',
      workflowType: NAIVE_WORKFLOW,
      workerEntry: 'bench/naive/worker.ts',
      workerEnv: { NAIVE_ACTIVITY_SLOTS: String(o.naiveSlots) },
      jobs: o.naiveJobs,
    });
    const cpu = cpus();
    return {
      machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version },
      server: { kind: server.kind, description: server.describe(), ...('setupSeconds' in server ? { setupSeconds: server.setupSeconds as number } : {}) },
      workers: o.workers,
      fabricTemporalWorker: {
        entry: fabricTemporalEntry,
        cachedWorkflows: o.cachedWorkflows ?? 'worker-default',
        heapLimitMiB: o.workerHeapMiB ?? 'node-default',
        memoryMiB: o.workerMemoryMiB ?? 'unset',
        nodeFlags: o.workerNodeFlags ?? [],
      },
      durationS: o.durationS,
      retryAfterS: o.retryAfterS,
      minCallsPerJob: 1 + Math.ceil(o.durationS / o.retryAfterS),
      fabricTemporal,
      naive: { ...naive, activitySlots: o.naiveSlots },
    };
  } finally {
    await connection?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await emulator.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    forgetDir();
  }
}
