/**
 * Fault matrix, cancel request (POST .../jobs/instances/{id}/cancel), reached through the run's
 * timeout: the job outlives the run's timeoutMs, so the workflow cancels it and waits for Fabric to
 * confirm. Each row: the run fails FabricJobTimedOut, the one Fabric job ends Cancelled, no early poll.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectCase } from './expect-case.js';
import { CLIENT_TIMEOUT_MS, startFaultHarness } from './harness.js';
import type { FaultCase, FaultHarness } from './harness.js';

type Row = Pick<FaultCase, 'name' | 'faults'>;

const rows: Row[] = [
  { name: '429 with Retry-After', faults: [{ op: 'cancel', kind: '429', retryAfter: '2' }] },
  { name: '429 without Retry-After', faults: [{ op: 'cancel', kind: '429-no-retry-after' }] },
  { name: '429 with Retry-After as an HTTP date', faults: [{ op: 'cancel', kind: '429-http-date', retryAfter: 2 }] },
  { name: '500', faults: [{ op: 'cancel', kind: '500' }] },
  { name: '502', faults: [{ op: 'cancel', kind: '502' }] },
  { name: '503', faults: [{ op: 'cancel', kind: '503' }] },
  { name: 'connection reset', faults: [{ op: 'cancel', kind: 'reset' }] },
  { name: 'response timeout', faults: [{ op: 'cancel', kind: 'slow', delayMs: CLIENT_TIMEOUT_MS + 1_000 }] },
  { name: '401 once (token refreshed, request retried)', faults: [{ op: 'cancel', kind: 'unauthorized' }] },
  { name: 'faults on the polls that confirm the cancel', faults: [{ op: 'get', kind: '503', afterCount: 1 }, { op: 'get', kind: 'malformed-json' }] },
  {
    name: 'slow Fabric: every request near the timeout',
    faults: [{ op: 'any', kind: 'slow', delayMs: Math.round(CLIENT_TIMEOUT_MS * 0.7), count: -1 }],
  },
];

const cases: FaultCase[] = rows.map((row) => ({
  ...row,
  scenario: { durationMs: 60_000, cancelDelayMs: 500 },
  input: { timeoutMs: 3_000 },
  expect: { failure: 'FabricJobTimedOut' },
  jobStatusAfter: 'Cancelled',
}));

let h: FaultHarness;
beforeAll(async () => {
  h = await startFaultHarness();
});
afterAll(async () => {
  await h?.close();
});

describe.concurrent('faults on the cancel request (run timeout)', () => {
  it.each(cases)('$name', async (c) => {
    expectCase(c, await h.runCase(c));
  });
});
