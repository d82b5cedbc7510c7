/**
 * Nightly schedules: the list of the namespace's schedules (the CLI's `schedule list` view), and a
 * schedule's grid — its logical dates (rows, newest first, backfilled dates included) by the steps
 * of its pipeline (columns), each cell the step's state on that date, like Airflow's grid view; a
 * cell opens the run. The rows are the pipeline runs whose id is the schedule's logical-date
 * identity (`<identity>/<date>`, src/schedules/identity.ts), whoever started them: the schedule,
 * a backfill, or `schedule trigger`.
 */
import type { Client } from '@temporalio/client';
import { listQuery } from '../commands/list.js';
import { listedPipeline } from '../commands/list-rows.js';
import { queryProgress, waitForPipeline } from '../commands/pipeline/workflow-client.js';
import { describeSchedule } from '../commands/schedule/schedule-access.js';
import { describeWhen } from '../commands/schedule/render.js';
import { scheduleView, type ScheduleView } from '../commands/schedule/view.js';
import { FABRIC_PIPELINE_WORKFLOW, type PipelineProgress } from '../contracts/pipeline.js';
import { BadRequest } from './errors.js';
import { badge, esc, href, stateClass } from './html.js';
import { drawnState } from './step-state.js';
import { runHref } from './runs.js';

/** Dates a grid shows at most. */
export const GRID_DATES = 31;
/** Pipeline records read at most to find a schedule's runs. */
const MAX_SCANNED = 5_000;

export async function readSchedules(client: Client): Promise<ScheduleView[]> {
  const views: ScheduleView[] = [];
  for await (const summary of client.schedule.list()) {
    try {
      views.push(await scheduleView(client, await describeSchedule(client, summary.scheduleId)));
    } catch (error) {
      if ((error as Error | null)?.name !== 'UsageError') throw error;
    }
  }
  return views.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
}

export function schedulesBody(views: readonly ScheduleView[]): string {
  const rows = views.map((v) => {
    const what = v.target.kind === 'pipeline' ? `pipeline ${v.target.name}` : v.target.kind;
    return `<tr><td><a href="${esc(href('schedule', v.scheduleId))}">${esc(v.scheduleId)}</a></td><td>${esc(what)}</td><td>${esc(describeWhen(v))}</td><td>${v.paused ? badge('Paused') : ''}</td><td>${esc(v.nextRuns[0]?.logicalDate ?? v.nextRuns[0]?.at ?? '')}</td></tr>`;
  });
  return `<h1>Schedules</h1><table><thead><tr><th>SCHEDULE</th><th>RUNS</th><th>WHEN</th><th></th><th>NEXT</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="5" class="muted">No schedules.</td></tr>'}</tbody></table>`;
}

export interface GridRow {
  logicalDate: string;
  workflowId: string;
  runId: string;
  status: string;
  progress: PipelineProgress | undefined;
}

export interface ScheduleGrid {
  view: ScheduleView;
  rows: GridRow[];
  steps: string[];
}

/** The pipeline runs of `identity`, newest date first, the latest run of each date. */
async function runsOfIdentity(client: Client, identity: string): Promise<GridRow[]> {
  const byDate = new Map<string, GridRow>();
  let scanned = 0;
  for await (const info of client.workflow.list({ query: listQuery(undefined, [FABRIC_PIPELINE_WORKFLOW]), pageSize: 200 })) {
    if (++scanned > MAX_SCANNED) break;
    if (!info.workflowId.startsWith(`${identity}/`)) continue;
    const listed = listedPipeline(info);
    const date = listed.logicalDate ?? info.workflowId.slice(identity.length + 1);
    if (!byDate.has(date)) byDate.set(date, { logicalDate: date, workflowId: info.workflowId, runId: info.runId, status: listed.status, progress: undefined });
  }
  return [...byDate.values()].sort((a, b) => b.logicalDate.localeCompare(a.logicalDate)).slice(0, GRID_DATES);
}

/** @throws BadRequest 404 for an unknown schedule. */
export async function readScheduleGrid(client: Client, scheduleId: string): Promise<ScheduleGrid> {
  let view: ScheduleView;
  try {
    view = await scheduleView(client, await describeSchedule(client, scheduleId));
  } catch (error) {
    if ((error as Error | null)?.name === 'UsageError') throw new BadRequest((error as Error).message, 404);
    throw error;
  }
  const rows = view.identity && view.target.kind === 'pipeline' ? await runsOfIdentity(client, view.identity) : [];
  await Promise.all(
    rows.map(async (row) => {
      try {
        row.progress = row.status === 'Running' ? await queryProgress(client, client.workflow.getHandle(row.workflowId, row.runId)) : (await waitForPipeline(client, row.workflowId, row.runId)).progress;
      } catch {
        // unreadable (encrypted without the key, past retention): the row shows its run status only
      }
    }),
  );
  const steps: string[] = [];
  for (const row of rows) for (const step of row.progress?.steps ?? []) if (!steps.includes(step.id)) steps.push(step.id);
  return { view, rows, steps };
}

export function gridBody(grid: ScheduleGrid): string {
  const { view } = grid;
  const head = `<tr><th>LOGICAL DATE</th><th>RUN</th>${grid.steps.map((s) => `<th>${esc(s)}</th>`).join('')}</tr>`;
  const rows = grid.rows.map((row) => {
    const link = `${runHref({ kind: 'pipeline', workflowId: row.workflowId, runId: row.runId })}`;
    const cells = grid.steps.map((id) => {
      const step = row.progress?.steps.find((s) => s.id === id);
      if (!step) return '<td></td>';
      const state = drawnState(step);
      return `<td class="cell" data-step="${esc(id)}" data-state="${esc(state)}"><a class="badge ${stateClass(state)}" href="${esc(`${link}#step-${encodeURIComponent(id)}`)}" title="${esc(`${row.logicalDate} · ${id}: ${state}`)}">${esc(state)}</a></td>`;
    });
    return `<tr data-logical-date="${esc(row.logicalDate)}"><td><a href="${esc(link)}">${esc(row.logicalDate)}</a></td><td><a href="${esc(link)}">${badge(row.status)}</a></td>${cells.join('')}</tr>`;
  });
  const what = view.target.kind === 'pipeline' ? `pipeline ${view.target.name}` : view.target.kind;
  return (
    `<h1>Schedule ${esc(view.scheduleId)}</h1><div class="card"><dl class="kv"><dt>runs</dt><dd>${esc(what)}</dd><dt>when</dt><dd>${esc(describeWhen(view))}</dd>` +
    `<dt>state</dt><dd>${view.paused ? badge('Paused') : badge('Active')}</dd><dt>next</dt><dd>${esc(view.nextRuns.map((r) => r.logicalDate ?? r.at).slice(0, 3).join(', ') || '—')}</dd></dl></div>` +
    (view.target.kind !== 'pipeline' ? '<p class="notice">The grid shows the steps of a pipeline schedule; this schedule runs no pipeline.</p>' : '') +
    `<div data-live="grid"><table class="grid"><thead>${head}</thead><tbody>${rows.join('') || `<tr><td colspan="${grid.steps.length + 2}" class="muted">No run yet.</td></tr>`}</tbody></table></div>`
  );
}
