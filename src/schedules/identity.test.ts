import { describe, expect, it } from 'vitest';
import { dateTakenMessage, jobScheduleIdentity, logicalDateWorkflowId, pipelineIdentity, scheduledWorkflowIdPrefix } from './identity.js';
import { overlapName, OVERLAP_NAMES, toOverlapPolicy } from './overlap.js';

describe('run identity', () => {
  it('is the pipeline name when the params are the file defaults', () => {
    const defaults = { region: 'eu', day: null };
    expect(pipelineIdentity('nightly', { region: 'eu' }, { region: 'eu' })).toBe('pipeline/nightly');
    expect(logicalDateWorkflowId(pipelineIdentity('nightly', { region: 'eu' }, { region: 'eu' }), '2024-05-01')).toBe('pipeline/nightly/2024-05-01');
    expect(pipelineIdentity('nightly', { region: 'us', day: 'x y' }, defaults)).toBe('pipeline/nightly@day=x%20y,region=us');
  });

  it('is deterministic whatever the order of the params, and hashes long ones', () => {
    const a = pipelineIdentity('p', { b: 2, a: 'x'.repeat(300) }, {});
    const b = pipelineIdentity('p', { a: 'x'.repeat(300), b: 2 }, {});
    expect(a).toBe(b);
    expect(a).toMatch(/^pipeline\/p@#[0-9a-f]{8}$/);
    expect(pipelineIdentity('p', { a: 'y'.repeat(300) }, {})).not.toBe(a);
  });

  it('names single-job runs after the schedule, and scheduled workflows after it too', () => {
    expect(jobScheduleIdentity('nightly-notebook')).toBe('schedule/nightly-notebook');
    expect(scheduledWorkflowIdPrefix('nightly-notebook')).toBe('scheduled/nightly-notebook');
  });

  it('explains a refused date', () => {
    expect(dateTakenMessage('pipeline/p/2024-05-01', '2024-05-01', 'RUNNING')).toContain('logical date 2024-05-01 (workflow pipeline/p/2024-05-01) is already running; nothing was started');
    expect(dateTakenMessage('w', 'd', 'COMPLETED')).toContain('already completed');
    expect(dateTakenMessage('w', 'd')).toContain('already running or completed');
  });
});

describe('overlap names', () => {
  it('map both ways', () => {
    for (const name of OVERLAP_NAMES) expect(overlapName(toOverlapPolicy(name))).toBe(name);
    expect(toOverlapPolicy('buffer-one')).toBe('BUFFER_ONE');
    expect(overlapName(undefined)).toBe('skip');
  });
});
