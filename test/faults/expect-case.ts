/** The assertions every row of the fault matrix makes. */
import { expect } from 'vitest';
import { isTerminalStatus } from '../../src/shared.js';
import type { CaseReport, FaultCase } from './harness.js';

/**
 * The run ended as the row expects; the fault was really injected; Fabric holds exactly the
 * expected number of jobs (never a duplicate); no poll came before the Retry-After Fabric had sent;
 * and no job is left running once the run has ended (no orphan).
 */
export function expectCase(c: FaultCase, report: CaseReport): void {
  const { result, failure, otherError, jobs, requests } = report;
  expect(otherError, 'the run ended with something other than an ApplicationFailure').toBeUndefined();
  if ('status' in c.expect) {
    expect(failure?.message, 'the run should have succeeded').toBeUndefined();
    expect(result?.status).toBe(c.expect.status);
  } else {
    expect(result, 'the run should have failed').toBeUndefined();
    expect(failure?.type, failure?.message).toBe(c.expect.failure);
  }
  expect(report.faultsApplied, 'the fault was never injected').toBeGreaterThan(0);
  expect(
    jobs.map((j) => j.id),
    'Fabric jobs of the run',
  ).toHaveLength(c.jobs ?? 1);
  expect(
    requests.filter((r) => r.early).map((r) => `${r.method} ${r.path} at ${r.atMs}`),
    'polls before Retry-After',
  ).toEqual([]);
  const job = jobs[0];
  if (!job) return;
  if (result) expect(job.id).toBe(result.jobInstanceId);
  expect(isTerminalStatus(job.status), `Fabric job ${job.id} still ${job.status} after its run ended (orphan)`).toBe(true);
  const statusAfter = c.jobStatusAfter ?? result?.status;
  if (statusAfter !== undefined) expect(job.status).toBe(statusAfter);
}
