/**
 * The main thread's heap limit from the worker's memory setting. V8 fixes an isolate's heap limit
 * when the isolate is created, so a running process cannot lower its own: the worker entry point
 * replaces itself (`process.execve`, same pid, so signals, process managers and PID files are
 * unaffected) with the same command plus `--max-old-space-size`, once, before anything starts.
 * The workflow thread is a separate isolate and gets its limit from a V8 flag set before it is
 * created (src/worker/main.ts), so this only bounds the main thread (activities, the Fabric client,
 * the SDK's bridge).
 */
import { getHeapStatistics } from 'node:v8';
import type { Env } from '../config.js';
import { loadWorkerConfig } from '../config.js';
import { mainHeapForMemory, readCgroupMemoryLimit } from './sizing.js';

/** Set in the replaced process so that it never re-executes again. */
export const REEXEC_MARK = 'FABRIC_WORKER_HEAP_SET';

/** True when the operator's command line or NODE_OPTIONS set a heap limit (not this module's re-exec): their choice wins. */
export function heapFlagGiven(execArgv: readonly string[], env: Env): boolean {
  const flag = /--max[-_]old[-_]space[-_]size/;
  return execArgv.some((a) => flag.test(a)) || flag.test(env.NODE_OPTIONS ?? '');
}

/**
 * The main-thread heap limit (MiB) to re-execute with, or undefined to go on as is: no memory
 * setting or container limit, a limit already given, already re-executed, an invalid config (the
 * worker reports it), or the current limit already at most the target.
 */
export function mainHeapTarget(env: Env, execArgv: readonly string[], heapSizeLimitMiB: number, cgroupLimitBytes: number | undefined): number | undefined {
  if (env[REEXEC_MARK] !== undefined || heapFlagGiven(execArgv, env)) return undefined;
  let memoryMiB: number | undefined;
  try {
    memoryMiB = loadWorkerConfig(env).memoryMiB;
  } catch {
    return undefined;
  }
  const target = mainHeapForMemory(memoryMiB, cgroupLimitBytes);
  return target !== undefined && heapSizeLimitMiB > target * 1.25 ? target : undefined;
}

/** Replaces this process with itself plus `--max-old-space-size` when the memory setting asks for it; returns otherwise. */
export function reexecWithHeapLimit(): void {
  if (typeof process.execve !== 'function') return;
  const target = mainHeapTarget(process.env, process.execArgv, getHeapStatistics().heap_size_limit / 2 ** 20, readCgroupMemoryLimit());
  if (target === undefined) return;
  const args = [process.execPath, `--max-old-space-size=${target}`, ...process.execArgv, ...process.argv.slice(1)];
  process.execve(process.execPath, args, { ...process.env, [REEXEC_MARK]: String(target) });
}
