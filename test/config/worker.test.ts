import { describe, expect, it } from 'vitest';
import type { ConfigError} from '../../src/config.js';
import { loadClientJobConfig, loadWorkerConfig } from '../../src/config.js';

function variablesOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error('expected a ConfigError');
}

describe('loadWorkerConfig', () => {
  it('has defaults', () => {
    expect(loadWorkerConfig({})).toEqual({ taskQueue: 'fabric-jobs', shutdownGraceTimeMs: 30_000, searchAttributes: false, strictStartup: false });
  });

  it('reads the task queue and the optional numbers', () => {
    const env = {
      FABRIC_TASK_QUEUE: 'q1',
      FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES: '20',
      FABRIC_WORKER_MAX_CACHED_WORKFLOWS: '500',
      FABRIC_WORKER_SHUTDOWN_GRACE_MS: '5000',
    };
    expect(loadWorkerConfig(env)).toEqual({ taskQueue: 'q1', maxConcurrentActivities: 20, maxCachedWorkflows: 500, shutdownGraceTimeMs: 5000, searchAttributes: false, strictStartup: false });
  });

  it('rejects bad numbers and task queue names, naming each variable', () => {
    const env = { FABRIC_TASK_QUEUE: 'my queue', FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES: 'many', FABRIC_WORKER_MAX_CACHED_WORKFLOWS: '0' };
    expect(variablesOf(() => loadWorkerConfig(env)).sort()).toEqual([
      'FABRIC_TASK_QUEUE',
      'FABRIC_WORKER_MAX_CACHED_WORKFLOWS',
      'FABRIC_WORKER_MAX_CONCURRENT_ACTIVITIES',
    ]);
  });
});

describe('worker versioning and start-up settings', () => {
  it('reads the deployment name and build id (both or neither) and the default behaviour', () => {
    expect(loadWorkerConfig({ FABRIC_WORKER_DEPLOYMENT_NAME: 'fabric', FABRIC_WORKER_BUILD_ID: '2025.06.1' }).deployment).toEqual({
      deploymentName: 'fabric',
      buildId: '2025.06.1',
      defaultBehavior: 'pinned',
    });
    expect(
      loadWorkerConfig({ FABRIC_WORKER_DEPLOYMENT_NAME: 'fabric', FABRIC_WORKER_BUILD_ID: 'b2', FABRIC_WORKER_VERSIONING_BEHAVIOR: 'auto-upgrade' }).deployment?.defaultBehavior,
    ).toBe('auto-upgrade');
    expect(variablesOf(() => loadWorkerConfig({ FABRIC_WORKER_DEPLOYMENT_NAME: 'fabric' }))).toEqual(['FABRIC_WORKER_BUILD_ID']);
    expect(variablesOf(() => loadWorkerConfig({ FABRIC_WORKER_BUILD_ID: 'b1' }))).toEqual(['FABRIC_WORKER_DEPLOYMENT_NAME']);
    expect(variablesOf(() => loadWorkerConfig({ FABRIC_WORKER_VERSIONING_BEHAVIOR: 'sometimes' }))).toEqual(['FABRIC_WORKER_VERSIONING_BEHAVIOR']);
  });

  it('reads FABRIC_SEARCH_ATTRIBUTES and FABRIC_STRICT_STARTUP', () => {
    expect(loadWorkerConfig({ FABRIC_SEARCH_ATTRIBUTES: 'true', FABRIC_STRICT_STARTUP: 'true' })).toMatchObject({ searchAttributes: true, strictStartup: true });
    expect(variablesOf(() => loadWorkerConfig({ FABRIC_STRICT_STARTUP: 'yes please' }))).toEqual(['FABRIC_STRICT_STARTUP']);
  });
});

describe('loadClientJobConfig', () => {
  it('defaults search attributes off', () => {
    expect(loadClientJobConfig({})).toEqual({ taskQueue: 'fabric-jobs', searchAttributes: false });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
  ])('FABRIC_SEARCH_ATTRIBUTES=%s → %s', (value, expected) => {
    expect(loadClientJobConfig({ FABRIC_SEARCH_ATTRIBUTES: value }).searchAttributes).toBe(expected);
  });

  it('rejects anything but true or false', () => {
    try {
      loadClientJobConfig({ FABRIC_SEARCH_ATTRIBUTES: 'yes' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        { variable: 'FABRIC_SEARCH_ATTRIBUTES', shownValue: '"yes"', message: 'must be true or false' },
      ]);
    }
  });
});
