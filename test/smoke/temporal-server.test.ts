import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer, startTimeSkippingServer } from '../helpers/temporal.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared.js';

describe('Temporal dev server (real binary)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    // A server of its own: starting one is what this test checks.
    env = await startDevServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('starts, answers the API and has the project search attributes', async () => {
    const info = await env.connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/\d+\.\d+/);
    const attrs = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    for (const name of Object.values(SEARCH_ATTRIBUTES)) {
      expect(Object.keys(attrs.customAttributes)).toContain(name);
    }
  });
});

describe('Temporal time-skipping test server (real binary)', () => {
  it('starts and skips time', async () => {
    const env = await startTimeSkippingServer();
    try {
      const before = await env.currentTimeMs();
      await env.sleep('1 hour');
      expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(3_600_000);
    } finally {
      await env.teardown();
    }
  });
});
