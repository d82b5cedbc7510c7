/**
 * Replays the recorded histories (test/workflows/histories/, see record-histories.ts) against the
 * current workflow code: a change that is not replay-safe (an activity added, removed or reordered,
 * a timer dropped, a local activity turned regular) fails here before it can break running workflows.
 * The `scheduled-run-legacy-*` histories (record-scheduled-runs.ts) hold `fabricScheduledRun` runs
 * started with the input that existing Temporal Schedules still store in their action.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { ReplayResult } from '@temporalio/worker';
import { workflowsPath } from './harness.js';
import { historyFromCliJson } from './history.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));

interface HistoryFile {
  events: ({ eventType: string } & Record<string, unknown>)[];
}

async function loadHistories(): Promise<{ workflowId: string; history: HistoryFile }[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => ({ workflowId: f.replace(/\.json$/, ''), history: JSON.parse(await readFile(dir + f, 'utf8')) as HistoryFile })));
}

async function replay(histories: { workflowId: string; history: HistoryFile }[]): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  const messages = histories.map(({ workflowId, history }) => ({ workflowId, history: historyFromCliJson(history) }));
  for await (const result of Worker.runReplayHistories({ workflowsPath }, messages)) results.push(result);
  return results;
}

try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed in this process
}

describe('workflow replay', () => {
  it('replays every recorded history without a determinism error', async () => {
    const histories = await loadHistories();
    expect(histories.length).toBeGreaterThanOrEqual(10);
    expect(histories.map((h) => h.workflowId)).toEqual(expect.arrayContaining(['scheduled-run-legacy-pipeline', 'scheduled-run-legacy-job']));
    const results = await replay(histories);
    expect(results.map((r) => [r.workflowId, r.error ? String(r.error) : undefined])).toEqual(histories.map((h) => [h.workflowId, undefined]));
  });

  it('detects a history the code no longer produces (control)', async () => {
    const [completed] = (await loadHistories()).filter((h) => h.workflowId === 'completed');
    const history = structuredClone(completed!.history);
    const scheduled = history.events.find((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED') as
      | { activityTaskScheduledEventAttributes: { activityType: { name: string } } }
      | undefined;
    expect(scheduled?.activityTaskScheduledEventAttributes.activityType.name).toBe('startJob');
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'startJobRenamed';
    const [result] = await replay([{ workflowId: 'completed-altered', history }]);
    expect(result!.error).toBeDefined();
    expect(String(result!.error)).toMatch(/nondetermin/i);
  });
});
