/**
 * Fault matrix, status poll (GET .../jobs/instances/{id}): every fault end to end through a real
 * worker. Each row: the run ends as expected, exactly one Fabric job, no early poll, no job left running.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectCase } from './expect-case.js';
import { CLIENT_TIMEOUT_MS, startFaultHarness } from './harness.js';
import type { FaultCase, FaultHarness } from './harness.js';

const completed = { status: 'Completed' } as const;
/** A job long enough that a run giving up on it would leave it running (an orphan) for the check to see. */
const longJob = { durationMs: 60_000 };

const cases: FaultCase[] = [
  { name: '429 with Retry-After', faults: [{ op: 'get', kind: '429', retryAfter: '2' }], expect: completed },
  { name: '429 without Retry-After', faults: [{ op: 'get', kind: '429-no-retry-after' }], expect: completed },
  { name: '429 with Retry-After as an HTTP date', faults: [{ op: 'get', kind: '429-http-date', retryAfter: 2 }], expect: completed },
  { name: '500', faults: [{ op: 'get', kind: '500' }], expect: completed },
  { name: '502', faults: [{ op: 'get', kind: '502' }], expect: completed },
  { name: '503 three times', faults: [{ op: 'get', kind: '503', count: 3 }], expect: completed },
  { name: 'connection reset', faults: [{ op: 'get', kind: 'reset' }], expect: completed },
  { name: 'response timeout', faults: [{ op: 'get', kind: 'slow', delayMs: CLIENT_TIMEOUT_MS + 1_000 }], expect: completed },
  { name: 'every answer near the timeout', faults: [{ op: 'get', kind: 'slow', delayMs: Math.round(CLIENT_TIMEOUT_MS * 0.7), count: -1 }], expect: completed },
  { name: '404 right after the start', faults: [{ op: 'get', kind: 'not-found', count: 2 }], expect: completed },
  { name: 'malformed JSON body', faults: [{ op: 'get', kind: 'malformed-json' }], expect: completed },
  { name: 'unknown status', faults: [{ op: 'get', kind: 'unknown-status', status: 'Throttling', count: 2 }], expect: completed },
  { name: '401 once (token refreshed, request retried)', faults: [{ op: 'get', kind: 'unauthorized' }], expect: completed },
  // A poll that fails for good: the run fails with that failure, but first cancels its job (docs/job-workflow.md).
  { name: '401 twice', faults: [{ op: 'get', kind: 'unauthorized', count: 2 }], scenario: longJob, expect: { failure: 'FabricUnauthorized' }, jobStatusAfter: 'Cancelled' },
  // Two: a 403 on the notebook's route (a beta API, which may be refused alone) moves the polls to the generic route, whose 403 decides.
  { name: '403', forbid: { op: 'get', count: 2 }, scenario: longJob, expect: { failure: 'InsufficientPrivileges' }, jobStatusAfter: 'Cancelled' },
  { name: '503 then 429 then a Failed job', faults: [{ op: 'get', kind: '503' }, { op: 'get', kind: '429' }], scenario: { outcome: 'Failed' }, expect: { failure: 'FabricJobFailed' } },
];

let h: FaultHarness;
beforeAll(async () => {
  h = await startFaultHarness();
});
afterAll(async () => {
  await h?.close();
});

describe.concurrent('faults on the status poll', () => {
  it.each(cases)('$name', async (c) => {
    expectCase(c, await h.runCase(c));
  });
});
