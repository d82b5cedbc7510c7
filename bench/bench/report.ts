/**
 * The text report of the benchmark: both phases side by side, with the targets (issue 24's: against
 * the naive baseline of the same run) and the machine's load average before and during each phase.
 * Figures taken under load (load average above 1 per core before or during) are marked as such.
 */
import type { BenchReport } from './run.js';
import type { PhaseResult } from './phase.js';

type Row = [label: string, pick: (p: PhaseResult) => string, target?: string];

const round2 = (n: number) => Math.round(n * 100) / 100;

const s = (n: number | null, unit = '') => (n === null || Number.isNaN(n) ? 'n/a' : `${n}${unit}`);

/** Events per job of a notebook run with a 120 s job and Retry-After 30 s (issue 24). */
export const EVENTS_PER_JOB_TARGET = 25;
/** RSS of a worker once ready, run from dist/ (issue 24). */
export const RSS_READY_TARGET_MIB = 200;

/** True when the machine was loaded (1-minute load above its cores) before or during a phase. */
export function underLoad(p: PhaseResult, cpus: number): boolean {
  return p.loadBefore[0] > cpus || p.loadDuring.max > cpus;
}

export function formatBenchReport(r: BenchReport): string {
  const naive = r.naive;
  const naiveCpuMs = (naive.workerCpuSeconds * 1000) / naive.jobs;
  const cpuPerJob = (p: PhaseResult) => Math.round((p.workerCpuSeconds * 1000) / p.jobs);
  const rows: Row[] = [
    ['jobs', (p) => `${p.completed}/${p.jobs} completed`],
    ['wall time', (p) => s(p.wallTimeS, ' s')],
    ['start time (driver)', (p) => s(p.startTimeS, ' s')],
    ['Fabric calls per job', (p) => `${p.fabricCallsPerJob} (ratio ${p.callRatio})`, `ratio 1.00 (min ${r.minCallsPerJob})`],
    ['completion lag p50', (p) => s(p.lagP50Ms, ' ms')],
    ['completion lag p99', (p) => s(p.lagP99Ms, ' ms'), `<= naive p99 + 1000 ms (${s(naive.lagP99Ms + 1000, ' ms')})`],
    ['history events per poll', (p) => s(p.historyEventsPerPoll), '<= 6'],
    ['extra events between polls', (p) => Object.entries(p.extraEventsBetweenPolls).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'],
    ['history events per job', (p) => s(p.historyEventsPerJob), `<= ${EVENTS_PER_JOB_TARGET} (D 120 s, R 30 s)`],
    ['polls per job', (p) => s(p.pollsPerJob)],
    ['worker peak RSS', (p) => s(p.workerPeakRssMiB, ' MiB'), '<= 1024 MiB'],
    ['worker RSS when ready', (p) => s(p.workerRssAtReadyMiB, ' MiB'), `<= ${RSS_READY_TARGET_MIB} MiB (from dist/)`],
    ['worker CPU (all workers)', (p) => s(p.workerCpuSeconds, ' s')],
    ['worker CPU per job', (p) => `${s(cpuPerJob(p), ' ms')} (${naiveCpuMs > 0 ? round2((p.workerCpuSeconds * 1000) / p.jobs / naiveCpuMs) : 'n/a'}x naive)`, `<= 1.2x naive (${Math.round(naiveCpuMs * 1.2)} ms)`],
    ['Temporal server CPU', (p) => s(p.serverCpuSeconds, ' s')],
    ['PostgreSQL CPU', (p) => s(p.databaseCpuSeconds, ' s')],
    ['emulator CPU', (p) => s(p.emulatorCpuSeconds, ' s')],
    ['max in-flight jobs (all workers)', (p) => String(p.maxInFlight), '>= 10000'],
    ['early polls', (p) => String(p.earlyPolls), '0'],
    ['load average before (1/5/15 min)', (p) => p.loadBefore.join(' / '), `< 0.5 for figures that set targets`],
    ['load average during (1 min: mean, max)', (p) => `${p.loadDuring.mean}, ${p.loadDuring.max}`],
    ['taken', (p) => (underLoad(p, r.machine.cpus) ? 'UNDER LOAD' : 'quiet'), 'quiet, for targets'],
  ];
  const workers = Math.max(r.fabricTemporal.perWorker.length, r.naive.perWorker.length);
  for (let i = 0; i < workers; i++) {
    rows.push([
      `worker ${i + 1}: CPU, tasks, peak RSS`,
      (p) => {
        const w = p.perWorker[i];
        return w ? `${Math.round(w.cpuShare * 100)}%, ${Math.round(w.workflowTaskShare * 100)}%, ${w.peakRssMiB} MiB` : '';
      },
    ]);
  }
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const col = 26;
  const m = r.machine;
  return [
    `benchmark: jobs of ${r.durationS} s, Retry-After ${r.retryAfterS} s; ${r.server.description}; ${r.workers} worker(s) per phase; ${m.cpus} x ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`,
    `fabric-temporal worker: ${r.fabricTemporalWorker.entry.endsWith('.js') ? 'dist/ (as deployed)' : 'src/ with tsx'}, cache ${r.fabricTemporalWorker.cachedWorkflows}, FABRIC_WORKER_MEMORY_MIB ${r.fabricTemporalWorker.memoryMiB}, heap ${r.fabricTemporalWorker.heapLimitMiB}`,
    `${''.padEnd(width)}${'fabric-temporal'.padEnd(col)}${`naive (${r.naive.activitySlots} slots)`.padEnd(col)}target`,
    ...rows.map(([label, pick, target]) => `${label.padEnd(width)}${pick(r.fabricTemporal).padEnd(col)}${pick(r.naive).padEnd(col)}${target ?? ''}`),
  ].join('\n');
}
