/**
 * One measured phase of the benchmark: fresh worker processes on one task queue, N runs of one workflow type against
 * the emulator (every job D seconds, Retry-After R), and the figures read back from the emulator,
 * Temporal visibility, fetched histories and /proc.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Client } from '@temporalio/client';
import type { EmulatorProcess } from '../lib/emulator-process.js';
import { ProcSampler, readProc } from '../lib/proc-sampler.js';
import type { TemporalServerProcess } from '../lib/temporal-server.js';
import { forEachLimit, lastRuns, startIdempotently, waitUntilNoneRunning } from '../lib/runs.js';
import { maxOverlap, mean, percentile, round } from '../lib/stats.js';
import { WorkerProcess } from '../lib/worker-process.js';
import { historyCost } from './history.js';

export interface PhaseOptions {
  name: string;
  workflowType: string;
  workerEntry: string;
  workerEnv: Record<string, string>;
  /** Extra Node.js flags of the worker processes. @default [] */
  workerNodeFlags?: string[];
  /** Worker processes polling the phase's task queue. */
  workers: number;
  jobs: number;
  durationS: number;
  retryAfterS: number;
  server: TemporalServerProcess;
  emulator: EmulatorProcess;
  client: Client;
  token: string;
  log: (line: string) => void;
}

export interface PhaseResult {
  name: string;
  jobs: number;
  /** Runs that closed COMPLETED. */
  completed: number;
  wallTimeS: number;
  /** Seconds it took the driver to start every run. */
  startTimeS: number;
  fabricCallsPerJob: number;
  /** fabricCallsPerJob / (1 + ceil(D/R)). */
  callRatio: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Events one more poll adds to a run's history (median over sampled runs). */
  historyEventsPerPoll: number | null;
  /** Events found between polls beyond the six a poll needs (sampled runs), by type. */
  extraEventsBetweenPolls: Record<string, number>;
  historyEventsPerJob: number;
  /** Status polls per job, as the emulator counted them. */
  pollsPerJob: number;
  /** The highest of the workers' peak RSS. */
  workerPeakRssMiB: number;
  /** RSS once the worker was ready (bundle built, polling), before any run: the fixed part of the peak (the highest of the workers'). */
  workerRssAtReadyMiB: number;
  /** All workers together. */
  workerCpuSeconds: number;
  /** Each worker's figures, with its share of the workflow tasks completed in the sampled histories. */
  perWorker: WorkerShare[];
  /** The Temporal server process (for the dev server: with its SQLite). */
  serverCpuSeconds: number;
  /** The cluster's PostgreSQL (postmaster and backends); 0 for the dev server. */
  databaseCpuSeconds: number;
  emulatorCpuSeconds: number;
  maxInFlight: number;
  earlyPolls: number;
  /** The machine's load average (1, 5, 15 min) when the phase began, before its workers started. */
  loadBefore: [number, number, number];
  /** The 1-minute load average sampled every 5 s while the runs were in flight: mean and highest. */
  loadDuring: { mean: number; max: number };
}

export interface WorkerShare {
  peakRssMiB: number;
  rssAtReadyMiB: number;
  cpuSeconds: number;
  /** Share of all workers' CPU. */
  cpuShare: number;
  /** Share of the WorkflowTaskCompleted events of the sampled histories that name this worker. */
  workflowTaskShare: number;
}

const HISTORY_SAMPLE = 50;

function cpuOf(pid: number | undefined): number {
  return pid === undefined ? 0 : (readProc(pid)?.cpuSeconds ?? 0);
}

function snapshot(workers: WorkerProcess[], o: PhaseOptions) {
  const server = o.server.cpuSeconds();
  return { workers: workers.map((w) => cpuOf(w.pid)), server: server.server, database: server.database, emulator: cpuOf(o.emulator.child.pid) };
}

export async function runPhase(o: PhaseOptions): Promise<PhaseResult> {
  const { admin } = o.emulator;
  const loadBefore = loadavg().map((l) => round(l, 2)) as [number, number, number];
  await admin.reset();
  await admin.setScenario('default', { durationMs: o.durationS * 1000, retryAfterSeconds: o.retryAfterS, queuedMs: 0 });
  const taskQueue = `bench-${o.name}-${randomUUID().slice(0, 8)}`;
  const workers = Array.from(
    { length: o.workers },
    (_, i) =>
      new WorkerProcess({
        entry: o.workerEntry,
        temporalAddress: o.server.address,
        fabricApiUrl: o.emulator.apiUrl,
        fabricToken: o.token,
        taskQueue,
        env: o.workerEnv,
        nodeFlags: o.workerNodeFlags ?? [],
        ...(process.env.BENCH_WORKER_LOG_DIR ? { logFile: `${process.env.BENCH_WORKER_LOG_DIR}/${o.name}-worker-${i + 1}.log` } : {}),
        name: `${o.name} worker ${i + 1}`,
      }),
  );
  await Promise.all(workers.map((w) => w.start()));
  const samplers = workers.map((w) => new ProcSampler(w.pid!));
  const rssAtReady = workers.map((w) => readProc(w.pid!)?.rssBytes ?? 0);
  const cpu0 = snapshot(workers, o);

  const loads: number[] = [];
  const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 5_000);
  const t0 = Date.now();
  const ids = Array.from({ length: o.jobs }, (_, i) => `${taskQueue}-${String(i).padStart(6, '0')}`);
  await forEachLimit(ids, 32, async (workflowId) => {
    const input = { workspaceId: randomUUID(), itemId: randomUUID(), jobType: 'RunNotebook', executionData: { benchRun: workflowId } };
    await startIdempotently(o.client, o.workflowType, workflowId, taskQueue, [input]);
  });
  const startTimeS = (Date.now() - t0) / 1000;
  o.log(`${o.name}: ${o.jobs} runs started in ${startTimeS.toFixed(1)} s; waiting for them to close`);
  await waitUntilNoneRunning(o.client, taskQueue, (o.durationS + 600) * 1000, (running) => o.log(`${o.name}: ${running} running`));
  clearInterval(loadTimer);
  loads.push(loadavg()[0]!);
  const cpu1 = snapshot(workers, o);
  const peaks = samplers.map((sampler) => sampler.stop());
  const identities = workers.map((w) => w.identities());
  await Promise.all(workers.map((w) => w.stop()));

  const runs = await lastRuns(o.client, taskQueue);
  const jobs = await admin.jobs();
  const stats = await admin.stats();
  const jobByRun = new Map(jobs.map((j) => [String(j.executionData?.benchRun), j]));
  const lags: number[] = [];
  const intervals: { start: number; end: number }[] = [];
  let lastClose = t0;
  for (const info of runs.values()) {
    const close = info.closeTime?.getTime();
    const job = jobByRun.get(info.workflowId);
    if (close !== undefined) lastClose = Math.max(lastClose, close);
    if (!job) continue;
    if (close !== undefined && job.endedAtMs !== undefined) lags.push(close - job.endedAtMs);
    intervals.push({ start: job.createdAtMs, end: close ?? Date.now() });
  }
  const sample = [...runs.keys()].slice(0, HISTORY_SAMPLE);
  const costs = await Promise.all(sample.map((id) => historyCost(o.client, id)));
  const gaps = costs.flatMap((c) => c.perPollGaps);
  const minCalls = 1 + Math.ceil(o.durationS / o.retryAfterS);
  const callsPerJob = stats.requests / o.jobs;
  const completed = [...runs.values()].filter((r) => r.status.name === 'COMPLETED').length;
  const workerCpu = workers.map((_, i) => cpu1.workers[i]! - cpu0.workers[i]!);
  const totalCpu = workerCpu.reduce((a, b) => a + b, 0);
  const tasksBy = new Map<string, number>();
  for (const c of costs) for (const [identity, n] of Object.entries(c.tasksByIdentity)) tasksBy.set(identity, (tasksBy.get(identity) ?? 0) + n);
  const totalTasks = [...tasksBy.values()].reduce((a, b) => a + b, 0);
  const perWorker: WorkerShare[] = workers.map((_, i) => {
    const tasks = identities[i]!.reduce((sum, id) => sum + (tasksBy.get(id) ?? 0), 0);
    return {
      peakRssMiB: round(peaks[i]!.rssBytes / 2 ** 20, 1),
      rssAtReadyMiB: round(rssAtReady[i]! / 2 ** 20, 1),
      cpuSeconds: round(workerCpu[i]!, 1),
      cpuShare: totalCpu > 0 ? round(workerCpu[i]! / totalCpu, 3) : 0,
      workflowTaskShare: totalTasks > 0 ? round(tasks / totalTasks, 3) : 0,
    };
  });
  return {
    name: o.name,
    jobs: o.jobs,
    completed,
    wallTimeS: round((lastClose - t0) / 1000, 1),
    startTimeS: round(startTimeS, 1),
    fabricCallsPerJob: round(callsPerJob, 3),
    callRatio: round(callsPerJob / minCalls, 3),
    lagP50Ms: percentile(lags, 50),
    lagP99Ms: percentile(lags, 99),
    lagMaxMs: percentile(lags, 100),
    historyEventsPerPoll: gaps.length > 0 ? percentile(gaps, 50) : null,
    extraEventsBetweenPolls: costs.reduce<Record<string, number>>((all, c) => {
      for (const [type, n] of Object.entries(c.extraEvents)) all[type] = (all[type] ?? 0) + n;
      return all;
    }, {}),
    historyEventsPerJob: round(mean([...runs.values()].map((r) => r.historyLength)), 1),
    pollsPerJob: round(mean(jobs.map((j) => j.polls)), 2),
    workerPeakRssMiB: Math.max(...perWorker.map((w) => w.peakRssMiB)),
    workerRssAtReadyMiB: Math.max(...perWorker.map((w) => w.rssAtReadyMiB)),
    workerCpuSeconds: round(totalCpu, 1),
    perWorker,
    serverCpuSeconds: round(cpu1.server - cpu0.server, 1),
    databaseCpuSeconds: round(cpu1.database - cpu0.database, 1),
    emulatorCpuSeconds: round(cpu1.emulator - cpu0.emulator, 1),
    maxInFlight: maxOverlap(intervals),
    earlyPolls: stats.earlyPolls,
    loadBefore,
    loadDuring: { mean: round(mean(loads), 2), max: round(Math.max(...loads), 2) },
  };
}
