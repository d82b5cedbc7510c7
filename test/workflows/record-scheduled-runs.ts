/**
 * Records replay fixtures of `fabricScheduledRun` started with the input that Temporal Schedules
 * created before fabric-temporal 0.1 (issue 10) store in their action: a pipeline target that also
 * carries the pipeline file as written (`file`, `source`, `params`, which the workflow never used).
 * Such schedules keep starting runs with that input after an upgrade, so the workflow must accept it;
 * replay.test.ts replays these histories against the current code.
 *
 *   npx tsx test/workflows/record-scheduled-runs.ts
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startHarness } from './harness.js';
import { historyJson } from './history.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const h = await startHarness();
try {
  const job = await h.job({ durationMs: 1_000 });
  const pipeline = {
    name: 'legacy',
    params: { region: 'eu' },
    pollInterval: { minMs: 500, fallbackMs: 1_000 },
    steps: [{ id: 'ingest', needs: [], workspaceId: job.workspaceId, itemId: job.itemId, jobType: 'RunNotebook', executionData: { region: '{{ params.region }}', day: '{{ logicalDate }}' } }],
  };
  const legacyInputs = {
    'scheduled-run-legacy-pipeline': {
      scheduleId: 'legacy-pipeline',
      identity: 'pipeline/legacy',
      logicalDate: { format: 'date', timeZone: 'Europe/Amsterdam' },
      nominalTime: '2024-05-01T02:00:00Z',
      target: {
        kind: 'pipeline',
        pipeline,
        file: { name: 'legacy', workspace: job.workspaceId, params: { region: 'eu' }, steps: [{ id: 'ingest', item: job.itemId, jobType: 'RunNotebook', executionData: { region: '{{ params.region }}', day: '{{ logicalDate }}' } }] },
        source: 'legacy.yaml',
        params: {},
      },
    },
    'scheduled-run-legacy-job': {
      scheduleId: 'legacy-job',
      identity: 'schedule/legacy-job',
      logicalDate: { format: 'datetime', timeZone: 'UTC' },
      nominalTime: '2024-05-01T02:00:00Z',
      target: { kind: 'job', job: { ...job, executionData: { day: '{{ logicalDate }}' } } },
    },
  };
  for (const [name, input] of Object.entries(legacyInputs)) {
    const handle = await h.env.client.workflow.start('fabricScheduledRun', { taskQueue: h.taskQueue, workflowId: `${name}-${randomUUID()}`, args: [input] });
    await handle.result();
    const history = (await historyJson(h.env.address, handle.workflowId, handle.firstExecutionRunId)) as { events: unknown[] };
    await writeFile(`${dir}${name}.json`, `${JSON.stringify(history, null, 1)}\n`);
    console.log(`${name}.json: ${history.events.length} events`);
  }
} finally {
  await h.close();
}
