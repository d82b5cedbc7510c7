/**
 * Fault matrix, run request (POST .../jobs/instances): every fault end to end through a real worker.
 * Each row: the run ends as expected, exactly one Fabric job (none when Fabric refused the start),
 * no early poll, no job left running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/**
 * The released notebook route (a notebook run with a session tag): the same duplicate-safe start.
 * A lost answer is followed by the look-up, never a second POST that creates a second job.
 */
const notebook: Partial<FaultCase['input']> = { executionData: undefined, sessionTag: 'nightly', computeConfiguration: { driverCores: 8 } };
const notebookCases: FaultCase[] = [
  { name: 'notebook route: 503 twice', faults: [{ op: 'run', kind: '503', count: 2 }], input: notebook, expect: completed },
  { name: 'notebook route: connection reset after the job was created', faults: [{ op: 'run', kind: 'reset-after-create' }], input: notebook, expect: completed },
  { name: 'notebook route: 429 with Retry-After', faults: [{ op: 'run', kind: '429', retryAfter: '2' }], input: notebook, expect: completed },
];

describe.concurrent('faults on the released notebook route', () => {
  it.each(notebookCases)('$name', async (c) => {
    const report = await h.runCase(c);
    expectCase(c, report);
    const posts = report.requests.filter((r) => r.method === 'POST' && r.op === 'run').map((r) => r.path);
    expect(posts.length).toBeGreaterThan(0);
    for (const path of posts) expect(path).toMatch(/\/notebooks\/[^/]+\/jobs\/execute\/instances\?beta=false$/);
    expect(report.jobs[0]!.executionData).toEqual({ compute: 'Spark', computeConfiguration: { driverCores: 8, highConcurrencyModeOptions: { enabled: true, sessionTag: 'nightly' } } });
  });
});
