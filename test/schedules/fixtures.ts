/** Helpers of the schedule tests: pipeline files, waiting on a schedule's actions, the runs it started. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import type { EmulatorAdmin, EmulatorJob } from '../../src/emulator/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fabric-schedules-'));

/** A one-step pipeline file whose step passes `{{ logicalDate }}` (and `{{ params.region }}`) to the job. */
export function pipelineFile(name: string, workspaceId: string, itemId: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    [
      `name: ${name}`,
      `workspace: ${workspaceId}`,
      'params: { region: emea }',
      'steps:',
      '  - id: load',
      `    item: ${itemId}`,
      '    jobType: RunNotebook',
      '    executionData:',
      '      parameters:',
      '        day: { value: "{{ logicalDate }}", type: string }',
      '        region: { value: "{{ params.region }}", type: string }',
    ].join('\n'),
  );
  return path;
}

/** The `day` parameter each job of the item was run with. */
export function daysOf(jobs: readonly EmulatorJob[]): string[] {
  return jobs.map((job) => (job.executionData as { parameters: { day: { value: string } } }).parameters.day.value).sort();
}

/** Waits until the schedule has taken `count` actions; returns its description. */
export async function waitForActions(client: Client, scheduleId: string, count: number, timeout = 60_000) {
  const handle = client.schedule.getHandle(scheduleId);
  await expect.poll(async () => (await handle.describe()).info.numActionsTaken, { timeout, interval: 300 }).toBeGreaterThanOrEqual(count);
  return handle.describe();
}

/** Waits until no workflow the schedule started is running. */
export async function waitUntilIdle(client: Client, scheduleId: string, timeout = 90_000) {
  const handle = client.schedule.getHandle(scheduleId);
  await expect.poll(async () => (await handle.describe()).info.runningActions.length, { timeout, interval: 300 }).toBe(0);
  return handle.describe();
}

/** Status and result of every workflow the schedule started (from its recent actions). */
export async function scheduledRuns(client: Client, scheduleId: string) {
  const description = await client.schedule.getHandle(scheduleId).describe();
  return Promise.all(
    description.info.recentActions.map(async (action) => {
      const handle = client.workflow.getHandle(action.action.workflow.workflowId, action.action.workflow.firstExecutionRunId);
      const info = await handle.describe();
      return { workflowId: info.workflowId, status: info.status.name, memo: info.memo ?? {}, scheduledAt: action.scheduledAt };
    }),
  );
}

/** Waits until a workflow with this id exists, then for its result (a failure is returned, not thrown). */
export async function resultOf(client: Client, workflowId: string, timeout = 60_000): Promise<unknown> {
  await expect
    .poll(async () => client.workflow.getHandle(workflowId).describe().then(() => true, () => false), { timeout, interval: 200 })
    .toBe(true);
  return client.workflow.getHandle(workflowId).result().catch((error: unknown) => error);
}

/** Waits until the item has `count` jobs, all ended; returns them sorted by start. */
export async function endedJobs(admin: EmulatorAdmin, itemId: string, count: number, timeout = 90_000): Promise<EmulatorJob[]> {
  const ended = (jobs: EmulatorJob[]) => jobs.filter((job) => ['Completed', 'Failed', 'Cancelled', 'Deduped'].includes(job.status)).length;
  await expect.poll(async () => ended(await admin.jobs(itemId)), { timeout, interval: 300 }).toBe(count);
  return (await admin.jobs(itemId)).sort((a, b) => (a.startedAtMs ?? a.createdAtMs) - (b.startedAtMs ?? b.createdAtMs));
}
