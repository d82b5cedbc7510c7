/**
 * The runs page: every run of `fabricPipeline`, `runFabricJob`, `semanticModelRefresh` and
 * `fabricOperation`, newest first, one page of visibility records at a time (one RPC per page: the
 * rows come from the records alone, by the CLI's `list` readers, list-rows.ts), so a namespace with
 * 10,000 runs opens as fast as one with 10. Kind and status filter in the visibility query; the
 * pipeline name, item and logical date are read from each record (memo, search attributes, id) and
 * filter the rows of the pages read. A pipeline's step runs are left out (they are on its page).
 */
import type { Client } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers.js';
import { FABRIC_OPERATION_WORKFLOW } from '../contracts/fabric-operation.js';
import { FABRIC_PIPELINE_WORKFLOW } from '../contracts/pipeline.js';
import { SEMANTIC_MODEL_REFRESH_WORKFLOW } from '../contracts/semantic-model-refresh.js';
import { listQuery } from '../commands/list.js';
import { listedPipeline, listedRun, type VisibilityInfo } from '../commands/list-rows.js';
import { RUN_FABRIC_JOB_WORKFLOW } from '../shared.js';
import { BadRequest } from './errors.js';
import { badge, esc, href } from './html.js';

export const RUN_KINDS = { pipeline: FABRIC_PIPELINE_WORKFLOW, job: RUN_FABRIC_JOB_WORKFLOW, refresh: SEMANTIC_MODEL_REFRESH_WORKFLOW, operation: FABRIC_OPERATION_WORKFLOW } as const;
export type RunKind = keyof typeof RUN_KINDS;
const KIND_OF_TYPE = new Map<string, RunKind>(Object.entries(RUN_KINDS).map(([kind, type]) => [type, kind as RunKind]));

/** The execution statuses a filter may name (Temporal's, as `list --running` and the visibility query name them). */
export const RUN_STATUS_FILTERS = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut'] as const;

export const PAGE_SIZE = 50;
/** Records read at most for one page when a row filter (pipeline, item, date) leaves few rows. */
const MAX_SCANNED = 2_000;

export interface RunFilters {
  kind?: RunKind;
  status?: (typeof RUN_STATUS_FILTERS)[number];
  pipeline?: string;
  item?: string;
  logicalDate?: string;
  /** The page token of the page to show (base64url), from a "next" link. */
  page?: string;
}

export interface RunRow {
  kind: RunKind;
  workflowId: string;
  runId: string;
  status: string;
  /** The pipeline's name, or the run's item. */
  what: string | null;
  logicalDate: string | null;
  startTime: string;
  closeTime: string | null;
}

/** @throws BadRequest naming the first malformed filter. */
export function parseFilters(query: URLSearchParams): RunFilters {
  const filters: RunFilters = {};
  const value = (name: string) => {
    const text = query.get(name)?.trim();
    if (text === undefined || text === '') return undefined;
    // eslint-disable-next-line no-control-regex
    if (text.length > 200 || /[\u0000-\u001f]/.test(text)) throw new BadRequest(`the ${name} filter ${JSON.stringify(text.slice(0, 60))} is not valid: use 1 to 200 printable characters`);
    return text;
  };
  const kind = value('kind');
  if (kind !== undefined) {
    if (!(kind in RUN_KINDS)) throw new BadRequest(`unknown kind ${JSON.stringify(kind)}: use one of ${Object.keys(RUN_KINDS).join(', ')}`);
    filters.kind = kind as RunKind;
  }
  const status = value('status');
  if (status !== undefined) {
    const known = RUN_STATUS_FILTERS.find((s) => s.toLowerCase() === status.toLowerCase());
    if (!known) throw new BadRequest(`unknown status ${JSON.stringify(status)}: use one of ${RUN_STATUS_FILTERS.join(', ')}`);
    filters.status = known;
  }
  const date = value('logicalDate');
  if (date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new BadRequest(`the logical date ${JSON.stringify(date)} is not a date: use yyyy-mm-dd`);
    filters.logicalDate = date;
  }
  const pipeline = value('pipeline');
  if (pipeline !== undefined) filters.pipeline = pipeline;
  const item = value('item');
  if (item !== undefined) filters.item = item;
  const page = value('page');
  if (page !== undefined) {
    if (!/^[A-Za-z0-9_-]+$/.test(page)) throw new BadRequest('the page token is not valid: follow the "next" link of the runs page');
    filters.page = page;
  }
  return filters;
}

/** A record's row; undefined for a pipeline's step run. */
function rowOf(info: VisibilityInfo & { type: string; parentExecution?: { workflowId?: string | null } | undefined }): RunRow | undefined {
  const kind = KIND_OF_TYPE.get(info.type);
  if (!kind) return undefined;
  const parent = info.parentExecution?.workflowId;
  // A pipeline's step runs are `<pipeline workflow id>/<step>/attempt-<n>`: shown on the pipeline's page.
  if (parent && kind !== 'pipeline' && info.workflowId.startsWith(`${parent}/`)) return undefined;
  if (kind === 'pipeline') {
    const p = listedPipeline(info);
    return { kind, workflowId: p.workflowId, runId: p.runId, status: p.status, what: p.name, logicalDate: p.logicalDate, startTime: p.startTime, closeTime: p.closeTime };
  }
  const r = listedRun(info);
  const memo = info.memo ?? {};
  const what = r.itemId ?? (typeof memo.semanticModelId === 'string' ? memo.semanticModelId : null) ?? (typeof memo.kind === 'string' ? memo.kind : null);
  return { kind, workflowId: r.workflowId, runId: r.runId ?? info.runId, status: r.status, what, logicalDate: typeof memo.logicalDate === 'string' ? memo.logicalDate : null, startTime: r.startTime, closeTime: r.closeTime };
}

function matches(row: RunRow, filters: RunFilters): boolean {
  if (filters.pipeline !== undefined && !(row.kind === 'pipeline' && row.what === filters.pipeline)) return false;
  if (filters.item !== undefined && row.what !== filters.item) return false;
  if (filters.logicalDate !== undefined && row.logicalDate !== filters.logicalDate) return false;
  return true;
}

export interface RunsPage {
  rows: RunRow[];
  /** The token of the next page, when there is one. */
  next: string | undefined;
  /** Records read for this page. */
  scanned: number;
}

/** One page of rows (newest first, as visibility orders them), from the page `filters.page` names. */
export async function readRunsPage(client: Client, filters: RunFilters): Promise<RunsPage> {
  const types = filters.kind ? [RUN_KINDS[filters.kind]] : Object.values(RUN_KINDS);
  const query = listQuery(filters.status, types);
  const rowFilter = filters.pipeline !== undefined || filters.item !== undefined || filters.logicalDate !== undefined;
  const rows: RunRow[] = [];
  let token: Uint8Array | undefined = filters.page ? Buffer.from(filters.page, 'base64url') : undefined;
  let scanned = 0;
  do {
    const response = await client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query, pageSize: PAGE_SIZE, nextPageToken: token });
    for (const raw of response.executions ?? []) {
      const info = await executionInfoFromRaw(raw, client.options.loadedDataConverter, raw, client.options.namespace);
      scanned += 1;
      const row = rowOf(info);
      if (row && matches(row, filters)) rows.push(row);
    }
    token = response.nextPageToken && response.nextPageToken.length > 0 ? response.nextPageToken : undefined;
  } while (rowFilter && token && rows.length < PAGE_SIZE && scanned < MAX_SCANNED);
  return { rows, next: token ? Buffer.from(token).toString('base64url') : undefined, scanned };
}

/** The page of a run: pipelines on their own page, every other kind on the run page. */
export function runHref(row: Pick<RunRow, 'kind' | 'workflowId' | 'runId'>): string {
  return `${href(row.kind === 'pipeline' ? 'pipeline' : 'run', row.workflowId)}?run=${encodeURIComponent(row.runId)}`;
}

function filterForm(filters: RunFilters): string {
  const option = (value: string, selected: string | undefined, text = value) => `<option value="${esc(value)}"${value === (selected ?? '') ? ' selected' : ''}>${esc(text)}</option>`;
  const input = (name: keyof RunFilters, label: string, placeholder: string) =>
    `<label>${label}<input name="${name}" value="${esc(filters[name] ?? '')}" placeholder="${esc(placeholder)}"></label>`;
  return (
    `<form class="filters" method="get" action="/">` +
    `<label>Kind<select name="kind">${option('', filters.kind, 'all')}${Object.keys(RUN_KINDS).map((k) => option(k, filters.kind)).join('')}</select></label>` +
    `<label>Status<select name="status">${option('', filters.status, 'all')}${RUN_STATUS_FILTERS.map((s) => option(s, filters.status)).join('')}</select></label>` +
    input('pipeline', 'Pipeline', 'name') +
    input('item', 'Item', 'item id') +
    input('logicalDate', 'Logical date', 'yyyy-mm-dd') +
    `<button type="submit">Filter</button><a href="/">clear</a></form>`
  );
}

export function runsBody(page: RunsPage, filters: RunFilters): string {
  const rows = page.rows.map(
    (row) =>
      `<tr data-workflow-id="${esc(row.workflowId)}"><td>${badge(row.status)}</td><td>${esc(row.kind)}</td><td><a href="${esc(runHref(row))}">${esc(row.workflowId)}</a></td>` +
      `<td>${esc(row.what ?? '')}</td><td>${esc(row.logicalDate ?? '')}</td><td>${esc(row.startTime)}</td><td>${esc(row.closeTime ?? '')}</td></tr>`,
  );
  const params = new URLSearchParams(Object.entries(filters).filter(([key, v]) => key !== 'page' && v !== undefined) as [string, string][]);
  const next = page.next ? `<a class="next" href="/?${esc(new URLSearchParams([...params, ['page', page.next]]).toString())}">next page →</a>` : '';
  const first = filters.page ? `<a href="/?${esc(params.toString())}">← newest</a>` : '';
  return (
    `<h1>Runs</h1>${filterForm(filters)}` +
    `<div data-live="runs"><table class="runs"><thead><tr><th>STATUS</th><th>KIND</th><th>WORKFLOW ID</th><th>PIPELINE / ITEM</th><th>LOGICAL DATE</th><th>STARTED</th><th>ENDED</th></tr></thead>` +
    `<tbody>${rows.join('') || '<tr><td colspan="7" class="muted">No runs match.</td></tr>'}</tbody></table></div>` +
    `<div class="pager">${first}${next}</div>`
  );
}
