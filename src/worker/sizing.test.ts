import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../config.js';
import { REEXEC_MARK, mainHeapTarget } from './heap-reexec.js';
import {
  HEAP_FILL,
  HEAP_SHARE,
  MAIN_HEAP_SHARE,
  MIN_CACHE,
  MIN_MAIN_HEAP_MIB,
  PER_RUN_HEAP_KIB,
  cacheForHeap,
  heapForMemory,
  readCgroupMemoryLimit,
  sizeWorker,
} from './sizing.js';

const files = (map: Record<string, string>) => (path: string) => {
  const text = map[path];
  if (text === undefined) throw new Error(`ENOENT ${path}`);
  return text;
};

describe('cacheForHeap', () => {
  it('is heap × fill / heap per run, at least the minimum', () => {
    expect(cacheForHeap(460)).toBe(Math.floor((460 * HEAP_FILL * 1024) / PER_RUN_HEAP_KIB));
    expect(cacheForHeap(0)).toBe(MIN_CACHE);
  });

  it('holds 5,000 runs (half of 10,000 on two workers) in a 1 GiB worker, and grows with the memory', () => {
    expect(cacheForHeap(heapForMemory(1024))).toBeGreaterThanOrEqual(5_000);
    expect(cacheForHeap(heapForMemory(2048))).toBeGreaterThan(cacheForHeap(heapForMemory(1024)));
  });

  it('leaves the runs it caches inside the heap, the main heap and the base inside the memory', () => {
    for (const memory of [512, 1024, 4096]) {
      const heap = heapForMemory(memory);
      expect((cacheForHeap(heap) * PER_RUN_HEAP_KIB) / 1024).toBeLessThan(heap);
      expect(heap + Math.max(MIN_MAIN_HEAP_MIB, memory * MAIN_HEAP_SHARE)).toBeLessThan(memory);
    }
  });
});

describe('sizeWorker', () => {
  it('sizes the cache and the heap from FABRIC_WORKER_MEMORY_MIB, before the container limit', () => {
    const sizing = sizeWorker({ memoryMiB: 1024, cgroupLimitBytes: 4 * 2 ** 30, heapSizeLimitMiB: 4096 });
    expect(sizing).toEqual({ memoryMiB: 1024, source: 'FABRIC_WORKER_MEMORY_MIB', maxCachedWorkflows: cacheForHeap(Math.floor(1024 * HEAP_SHARE)), heapLimitMiB: Math.floor(1024 * HEAP_SHARE) });
  });

  it('takes the container limit when no memory is set', () => {
    expect(sizeWorker({ cgroupLimitBytes: 2 * 2 ** 30, heapSizeLimitMiB: 4096 })).toMatchObject({ memoryMiB: 2048, source: 'cgroup', maxCachedWorkflows: cacheForHeap(heapForMemory(2048)) });
  });

  it('ignores a cgroup "limit" that means none, and sizes from the heap without setting it', () => {
    const sizing = sizeWorker({ cgroupLimitBytes: 9_223_372_036_854_771_712, heapSizeLimitMiB: 4096 });
    expect(sizing).toEqual({ memoryMiB: undefined, source: 'heap', maxCachedWorkflows: cacheForHeap(4096), heapLimitMiB: undefined });
  });

  it('keeps an explicit FABRIC_WORKER_MAX_CACHED_WORKFLOWS, still bounding the heap', () => {
    expect(sizeWorker({ memoryMiB: 2048, maxCachedWorkflows: 300, heapSizeLimitMiB: 4096 })).toMatchObject({ maxCachedWorkflows: 300, heapLimitMiB: heapForMemory(2048) });
  });

  it('reads the memory setting through the worker config', () => {
    const config = loadWorkerConfig({ FABRIC_WORKER_MEMORY_MIB: '1536' });
    expect(config.memoryMiB).toBe(1536);
    expect(sizeWorker({ memoryMiB: config.memoryMiB, heapSizeLimitMiB: 4096 }).maxCachedWorkflows).toBe(cacheForHeap(heapForMemory(1536)));
    expect(() => loadWorkerConfig({ FABRIC_WORKER_MEMORY_MIB: '1.5GiB' })).toThrow(/FABRIC_WORKER_MEMORY_MIB/);
  });
});

describe('readCgroupMemoryLimit', () => {
  it('reads cgroup v2 memory.max at the process cgroup', () => {
    const read = files({ '/proc/self/cgroup': '0::/kubepods/pod1/c1\n', '/sys/fs/cgroup/kubepods/pod1/c1/memory.max': '1073741824\n' });
    expect(readCgroupMemoryLimit(read)).toBe(2 ** 30);
  });

  it('treats "max" as no limit', () => {
    expect(readCgroupMemoryLimit(files({ '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/memory.max': 'max\n' }))).toBeUndefined();
  });

  it('reads cgroup v1 memory.limit_in_bytes, and its huge "unlimited" value as none', () => {
    const v1 = '4:memory:/docker/abc\n1:cpu:/\n';
    expect(readCgroupMemoryLimit(files({ '/proc/self/cgroup': v1, '/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes': '536870912' }))).toBe(512 * 2 ** 20);
    expect(readCgroupMemoryLimit(files({ '/proc/self/cgroup': v1, '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712' }))).toBeUndefined();
  });

  it('is undefined without any cgroup file', () => {
    expect(readCgroupMemoryLimit(files({}))).toBeUndefined();
  });
});

describe('mainHeapTarget (the re-exec of the worker entry point)', () => {
  it('asks for MAIN_HEAP_SHARE of the memory setting, at least MIN_MAIN_HEAP_MIB', () => {
    expect(mainHeapTarget({ FABRIC_WORKER_MEMORY_MIB: '2048' }, [], 4096, undefined)).toBe(Math.floor(2048 * MAIN_HEAP_SHARE));
    expect(mainHeapTarget({ FABRIC_WORKER_MEMORY_MIB: '512' }, [], 4096, undefined)).toBe(MIN_MAIN_HEAP_MIB);
    expect(mainHeapTarget({}, [], 4096, 2 * 2 ** 30)).toBe(Math.max(MIN_MAIN_HEAP_MIB, Math.floor(2048 * MAIN_HEAP_SHARE)));
  });

  it('leaves the process alone without a memory setting, after the re-exec, or when the operator set a heap limit', () => {
    expect(mainHeapTarget({}, [], 4096, undefined)).toBeUndefined();
    expect(mainHeapTarget({ FABRIC_WORKER_MEMORY_MIB: '2048', [REEXEC_MARK]: '512' }, [], 4096, undefined)).toBeUndefined();
    expect(mainHeapTarget({ FABRIC_WORKER_MEMORY_MIB: '2048' }, ['--max-old-space-size=300'], 4096, undefined)).toBeUndefined();
    expect(mainHeapTarget({ FABRIC_WORKER_MEMORY_MIB: '2048', NODE_OPTIONS: '--max_old_space_size=300' }, [], 4096, undefined)).toBeUndefined();
    expect(mainHeapTarget({ FABRIC_WORKER_MEMORY_MIB: '2048' }, [], 600, undefined)).toBeUndefined();
    expect(mainHeapTarget({ FABRIC_WORKER_MEMORY_MIB: 'lots' }, [], 4096, undefined)).toBeUndefined();
  });
});
