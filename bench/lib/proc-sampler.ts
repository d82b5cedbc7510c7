/**
 * Samples a process's resident memory and CPU time from /proc (Linux): VmRSS from
 * /proc/PID/status, utime + stime from /proc/PID/stat. Covers the Node heap and the Rust core alike.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat times (sysconf CLK_TCK; 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  rssBytes: number;
  cpuSeconds: number;
}

/** One reading, or undefined when the process is gone. */
export function readProc(pid: number): ProcSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime (14) + stime (15)
    return { rssBytes: rssKb * 1024, cpuSeconds: ticks / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** Fields of /proc/PID/stat from field 3 (state) on, or undefined when the process is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of a process tree (PostgreSQL: the postmaster and its backends): the parent's own
 * time and that of its children that ended (cutime + cstime), plus the live children's own time.
 */
export function readProcTreeCpu(pid: number): number {
  const parent = statFields(pid);
  if (!parent) return 0;
  let ticks = Number(parent[11]) + Number(parent[12]) + Number(parent[13]) + Number(parent[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** Peak RSS and CPU seconds of one process while it runs; `stop()` returns the figures. */
export class ProcSampler {
  private peakRss = 0;
  private lastCpu = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const s = readProc(this.pid);
    if (!s) return;
    this.peakRss = Math.max(this.peakRss, s.rssBytes);
    this.lastCpu = s.cpuSeconds;
  }

  /** Takes a last sample and stops. */
  stop(): ProcSample {
    this.sample();
    clearInterval(this.timer);
    return { rssBytes: this.peakRss, cpuSeconds: this.lastCpu };
  }
}
