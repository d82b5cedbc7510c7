/**
 * Records the replay fixtures in test/workflows/histories/: runs runFabricJob through its main paths
 * on a real dev server + emulator and saves each run's history (Temporal CLI JSON). Re-run it only
 * when a deliberate, versioned change to the workflow makes the old histories obsolete:
 *
 *   npx tsx test/workflows/record-histories.ts
 *
 * Or record only some of them (e.g. new ones added next to histories of older versions, which must
 * stay as they were recorded):
 *
 *   npx tsx test/workflows/record-histories.ts run-job-completed run-job-cancelled-while-starting
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import type { Scenario } from '../../src/emulator/index.js';
import type { RunFabricJobInput } from '../../src/shared.js';
import { startHarness } from './harness.js';
import { historyJson } from './history.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));

interface Recording {
  name: string;
  scenario: Scenario;
  input?: Partial<RunFabricJobInput>;
  /** What to do to the run once it started (cancel it, ...). */
  act?: (handle: WorkflowHandle) => Promise<void>;
}

const cancelAfter = (ms: number) => async (handle: WorkflowHandle) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await handle.cancel();
};

const recordings: Recording[] = [
  { name: 'completed', scenario: { durationMs: 2_500 }, input: { searchAttributes: true } },
  { name: 'completed-regular-polls', scenario: { durationMs: 2_500 }, input: { pollActivity: 'regular' } },
  { name: 'failed', scenario: { outcome: 'Failed', failureReason: { errorCode: 'NotebookExecutionFailed', message: 'cell 3 raised' } } },
  { name: 'deduped-succeed', scenario: { outcome: 'Deduped' }, input: { onDeduped: 'succeed' } },
  { name: 'quirks', scenario: { durationMs: 3_000, faults: [{ op: 'get', kind: 'not-found' }, { op: 'get', kind: 'unknown-status' }, { op: 'get', kind: '429', retryAfter: 1 }] } },
  { name: 'adopted-after-reset', scenario: { durationMs: 1_500, faults: [{ op: 'run', kind: 'reset-after-create' }] } },
  { name: 'start-503-then-started', scenario: { durationMs: 1_500, faults: [{ op: 'run', kind: '503' }] } },
  { name: 'timeout', scenario: { durationMs: 60_000 }, input: { timeoutMs: 2_500 } },
  { name: 'timeout-during-status-outage', scenario: { durationMs: 60_000, faults: [{ op: 'get', kind: '503', count: -1 }] }, input: { timeoutMs: 4_000 } },
  { name: 'poll-fails-for-good', scenario: { durationMs: 60_000, faults: [{ op: 'get', kind: 'unauthorized', count: 2 }] } },
  { name: 'cancelled-while-polling', scenario: { durationMs: 60_000 }, act: cancelAfter(2_500) },
  { name: 'cancelled-while-starting', scenario: { durationMs: 60_000, faults: [{ op: 'run', kind: 'slow', delayMs: 2_000 }] }, act: cancelAfter(1_000) },
  { name: 'continue-as-new', scenario: { durationMs: 9_000 }, input: { searchAttributes: true } },
  // Recorded after the start activity was renamed startJob → runJob (behind the runJob-activity patch).
  { name: 'run-job-completed', scenario: { durationMs: 2_500 }, input: { searchAttributes: true, runRoute: 'path', parameters: [{ name: 'p', type: 'Text', value: 'x' }] } },
  { name: 'run-job-cancelled-while-starting', scenario: { durationMs: 60_000, faults: [{ op: 'run', kind: 'slow', delayMs: 2_000 }] }, act: cancelAfter(1_000) },
  // Recorded after the details read at the job's end (behind the fetch-job-details-at-end patch).
  { name: 'details-notebook-completed', scenario: { durationMs: 2_000, exitValue: '{"rows": 3}' } },
  {
    name: 'details-pipeline-failed',
    scenario: { durationMs: 2_000, outcome: 'Failed', activityRuns: [{ activityName: 'Merge', activityType: 'Script', status: 'Failed', error: { errorCode: '2011', message: 'locked' } }] },
    input: { jobType: 'Pipeline' },
  },
  // Recorded while capacity-wait was still `patched()` (src/workflows/patches.ts): the marker a deprecated call must meet.
  { name: 'capacity-wait-after-430', scenario: { durationMs: 1_500, faults: [{ op: 'run', kind: '430' }] }, input: { capacityWaitMs: 1_000 } },
  // Recorded after a notebook's status poll read its notebook job instance: the terminal poll carries the details, no details read.
  { name: 'notebook-details-in-poll', scenario: { durationMs: 2_000, exitValue: '{"rows": 3}' } },
  // The notebook route failing once: the later polls read the generic instance, the details are read at the end.
  { name: 'notebook-route-failed', scenario: { durationMs: 2_500, exitValue: 'x', faults: [{ op: 'details', kind: '503' }] } },
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !recordings.some((r) => r.name === name));
if (unknown.length > 0) throw new Error(`no recording named ${unknown.join(', ')}`);
const chosen = only.length > 0 ? recordings.filter((r) => only.includes(r.name)) : recordings;

const h = await startHarness({ devServer: { dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 } } });
try {
  await mkdir(dir, { recursive: true });
  for (const r of chosen) {
    const input = await h.job({ retryAfterSeconds: 1, ...r.scenario }, r.input);
    const handle = await h.start(input);
    await r.act?.(handle);
    await handle.result().catch(() => undefined);
    let runId: string | undefined = handle.firstExecutionRunId;
    for (let n = 1; runId; n++) {
      const history = (await historyJson(h.env.address, handle.workflowId, runId)) as { events: Record<string, unknown>[] };
      const file = `${r.name}${n > 1 || r.name === 'continue-as-new' ? `.run${n}` : ''}.json`;
      await writeFile(`${dir}${file}`, `${JSON.stringify(history, null, 1)}\n`);
      console.log(`${file}: ${history.events.length} events`);
      const last = history.events.at(-1) as { workflowExecutionContinuedAsNewEventAttributes?: { newExecutionRunId?: string } } | undefined;
      runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    }
  }
} finally {
  await h.close();
}
