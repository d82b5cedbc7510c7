/** The fetchJobDetails activity against the real emulator: details read, and failed reads that change nothing. */
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFetchJobDetails, type FetchJobDetailsInput } from '../../src/activities/job-details.js';
import type { JobRunDetails } from '../../src/contracts/job-details.js';
import type { Scenario } from '../../src/emulator/index.js';
import type { RunJobOptions } from '../../src/fabric/index.js';
import { eventually, startFixture, type Fixture } from '../fabric/emulator-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ pageSize: 1 });
});
afterAll(async () => fx?.close());

/** A finished job of `jobType` on a fresh item, and the activity input describing it. */
async function finished(jobType: string, scenario: Scenario, options: RunJobOptions = {}): Promise<FetchJobDetailsInput> {
  const { workspaceId, itemId } = await fx.item({ durationMs: 150, retryAfterSeconds: 0, ...scenario });
  const client = fx.client();
  const { jobInstanceId } = await client.runOnDemandItemJob({ workspaceId, itemId, jobType }, options);
  const instance = await eventually(async () => {
    const { instance } = await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId });
    return ['Completed', 'Failed', 'Cancelled'].includes(instance.status) ? instance : undefined;
  });
  return { workspaceId, itemId, jobType, jobInstanceId, status: instance.status, startTimeUtc: instance.startTimeUtc, endTimeUtc: instance.endTimeUtc };
}

const fetchJobDetails = (input: FetchJobDetailsInput): Promise<JobRunDetails> =>
  new MockActivityEnvironment().run(makeFetchJobDetails(fx.client()), input);

const activityRuns = [
  { activityName: 'Copy', activityType: 'Copy', output: { rowsCopied: 3 } },
  { activityName: 'Load', activityType: 'Script', status: 'Failed' as const, error: { errorCode: '2011', message: 'Table sales is locked' } },
];

describe('fetchJobDetails', () => {
  it("reads a notebook's exit value, Livy id and monitoring links", async () => {
    const details = await fetchJobDetails(await finished('RunNotebook', { exitValue: '{"rows":5}' }));
    expect(details).toMatchObject({
      exitValue: '{"rows":5}',
      livyId: expect.any(String),
      sparkApplicationId: expect.stringMatching(/^application_/),
      sparkJobDetailsUrl: expect.stringContaining('/sparkmonitor/'),
      driverLogUrl: expect.any(String),
      executionSnapshotUrl: expect.any(String),
    });
  });

  it('reads the high-concurrency session of a notebook run on the released notebook route with a session tag', async () => {
    const details = await fetchJobDetails(await finished('RunNotebook', { exitValue: 'ok' }, { sessionTag: 'nightly' }));
    expect(details).toMatchObject({ exitValue: 'ok', sessionTag: 'nightly', sessionSource: 'Created' });
    const plain = await fetchJobDetails(await finished('RunNotebook', { exitValue: 'ok' }));
    expect(plain.sessionTag).toBeUndefined();
  });

  it('reads only the failed activity runs of a failed Data Pipeline by default, and all of them on request', async () => {
    const input = await finished('Pipeline', { outcome: 'Failed', activityRuns });
    expect((await fetchJobDetails(input)).activityRuns).toEqual([
      expect.objectContaining({ activityName: 'Load', activityType: 'Script', status: 'Failed', error: { errorCode: '2011', message: 'Table sales is locked', failureType: 'UserError' } }),
    ]);
    const all = (await fetchJobDetails({ ...input, activityRuns: 'all' })).activityRuns!;
    expect(all.map((r) => r.activityName)).toEqual(['Copy', 'Load']);
    expect(all[0]).toEqual(expect.objectContaining({ output: { rowsCopied: 3 }, durationInMs: expect.any(Number) }));
    expect(all[0]).not.toHaveProperty('error');
    const completed = await finished('Pipeline', { activityRuns });
    expect(await fetchJobDetails(completed)).toEqual({});
  });

  it("finds a Spark job definition run's Livy session across pages", async () => {
    const input = await finished('sparkjob', {});
    await fx.client().runOnDemandItemJob({ workspaceId: input.workspaceId, itemId: input.itemId, jobType: 'sparkjob' });
    expect(await fetchJobDetails(input)).toEqual({ livyId: expect.any(String), sparkApplicationId: expect.any(String), livyState: 'Succeeded' });
  });

  it.each([
    ['503', { op: 'details' as const, kind: '503' as const, count: -1 }],
    ['404', { op: 'details' as const, kind: 'not-found' as const, count: -1 }],
    ['malformed JSON', { op: 'details' as const, kind: 'malformed-json' as const, count: -1 }],
  ])('leaves the details out when the read fails with %s, without throwing', async (_what, fault) => {
    const notebook = await finished('RunNotebook', { exitValue: 'x' });
    const pipeline = await finished('Pipeline', { outcome: 'Failed', activityRuns });
    await fx.admin.setScenario(notebook.itemId, { faults: [fault] });
    await fx.admin.setScenario(pipeline.itemId, { faults: [fault] });
    expect(await fetchJobDetails(notebook)).toEqual({});
    expect(await fetchJobDetails(pipeline)).toEqual({});
  });

  it('reads nothing for other job types', async () => {
    const input = await finished('TableMaintenance', {});
    const before = (await fx.admin.stats()).requests;
    expect(await fetchJobDetails(input)).toEqual({});
    expect((await fx.admin.stats()).requests).toBe(before);
  });
});
