import { describe, expect, it } from 'vitest';
import { detailLines, indented, linkLines } from './details-lines.js';

describe('detail lines', () => {
  const details = {
    exitValue: '{"rows": 3}',
    activityRuns: [
      { activityName: 'Copy', activityType: 'Copy', status: 'Succeeded' },
      { activityName: 'Load', activityType: 'Script', status: 'Failed', error: { errorCode: '2011', message: 'Table sales\nis locked' } },
    ],
  };

  it('names the failed activities with their errors, and the exit value', () => {
    expect(detailLines(details)).toEqual(['activity "Load" (Script) Failed: 2011: Table sales is locked', 'exit value: {"rows": 3}']);
    expect(detailLines(details, { allActivities: true })[0]).toBe('activity "Copy" (Copy) Succeeded');
    expect(detailLines(undefined)).toEqual([]);
    expect(detailLines({ exitValue: 'x'.repeat(400) })[0]).toHaveLength('exit value: '.length + 300);
  });

  it('names the high-concurrency session a notebook ran in', () => {
    expect(detailLines({ sessionTag: 'nightly', sessionSource: 'Created' })).toEqual(['high-concurrency session "nightly" (Created)']);
    expect(detailLines({ sessionSource: 'Attached' })).toEqual(['high-concurrency session (Attached)']);
  });

  it('prints the known links, indented', () => {
    expect(indented(linkLines({ fabricUrl: 'https://f', temporalUrl: 'http://t' }))).toBe('  Fabric: https://f\n  Temporal: http://t\n');
    expect(linkLines({})).toEqual([]);
  });
});
