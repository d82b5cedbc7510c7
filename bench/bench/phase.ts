/**
 * One measured phase of the benchmark: a fresh worker process, N runs of one workflow type against
 * the emulator (every job D seconds, Retry-After R), and the figures read back from the emulator,
 * Temporal visibility, fetched histories and /proc.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { DevServerProcess } from '../lib/dev-server.js';
import type { EmulatorProcess } from '../lib/emulator-process.js';
import { ProcSampler, readProc } from '../lib/proc-sampler.js';
import { forEachLimit, lastRuns, startIdempotently, waitUntilNoneRunning } from '../lib/runs.js';
import { maxOverlap, mean, percentile, round } from '../lib/stats.js';
import { WorkerProcess } from '../lib/worker-process.js';
import { historyCost } from './history.js';

export interface PhaseOptions {
  name: string;
  workflowType: string;
  workerEntry: string;
  workerEnv: Record<string, string>;
  jobs: number;
  durationS: number;
  retryAfterS: number;
  server: DevServerProcess;
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
  workerPeakRssMiB: number;
  /** RSS once the worker was ready (bundle built, polling), before any run: the fixed part of the peak. */
  workerRssAtReadyMiB: number;
  workerCpuSeconds: number;
  devServerCpuSeconds: number;
  emulatorCpuSeconds: number;
  maxInFlight: number;
  earlyPolls: number;
}

const HISTORY_SAMPLE = 50;

function cpuOf(pid: number | undefined): number {
  return pid === undefined ? 0 : (readProc(pid)?.cpuSeconds ?? 0);
}

export async function runPhase(o: PhaseOptions): Promise<PhaseResult> {
  const { admin } = o.emulator;
  await admin.reset();
  await admin.setScenario('default', { durationMs: o.durationS * 1000, retryAfterSeconds: o.retryAfterS, queuedMs: 0 });
  const taskQueue = `bench-${o.name}-${randomUUID().slice(0, 8)}`;
  const worker = new WorkerProcess({
    entry: o.workerEntry,
    temporalAddress: o.server.address,
    fabricApiUrl: o.emulator.apiUrl,
    fabricToken: o.token,
    taskQueue,
    env: o.workerEnv,
  });
  await worker.start();
  const sampler = new ProcSampler(worker.pid!);
  const rssAtReady = readProc(worker.pid!)?.rssBytes ?? 0;
  const cpu0 = { worker: cpuOf(worker.pid), server: cpuOf(o.server.pid), emulator: cpuOf(o.emulator.child.pid) };

  const t0 = Date.now();
  const ids = Array.from({ length: o.jobs }, (_, i) => `${taskQueue}-${String(i).padStart(6, '0')}`);
  await forEachLimit(ids, 32, async (workflowId) => {
    const input = { workspaceId: randomUUID(), itemId: randomUUID(), jobType: 'RunNotebook', executionData: { benchRun: workflowId } };
    await startIdempotently(o.client, o.workflowType, workflowId, taskQueue, [input]);
  });
  const startTimeS = (Date.now() - t0) / 1000;
  o.log(`${o.name}: ${o.jobs} runs started in ${startTimeS.toFixed(1)} s; waiting for them to close`);
  await waitUntilNoneRunning(o.client, taskQueue, (o.durationS + 600) * 1000, (running) => o.log(`${o.name}: ${running} running`));
  const cpu1 = { worker: cpuOf(worker.pid), server: cpuOf(o.server.pid), emulator: cpuOf(o.emulator.child.pid) };
  const peak = sampler.stop();
  await worker.stop();

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
    workerPeakRssMiB: round(peak.rssBytes / 2 ** 20, 1),
    workerRssAtReadyMiB: round(rssAtReady / 2 ** 20, 1),
    workerCpuSeconds: round(cpu1.worker - cpu0.worker, 1),
    devServerCpuSeconds: round(cpu1.server - cpu0.server, 1),
    emulatorCpuSeconds: round(cpu1.emulator - cpu0.emulator, 1),
    maxInFlight: maxOverlap(intervals),
    earlyPolls: stats.earlyPolls,
  };
}
