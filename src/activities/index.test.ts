import { describe, expect, it } from 'vitest';
import { createActivities } from './index.js';

describe('createActivities', () => {
  it('serves the start activity under its name, runJob, and under its name before 0.2, startJob (same implementation)', () => {
    const fabric = {} as Parameters<typeof createActivities>[0];
    const activities = createActivities(fabric);
    expect(Object.keys(activities).sort()).toEqual(['cancelJob', 'fetchJobDetails', 'findJobInstance', 'getJobStatus', 'resolveFabricNames', 'runJob', 'startJob']);
    expect(activities.startJob).toBe(activities.runJob);
  });
});
