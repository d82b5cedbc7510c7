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
import { historyFromCliJson } from './history.js';
import { PATCHES, type PatchEntry } from '../../src/workflows/patches.js';

const RUN_JOB_PATCH = PATCHES.runJobActivity.id;
const FABRIC_NAMES_PATCH = PATCHES.fabricNames.id;
const FABRIC_NAMES_BY_CONNECTION_PATCH = PATCHES.fabricNamesByConnection.id;
import { testWorkflowCode } from '../helpers/temporal.js';

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
  for await (const result of Worker.runReplayHistories(testWorkflowCode(), messages)) results.push(result);
  return results;
}

/** The ids of the patch markers of a history, in order. */
function patchIds(history: HistoryFile): string[] {
  return history.events.flatMap((e) => {
    const marker = (e as { markerRecordedEventAttributes?: { markerName: string; details: Record<string, { payloads: { data: string }[] }> } }).markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_patch') return [];
    return [(JSON.parse(Buffer.from(marker.details['patch-data']!.payloads[0]!.data, 'base64').toString('utf8')) as { id: string }).id];
  });
}

/** The activity types a history schedules, in order. */
function activityNames(history: HistoryFile): string[] {
  return history.events.flatMap((e) => {
    const name = (e as { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }).activityTaskScheduledEventAttributes?.activityType.name;
    return name === undefined ? [] : [name];
  });
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

  it('holds histories of both start activity names: startJob (before the rename) and runJob (behind its patch)', async () => {
    const histories = await loadHistories();
    const startNames = (history: HistoryFile) =>
      history.events.flatMap((e) => {
        const name = (e as { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }).activityTaskScheduledEventAttributes?.activityType.name;
        return name === 'startJob' || name === 'runJob' ? [name] : [];
      });
    const patches = patchIds;
    const renamed = histories.filter((h) => h.workflowId.startsWith('run-job-'));
    expect(renamed.map((h) => h.workflowId).sort()).toEqual(['run-job-cancelled-while-starting', 'run-job-completed']);
    for (const h of renamed) {
      expect(startNames(h.history)).toEqual(['runJob']);
      expect(patches(h.history)).toEqual([RUN_JOB_PATCH]);
    }
    const completed = histories.find((h) => h.workflowId === 'completed')!;
    expect(startNames(completed.history)).toEqual(['startJob']);
    expect(patches(completed.history)).toEqual([]);
  });

  it('holds notebook histories with and without the details read at the end (behind its patch)', async () => {
    const histories = await loadHistories();
    const reads = (name: string) => {
      const history = histories.find((h) => h.workflowId === name)!.history;
      return history.events.filter((e) => (e as { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }).activityTaskScheduledEventAttributes?.activityType.name === 'fetchJobDetails').length;
    };
    expect(reads('completed')).toBe(0);
    expect(reads('details-notebook-completed')).toBe(1);
    expect(reads('details-pipeline-failed')).toBe(1);
    // Since a notebook's poll reads its notebook job instance, the terminal poll carries the details: no read, no marker.
    expect(reads('notebook-details-in-poll')).toBe(0);
    expect(patchIds(histories.find((h) => h.workflowId === 'notebook-details-in-poll')!.history)).toEqual([RUN_JOB_PATCH]);
  });

  it('holds, for every patch of the registry, its fixtures: the marker after it, none before it', async () => {
    const histories = await loadHistories();
    const of = (name: string) => histories.find((h) => h.workflowId === name)?.history;
    const entries: PatchEntry[] = Object.values(PATCHES);
    expect(new Set(entries.map((p) => p.id)).size).toBe(entries.length);
    for (const patch of entries) {
      const after = of(patch.fixtures.after);
      expect(after, `${patch.id}: fixture ${patch.fixtures.after}`).toBeDefined();
      expect(patchIds(after!), `${patch.id}: fixture ${patch.fixtures.after}`).toContain(patch.id);
      if (patch.fixtures.before !== undefined) {
        const before = of(patch.fixtures.before);
        expect(before, `${patch.id}: fixture ${patch.fixtures.before}`).toBeDefined();
        expect(patchIds(before!), `${patch.id}: fixture ${patch.fixtures.before}`).not.toContain(patch.id);
      }
    }
  });

  it('holds a refresh given by names (one look-up behind the fabric-names patch) and refreshes given ids (no look-up, no patch)', async () => {
    const histories = await loadHistories();
    const of = (name: string) => histories.find((h) => h.workflowId === name)!.history;
    expect(activityNames(of('refresh-by-names'))).toEqual(['resolveFabricNames', 'startRefresh']);
    expect(patchIds(of('refresh-by-names'))).toEqual([FABRIC_NAMES_PATCH]);
    for (const name of ['refresh-completed', 'refresh-failed', 'refresh-timeout']) {
      expect(activityNames(of(name))).not.toContain('resolveFabricNames');
      expect(patchIds(of(name))).toEqual([]);
    }
  });

  it('holds pipelines by names over two connections: one look-up (before the by-connection patch) and one per connection (behind it)', async () => {
    const histories = await loadHistories();
    const of = (name: string) => histories.find((h) => h.workflowId === name)!.history;
    const lookUps = (name: string) => activityNames(of(name)).filter((n) => n === 'resolveFabricNames').length;
    expect(lookUps('pipeline-names-two-connections-before-patch')).toBe(1);
    expect(patchIds(of('pipeline-names-two-connections-before-patch'))).toEqual([FABRIC_NAMES_PATCH]);
    expect(lookUps('pipeline-names-two-connections')).toBe(2);
    expect(patchIds(of('pipeline-names-two-connections'))).toEqual([FABRIC_NAMES_BY_CONNECTION_PATCH, FABRIC_NAMES_PATCH]);
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
