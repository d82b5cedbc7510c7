/**
 * Fault matrix, run request (POST .../jobs/instances): every fault end to end through a real worker.
 * Each row: the run ends as expected, exactly one Fabric job (none when Fabric refused the start),
 * no early poll, no job left running.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectCase } from './expect-case.js';
import { CLIENT_TIMEOUT_MS, startFaultHarness } from './harness.js';
import type { FaultCase, FaultHarness } from './harness.js';

const completed = { status: 'Completed' } as const;

const cases: FaultCase[] = [
  { name: '429 with Retry-After', faults: [{ op: 'run', kind: '429', retryAfter: '2' }], expect: completed },
  { name: '429 without Retry-After', faults: [{ op: 'run', kind: '429-no-retry-after' }], expect: completed },
  { name: '429 with Retry-After as an HTTP date', faults: [{ op: 'run', kind: '429-http-date', retryAfter: 2 }], expect: completed },
  { name: '500', faults: [{ op: 'run', kind: '500' }], expect: completed },
  { name: '502', faults: [{ op: 'run', kind: '502' }], expect: completed },
  { name: '503 twice', faults: [{ op: 'run', kind: '503', count: 2 }], expect: completed },
  { name: 'connection reset before the job is created', faults: [{ op: 'run', kind: 'reset' }], expect: completed },
  { name: 'connection reset after the job was created', faults: [{ op: 'run', kind: 'reset-after-create' }], expect: completed },
  {
    name: 'response timeout (the job is created after the client gave up)',
    faults: [{ op: 'run', kind: 'slow', delayMs: CLIENT_TIMEOUT_MS + 1_000 }],
    expect: completed,
  },
  { name: 'slow answer near the timeout', faults: [{ op: 'run', kind: 'slow', delayMs: Math.round(CLIENT_TIMEOUT_MS * 0.7) }], expect: completed },
  { name: 'no Location header (id only in x-ms-job-id)', faults: [{ op: 'run', kind: 'no-location' }], expect: completed },
  { name: '401 once (token refreshed, request retried)', faults: [{ op: 'run', kind: 'unauthorized' }], expect: completed },
  { name: '401 twice', faults: [{ op: 'run', kind: 'unauthorized', count: 2 }], expect: { failure: 'FabricUnauthorized' }, jobs: 0 },
  { name: '403', forbid: { op: 'run', count: 1 }, expect: { failure: 'InsufficientPrivileges' }, jobs: 0 },
  {
    name: 'reset after create, then malformed JSON on the look-up list',
    faults: [
      { op: 'run', kind: 'reset-after-create' },
      { op: 'list', kind: 'malformed-json' },
    ],
    expect: completed,
  },
  {
    name: 'reset after create, then 503 and reset on the look-up list',
    faults: [
      { op: 'run', kind: 'reset-after-create' },
      { op: 'list', kind: '503' },
      { op: 'list', kind: 'reset' },
    ],
    expect: completed,
  },
  {
    name: '500, then connection reset after create on the retry',
    faults: [
      { op: 'run', kind: '500' },
      { op: 'run', kind: 'reset-after-create' },
    ],
    expect: completed,
  },
  { name: 'Failed job behind a 503', faults: [{ op: 'run', kind: '503' }], scenario: { outcome: 'Failed' }, expect: { failure: 'FabricJobFailed' } },
];

let h: FaultHarness;
beforeAll(async () => {
  h = await startFaultHarness();
});
afterAll(async () => {
  await h?.close();
});

describe.concurrent('faults on the run request', () => {
  it.each(cases)('$name', async (c) => {
    expectCase(c, await h.runCase(c));
  });
});
