/** runFabricJob as a child workflow of another app's workflow (the documented integration). */
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import type { RunFabricJobInput } from '../../src/shared.js';
import { stateQuery } from '../../src/workflows/index.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workflowsPath: fileURLToPath(new URL('./fixtures/parent-workflows.ts', import.meta.url)) });
});
afterAll(async () => {
  await h?.close();
});

function startParent(input: RunFabricJobInput) {
  return h.env.client.workflow.start('refreshReport', { taskQueue: h.taskQueue, workflowId: `parent-${randomUUID()}`, args: [input] });
}

describe('runFabricJob as a child workflow', () => {
  it("returns the job's result to the parent", async () => {
    const input = await h.job({ durationMs: 1_000 });
    const result = await (await startParent(input)).result();
    const [job] = await h.admin.jobs(input.itemId);
    expect(result).toMatchObject({ jobInstanceId: job!.id, status: 'Completed' });
  });

  it('cancels the Fabric job when the parent is cancelled', async () => {
    const input = await h.job({ durationMs: 60_000 });
    const parent = await startParent(input);
    const child = h.env.client.workflow.getHandle(`${parent.workflowId}/fabric-job`);
    await expect.poll(async () => (await child.query(stateQuery).catch(() => undefined))?.polls ?? 0, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(1);
    await parent.cancel();
    const err = await parent.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect((await parent.describe()).status.name).toBe('CANCELLED');
    expect((await child.describe()).status.name).toBe('CANCELLED');
    const [job] = await h.admin.jobs(input.itemId);
    expect(job!.status).toBe('Cancelled');
  });
});
