/**
 * The page of a job run (`runFabricJob`), a semantic model refresh run or a Fabric operation run:
 * its status and outcome as `status --json` reports it (the CLI's readers), the live `state` query
 * (phase, polls, waits), what the job produced, and the links.
 */
import type { Client } from '@temporalio/client';
import type { CliContext } from '../commands/context.js';
import { jobOfRun, outcomeLinks, temporalUrlOf, type RunLinks } from '../commands/links.js';
import { currentOperationOutcome, isOperationRun } from '../commands/operation/follow.js';
import { currentRefreshOutcome, isRefreshRun, queryRefreshState } from '../commands/refresh/follow.js';
import { currentOutcome, queryOrUndefined, queryState } from '../commands/run-outcome.js';
import { detailLines } from '../commands/details-lines.js';
import { OPERATION_STATE_QUERY } from '../contracts/fabric-operation.js';
import { FABRIC_PIPELINE_WORKFLOW } from '../contracts/pipeline.js';
import { RUN_FABRIC_JOB_WORKFLOW } from '../shared.js';
import { actionForms, type ActionContext } from './actions.js';
import { BadRequest } from './errors.js';
import { badge, esc, externalLink, href } from './html.js';
import { describeOrNotFound, unreadableNotice } from './run-reading.js';

export interface RunView {
  workflowId: string;
  runId: string;
  type: string;
  running: boolean;
  status: string;
  /** The outcome as the CLI's `status --json` shows it. */
  outcome: Record<string, unknown> | undefined;
  /** The live state query's answer (polls, waits), while running. */
  state: Record<string, unknown> | undefined;
  details: string[];
  links: RunLinks;
  unreadable?: string;
}

/** @throws BadRequest 404 for an unknown id; a pipeline id is sent to its own page by the caller. */
export async function readRun(ctx: CliContext, client: Client, workflowId: string, runId: string | undefined): Promise<RunView> {
  const description = await describeOrNotFound(client, workflowId, runId);
  if (description.type === FABRIC_PIPELINE_WORKFLOW) throw new BadRequest(`workflow ${JSON.stringify(workflowId)} is a pipeline: see ${href('pipeline', workflowId)}`, 404);
  const running = description.status.name === 'RUNNING';
  const handle = client.workflow.getHandle(workflowId, description.runId);
  const view: RunView = { workflowId, runId: description.runId, type: description.type, running, status: running ? 'Running' : description.status.name, outcome: undefined, state: undefined, details: [], links: {} };
  try {
    if (isRefreshRun(description.type)) {
      const outcome = await currentRefreshOutcome(client, workflowId, running ? { runId: description.runId } : undefined);
      view.outcome = { ...outcome };
      view.status = outcome.status;
      if (running) view.state = (await queryRefreshState(client, handle)) as Record<string, unknown> | undefined;
      view.links = { ...(temporalUrlOf(ctx, workflowId, description.runId) !== undefined && { temporalUrl: temporalUrlOf(ctx, workflowId, description.runId)! }) };
    } else if (isOperationRun(description.type)) {
      const outcome = await currentOperationOutcome(client, workflowId, running ? { runId: description.runId } : undefined);
      view.outcome = { ...outcome };
      view.status = outcome.status;
      if (running) view.state = await queryOrUndefined<Record<string, unknown>>(client, handle, OPERATION_STATE_QUERY);
      view.links = { ...(temporalUrlOf(ctx, workflowId, description.runId) !== undefined && { temporalUrl: temporalUrlOf(ctx, workflowId, description.runId)! }) };
    } else if (description.type === RUN_FABRIC_JOB_WORKFLOW) {
      const { outcome } = await currentOutcome(client, workflowId, description);
      view.outcome = { ...outcome };
      view.status = outcome.status;
      view.details = detailLines(outcome.details, { allActivities: true });
      if (running) view.state = (await queryState(client, handle)) as unknown as Record<string, unknown> | undefined;
      view.links = outcomeLinks(ctx, outcome, await jobOfRun(client, workflowId, description.runId));
    } else {
      throw new BadRequest(`workflow ${JSON.stringify(workflowId)} is a ${description.type} run, which this view does not show`, 404);
    }
  } catch (error) {
    if ((error as Error | null)?.name === 'BadRequest') throw error;
    view.unreadable = unreadableNotice(error);
  }
  return view;
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '<span class="muted">—</span>';
  if (typeof v === 'object') return `<code>${esc(JSON.stringify(v))}</code>`;
  return esc(v);
}

function pairs(record: Record<string, unknown> | undefined, skip: readonly string[] = []): string {
  if (!record) return '';
  return Object.entries(record)
    .filter(([key]) => !skip.includes(key))
    .map(([key, v]) => `<dt>${esc(key)}</dt><dd${key === 'failureReason' || key === 'error' ? ' class="reason"' : ''}>${value(v)}</dd>`)
    .join('');
}

export function runBody(view: RunView, actions: ActionContext): string {
  const kind = isRefreshRun(view.type) ? 'Refresh' : isOperationRun(view.type) ? 'Operation' : 'Job';
  return (
    `<h1>${kind} run ${esc(view.workflowId)}</h1><div data-live="run"><div class="card"><dl class="kv">` +
    `<dt>status</dt><dd data-role="run-status">${badge(view.status)}</dd><dt>workflow type</dt><dd>${esc(view.type)}</dd><dt>run</dt><dd>${esc(view.runId)}</dd>` +
    pairs(view.outcome, ['workflowId', 'runId', 'status', 'details', 'waiting']) +
    (view.outcome?.waiting ? `<dt>waiting</dt><dd>${value(view.outcome.waiting)}</dd>` : '') +
    view.details.map((line) => `<dt>details</dt><dd>${esc(line)}</dd>`).join('') +
    `<dt>links</dt><dd>${externalLink(view.links.fabricUrl, 'Fabric portal', 'fabric-link')} ${externalLink(view.links.temporalUrl, 'Temporal Web UI', 'temporal-link')}</dd></dl>` +
    `${actionForms(actions, view.running ? [{ action: 'cancel', workflowId: view.workflowId }] : [])}</div>` +
    (view.unreadable ? `<p class="notice">${esc(view.unreadable)}</p>` : '') +
    (view.state ? `<h2>Live state</h2><div class="card"><dl class="kv">${pairs(view.state)}</dl></div>` : '') +
    `</div>`
  );
}
