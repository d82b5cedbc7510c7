/**
 * Samples a process's resident memory and CPU time from /proc (Linux): VmRSS from
 * /proc/PID/status, utime + stime from /proc/PID/stat. Covers the Node heap and the Rust core alike.
 */
import { readFileSync } from 'node:fs';

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
