/**
 * The benchmark: one emulator process, one Temporal dev server (SQLite file), then two phases on
 * them — fabric-temporal's worker running runFabricJob, and the naive baseline's worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { RUN_FABRIC_JOB_WORKFLOW } from '../../src/shared.js';
import { DevServerProcess } from '../lib/dev-server.js';
import { startEmulatorProcess } from '../lib/emulator-process.js';
import { NAIVE_WORKFLOW } from '../naive/types.js';
import { runPhase } from './phase.js';
import type { PhaseResult } from './phase.js';

export const SQLITE_PRAGMAS = { journal_mode: 'WAL', synchronous: 'NORMAL' };

export interface BenchOptions {
  jobs: number;
  durationS: number;
  retryAfterS: number;
  naiveJobs: number;
  naiveSlots: number;
  /** FABRIC_WORKER_MAX_CACHED_WORKFLOWS for the fabric-temporal worker. @default the SDK's default */
  cachedWorkflows?: number | undefined;
  /** V8 heap limit of the fabric-temporal worker (NODE_OPTIONS=--max-old-space-size). @default Node's default */
  workerHeapMiB?: number | undefined;
  log: (line: string) => void;
}

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  devServer: { sqlitePragmas: Record<string, string> };
  fabricTemporalWorker: { cachedWorkflows: number | 'sdk-default'; heapLimitMiB: number | 'node-default' };
  durationS: number;
  retryAfterS: number;
  /** 1 + ceil(D/R): one run request and the fewest polls that can see the end. */
  minCallsPerJob: number;
  fabricTemporal: PhaseResult;
  naive: PhaseResult & { activitySlots: number };
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-bench-'));
  const token = `bench-${Date.now()}`;
  const emulator = await startEmulatorProcess(token);
  let server: DevServerProcess | undefined;
  let connection: Connection | undefined;
  try {
    // WAL with synchronous=NORMAL: durable across a process crash, without an fsync per transaction
    // (the dev server has one history shard, so every transaction waits for the one before).
    server = await DevServerProcess.start({ dbFilename: join(dir, 'temporal.db'), sqlitePragmas: SQLITE_PRAGMAS });
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    const common = { durationS: o.durationS, retryAfterS: o.retryAfterS, server, emulator, client, token, log: o.log };
    o.log(`dev server ${server.address}, emulator ${emulator.apiUrl}; phase 1: fabric-temporal, ${o.jobs} jobs of ${o.durationS} s, Retry-After ${o.retryAfterS} s`);
    const fabricTemporal = await runPhase({
      ...common,
      name: 'fabric-temporal',
      workflowType: RUN_FABRIC_JOB_WORKFLOW,
      workerEntry: 'src/worker.ts',
      workerEnv: {
        ...(o.cachedWorkflows !== undefined ? { FABRIC_WORKER_MAX_CACHED_WORKFLOWS: String(o.cachedWorkflows) } : {}),
        ...(o.workerHeapMiB !== undefined ? { NODE_OPTIONS: `--max-old-space-size=${o.workerHeapMiB}` } : {}),
      },
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
      devServer: { sqlitePragmas: SQLITE_PRAGMAS },
      fabricTemporalWorker: { cachedWorkflows: o.cachedWorkflows ?? 'sdk-default', heapLimitMiB: o.workerHeapMiB ?? 'node-default' },
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
  }
}
