import { describe, expect, it } from 'vitest';
import { listedPipeline, listedRun, listedStatus } from './list-rows.js';

const JOB = '5f351a69-23a4-40e0-84f9-12e80f7daa0e';

describe('list rows from visibility alone', () => {
  it('maps the execution status, refined by the Fabric status the run recorded', () => {
    expect(listedStatus('RUNNING', null)).toBe('Running');
    expect(listedStatus('COMPLETED', null)).toBe('Completed');
    expect(listedStatus('COMPLETED', 'Deduped')).toBe('Deduped');
    expect(listedStatus('FAILED', null)).toBe('Failed');
    expect(listedStatus('FAILED', 'Deduped')).toBe('Deduped');
    expect(listedStatus('FAILED', 'Cancelled')).toBe('Cancelled');
    expect(listedStatus('TERMINATED', 'InProgress')).toBe('Terminated');
    expect(listedStatus('CANCELLED', 'InProgress')).toBe('Cancelled');
    expect(listedStatus('TIMED_OUT', null)).toBe('TimedOut');
  });

  it('takes ids from the memo, else the search attributes; the job instance from the search attribute', () => {
    const row = listedRun({
      workflowId: 'w',
      runId: 'r',
      status: { name: 'FAILED' },
      memo: { workspaceId: 'ws', itemId: 'it', jobType: 'RunNotebook' },
      searchAttributes: { FabricJobInstanceId: [JOB], FabricJobStatus: ['Failed'], FabricItemId: ['other'] },
      startTime: new Date('2024-06-01T00:00:00Z'),
      closeTime: new Date('2024-06-01T00:05:00Z'),
    });
    expect(row).toEqual({
      workflowId: 'w',
      runId: 'r',
      status: 'Failed',
      jobInstanceId: JOB,
      startTimeUtc: null,
      endTimeUtc: null,
      failureReason: null,
      workspaceId: 'ws',
      itemId: 'it',
      jobType: 'RunNotebook',
      startTime: '2024-06-01T00:00:00.000Z',
      closeTime: '2024-06-01T00:05:00.000Z',
    });
    const bare = listedRun({ workflowId: 'w', runId: 'r', status: { name: 'RUNNING' }, memo: undefined, searchAttributes: {}, startTime: new Date(0), closeTime: undefined });
    expect(bare).toMatchObject({ status: 'Running', jobInstanceId: null, itemId: null, closeTime: null });
  });

  it('a pipeline row: its name from the memo or its workflow id, the logical date and the schedule', () => {
    const at = { status: { name: 'TERMINATED' }, searchAttributes: {}, startTime: new Date(0), closeTime: new Date(1000), runId: 'r' };
    expect(listedPipeline({ ...at, workflowId: 'pipeline/nightly@region=emea/2026-12-02', memo: { logicalDate: '2026-12-02', scheduleId: 'nightly' } })).toMatchObject({
      name: 'nightly',
      status: 'Terminated',
      logicalDate: '2026-12-02',
      scheduleId: 'nightly',
    });
    expect(listedPipeline({ ...at, workflowId: 'pipeline-my-nightly-0a1b2c3d', memo: undefined })).toMatchObject({ name: 'my-nightly', logicalDate: null, scheduleId: null });
    expect(listedPipeline({ ...at, workflowId: 'custom', memo: { pipeline: 'sales' } })).toMatchObject({ name: 'sales' });
  });
});
