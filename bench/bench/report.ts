/** The text report of the benchmark: both phases side by side, with the targets. */
import type { BenchReport } from './run.js';
import type { PhaseResult } from './phase.js';

type Row = [label: string, pick: (p: PhaseResult) => string, target?: string];

const s = (n: number | null, unit = '') => (n === null || Number.isNaN(n) ? 'n/a' : `${n}${unit}`);

export function formatBenchReport(r: BenchReport): string {
  const rows: Row[] = [
    ['jobs', (p) => `${p.completed}/${p.jobs} completed`],
    ['wall time', (p) => s(p.wallTimeS, ' s')],
    ['start time (driver)', (p) => s(p.startTimeS, ' s')],
    ['Fabric calls per job', (p) => `${p.fabricCallsPerJob} (ratio ${p.callRatio})`, `ratio 1.00 (min ${r.minCallsPerJob})`],
    ['completion lag p50', (p) => s(p.lagP50Ms, ' ms')],
    ['completion lag p99', (p) => s(p.lagP99Ms, ' ms'), `<= ${r.retryAfterS * 1000 + 1000} ms`],
    ['history events per poll', (p) => s(p.historyEventsPerPoll), '<= 6'],
    ['extra events between polls', (p) => Object.entries(p.extraEventsBetweenPolls).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'],
    ['history events per job', (p) => s(p.historyEventsPerJob)],
    ['polls per job', (p) => s(p.pollsPerJob)],
    ['worker peak RSS', (p) => s(p.workerPeakRssMiB, ' MiB'), '<= 1024 MiB'],
    ['worker RSS when ready', (p) => s(p.workerRssAtReadyMiB, ' MiB')],
    ['worker CPU (all workers)', (p) => s(p.workerCpuSeconds, ' s')],
    ['worker CPU per job', (p) => s(Math.round((p.workerCpuSeconds * 1000) / p.jobs), ' ms')],
    ['Temporal server CPU', (p) => s(p.serverCpuSeconds, ' s')],
    ['PostgreSQL CPU', (p) => s(p.databaseCpuSeconds, ' s')],
    ['emulator CPU', (p) => s(p.emulatorCpuSeconds, ' s')],
    ['max in-flight jobs (all workers)', (p) => String(p.maxInFlight), '>= 10000'],
    ['early polls', (p) => String(p.earlyPolls), '0'],
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
    `fabric-temporal worker: cache ${r.fabricTemporalWorker.cachedWorkflows}, FABRIC_WORKER_MEMORY_MIB ${r.fabricTemporalWorker.memoryMiB}, heap ${r.fabricTemporalWorker.heapLimitMiB}`,
    `${''.padEnd(width)}${'fabric-temporal'.padEnd(col)}${`naive (${r.naive.activitySlots} slots)`.padEnd(col)}target`,
    ...rows.map(([label, pick, target]) => `${label.padEnd(width)}${pick(r.fabricTemporal).padEnd(col)}${pick(r.naive).padEnd(col)}${target ?? ''}`),
  ].join('\n');
}
