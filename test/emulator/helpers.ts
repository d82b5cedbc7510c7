/**
 * Shared helpers of the emulator tests: ids, a controllable clock, and a small fetch wrapper.
 */
import { randomUUID } from 'node:crypto';
import { EmulatorAdmin, startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/index.js';

export const WS = '4b218778-e7a5-4d73-8187-f10824047715';
export const TOKEN = 'test-token';

/** A fresh item id, so tests sharing an emulator do not see each other's jobs. */
export const newItem = (): string => randomUUID();

/** A clock the test moves by hand (starts on 2024-01-01T00:00:00Z). */
export function manualClock(startMs = Date.UTC(2024, 0, 1)): { now: () => number; advance: (ms: number) => void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface Harness {
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  /** fetch against the emulator (path relative to url, or absolute), with the bearer token unless headers say otherwise. */
  call(method: string, pathOrUrl: string, init?: { body?: string; headers?: Record<string, string> }): Promise<Response>;
  /** POST run (query route by default); returns the response. */
  run(itemId: string, jobType?: string, body?: unknown, route?: 'query' | 'path'): Promise<Response>;
  jobUrl(itemId: string, jobId: string): string;
  close(): Promise<void>;
}

export async function harness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options);
  const call: Harness['call'] = (method, pathOrUrl, init = {}) =>
    fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${emulator.url}${pathOrUrl}`, {
      method,
      headers: { Authorization: `Bearer ${options.token ?? TOKEN}`, ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
  const itemBase = (itemId: string): string => `/v1/workspaces/${WS}/items/${itemId}/jobs`;
  return {
    emulator,
    admin: new EmulatorAdmin(emulator.adminUrl),
    call,
    run: (itemId, jobType = 'RunNotebook', body, route = 'query') =>
      call('POST', route === 'query' ? `${itemBase(itemId)}/instances?jobType=${jobType}` : `${itemBase(itemId)}/${jobType}/instances`, {
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    jobUrl: (itemId, jobId) => `${emulator.url}${itemBase(itemId)}/instances/${jobId}`,
    close: () => emulator.close(),
  };
}

/** The job id of a 202 run answer. */
export function jobIdOf(res: Response): string {
  const id = res.headers.get('x-ms-job-id');
  if (!id) throw new Error(`no x-ms-job-id on a ${res.status} answer`);
  return id;
}

/** Fabric's timestamp format: UTC, 7 fractional digits, no Z. */
export const FABRIC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/;
