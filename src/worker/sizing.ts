/**
 * Sizing the worker from the memory it is given, so that it cannot starve itself: the workflow
 * cache (runs kept in memory between their workflow tasks) and the V8 heap limit of the thread that
 * runs the workflows both follow one memory setting. docs/operations.md "Sizing the worker" has the
 * formula and the measurements behind its constants (docs/benchmarks.md).
 *
 * The memory comes from FABRIC_WORKER_MEMORY_MIB, else the container's limit (cgroup v2
 * `memory.max`, or cgroup v1 `memory.limit_in_bytes`), else nothing: then the cache is sized from
 * the heap limit Node was started with, as the SDK does, with this worker's per-run cost.
 */
import { readFileSync } from 'node:fs';

/**
 * Heap one cached `runFabricJob` run keeps live in the workflow thread, KiB, with margin: about
 * 42–48 KiB were measured (docs/benchmarks.md, --trace-gc at 1,500–2,000 cached runs).
 */
export const PER_RUN_HEAP_KIB = 64;
/** The workflow thread's V8 old-space limit, as a share of the memory. */
export const HEAP_SHARE = 0.45;
/** The share of the workflow heap the cache may fill, so that V8 never collects garbage right at its limit. */
export const HEAP_FILL = 0.75;
/** The main thread's V8 old-space limit (set by re-executing the worker), as a share of the memory, at least MIN_MAIN_HEAP_MIB. */
export const MAIN_HEAP_SHARE = 0.25;
/** Room for the main thread's start (bundling the workflows with webpack, when no prebuilt bundle is used). */
export const MIN_MAIN_HEAP_MIB = 256;
/** Never a cache smaller than this (the SDK needs at least 2). */
export const MIN_CACHE = 10;
/** A cgroup limit at or above this is "no limit" (cgroup v1 reports ~2^63 then). */
const NO_LIMIT_BYTES = 2 ** 60;

export type MemorySource = 'FABRIC_WORKER_MEMORY_MIB' | 'cgroup' | 'heap';

export interface WorkerSizing {
  /** The memory the worker sized itself for, MiB; undefined when only the heap limit was known. */
  memoryMiB: number | undefined;
  source: MemorySource;
  maxCachedWorkflows: number;
  /** The heap limit to give the workflow thread (`--max-old-space-size`), MiB; undefined: leave Node's. */
  heapLimitMiB: number | undefined;
}

export interface SizingInput {
  /** FABRIC_WORKER_MEMORY_MIB. */
  memoryMiB?: number | undefined;
  /** The container's memory limit in bytes (readCgroupMemoryLimit). */
  cgroupLimitBytes?: number | undefined;
  /** FABRIC_WORKER_MAX_CACHED_WORKFLOWS: an explicit cache size wins. */
  maxCachedWorkflows?: number | undefined;
  /** V8's heap limit of this process, MiB (v8.getHeapStatistics().heap_size_limit). */
  heapSizeLimitMiB: number;
}

/** Runs a workflow heap of `heapMiB` holds: heap × HEAP_FILL / PER_RUN_HEAP_KIB, at least MIN_CACHE. */
export function cacheForHeap(heapMiB: number): number {
  return Math.max(MIN_CACHE, Math.floor((heapMiB * HEAP_FILL * 1024) / PER_RUN_HEAP_KIB));
}

/** The workflow thread's heap limit for `memoryMiB`: HEAP_SHARE of it, at least 128 MiB. */
export function heapForMemory(memoryMiB: number): number {
  return Math.max(128, Math.floor(memoryMiB * HEAP_SHARE));
}

/** The memory to size for: FABRIC_WORKER_MEMORY_MIB, else the container's limit, else none. */
export function resolveMemory(memoryMiB: number | undefined, cgroupLimitBytes: number | undefined): { memoryMiB: number; source: MemorySource } | undefined {
  if (memoryMiB !== undefined) return { memoryMiB, source: 'FABRIC_WORKER_MEMORY_MIB' };
  if (cgroupLimitBytes !== undefined && cgroupLimitBytes < NO_LIMIT_BYTES) return { memoryMiB: Math.floor(cgroupLimitBytes / 2 ** 20), source: 'cgroup' };
  return undefined;
}

/** The main thread's heap limit for the resolved memory, or undefined when none is given. */
export function mainHeapForMemory(memoryMiB: number | undefined, cgroupLimitBytes: number | undefined): number | undefined {
  const memory = resolveMemory(memoryMiB, cgroupLimitBytes);
  return memory === undefined ? undefined : Math.max(MIN_MAIN_HEAP_MIB, Math.floor(memory.memoryMiB * MAIN_HEAP_SHARE));
}

/** Pure: the cache and heap limit for the given memory setting, container limit and heap. */
export function sizeWorker(input: SizingInput): WorkerSizing {
  const memory = resolveMemory(input.memoryMiB, input.cgroupLimitBytes);
  if (memory === undefined) {
    // No memory given: what the heap Node started with can hold (the workflow thread gets the same limit).
    const cache = cacheForHeap(input.heapSizeLimitMiB);
    return { memoryMiB: undefined, source: 'heap', maxCachedWorkflows: input.maxCachedWorkflows ?? cache, heapLimitMiB: undefined };
  }
  const heapLimitMiB = heapForMemory(memory.memoryMiB);
  return { memoryMiB: memory.memoryMiB, source: memory.source, maxCachedWorkflows: input.maxCachedWorkflows ?? cacheForHeap(heapLimitMiB), heapLimitMiB };
}

function readNumberFile(path: string, read: (path: string) => string): number | undefined {
  try {
    const text = read(path).trim();
    if (text === 'max' || !/^\d+$/.test(text)) return undefined;
    return Number(text);
  } catch {
    return undefined;
  }
}

/** The cgroup paths of this process from /proc/self/cgroup: v2 (`0::/path`) and v1's memory controller. */
function cgroupPaths(text: string): { v2?: string; v1?: string } {
  const out: { v2?: string; v1?: string } = {};
  for (const line of text.split('\n')) {
    const [id, controllers, path] = line.split(':');
    if (path === undefined) continue;
    if (id === '0' && controllers === '') out.v2 = path;
    else if (controllers?.split(',').includes('memory')) out.v1 = path;
  }
  return out;
}

/**
 * The memory limit of this process's cgroup in bytes, or undefined when there is none or it cannot
 * be read: cgroup v2 `memory.max`, then v1 `memory.limit_in_bytes`, each at the process's own
 * cgroup (from /proc/self/cgroup) and at the mount's root (a container with its own cgroup namespace).
 */
export function readCgroupMemoryLimit(read: (path: string) => string = (p) => readFileSync(p, 'utf8')): number | undefined {
  let paths: { v2?: string; v1?: string } = {};
  try {
    paths = cgroupPaths(read('/proc/self/cgroup'));
  } catch {
    // not Linux, or no /proc: only the fixed paths below
  }
  const candidates = [
    ...(paths.v2 ? [`/sys/fs/cgroup${paths.v2 === '/' ? '' : paths.v2}/memory.max`] : []),
    '/sys/fs/cgroup/memory.max',
    ...(paths.v1 ? [`/sys/fs/cgroup/memory${paths.v1 === '/' ? '' : paths.v1}/memory.limit_in_bytes`] : []),
    '/sys/fs/cgroup/memory/memory.limit_in_bytes',
  ];
  for (const path of candidates) {
    const limit = readNumberFile(path, read);
    if (limit !== undefined) return limit < NO_LIMIT_BYTES ? limit : undefined;
  }
  return undefined;
}
