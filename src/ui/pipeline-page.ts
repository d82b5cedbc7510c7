/**
 * A pipeline run's page: its steps as a graph (graph.ts) and on a timeline (timeline.ts), and per
 * step its job instance, times, exit value, failure reason, failed Data Pipeline activities and the
 * links to the Fabric portal and the Temporal Web UI. Read with the CLI's own readers
 * (`pipeline status`: workflow-client.ts, links.ts); running steps also tell what they wait for
 * (their `state` query).
 */
import type { Client } from '@temporalio/client';
import type { PipelineProgress, PipelineStepProgress } from '../contracts/pipeline.js';
import type { CliContext } from '../commands/context.js';
import { waitingOf } from '../commands/outcome.js';
import { pipelineInputOf, pipelineLinks, type PipelineLinks } from '../commands/pipeline/links.js';
import { pausedHint, headline } from '../commands/pipeline/progress-view.js';
import { detailLines } from '../commands/details-lines.js';
import { queryState } from '../commands/run-outcome.js';
import { queryProgress, waitForPipeline } from '../commands/pipeline/workflow-client.js';
import { FABRIC_PIPELINE_WORKFLOW } from '../contracts/pipeline.js';
import type { PipelineCliStatus } from '../commands/pipeline/outcome.js';
import { actionForms, type ActionContext } from './actions.js';
import { BadRequest } from './errors.js';
import { stepGraphSvg } from './graph.js';
import { badge, esc, externalLink, href } from './html.js';
import { drawnState, stateWords } from './step-state.js';
import { timelineSvg } from './timeline.js';
import { describeOrNotFound, unreadableNotice } from './run-reading.js';

export interface PipelineView {
  workflowId: string;
  runId: string;
  status: PipelineCliStatus | 'Running';
  running: boolean;
  progress: PipelineProgress | undefined;
  failureMessage: string | null;
  /** What each running step waits for, by step id. */
  waiting: Record<string, string>;
  links: PipelineLinks;
  /** Why the steps cannot be shown, when they cannot. */
  unreadable?: string;
}

/** Reads a pipeline run (the latest of the id, or `runId`). @throws BadRequest 404 for an unknown id or a run of another kind. */
export async function readPipeline(ctx: CliContext, client: Client, workflowId: string, runId: string | undefined): Promise<PipelineView> {
  const description = await describeOrNotFound(client, workflowId, runId);
  if (description.type !== FABRIC_PIPELINE_WORKFLOW) throw new BadRequest(`workflow ${JSON.stringify(workflowId)} is a ${description.type} run, not a pipeline: see ${href('run', workflowId)}`, 404);
  const running = description.status.name === 'RUNNING';
  let progress: PipelineProgress | undefined;
  let status: PipelineView['status'] = 'Running';
  let failureMessage: string | null = null;
  let unreadable: string | undefined;
  try {
    if (running) {
      progress = await queryProgress(client, client.workflow.getHandle(workflowId, description.runId));
      if (progress) status = progress.status === 'paused' ? 'Paused' : progress.status === 'compensating' ? 'Compensating' : progress.status === 'cancelling' ? 'Cancelling' : 'Running';
    } else {
      const outcome = await waitForPipeline(client, workflowId, description.runId);
      progress = outcome.progress;
      status = outcome.json.status;
      failureMessage = outcome.failureMessage;
    }
  } catch (error) {
    unreadable = unreadableNotice(error);
  }
  if (!progress && !unreadable) unreadable = running ? 'the run does not answer its progress query: is a worker running on its task queue?' : 'the run ended without a record of its steps';
  const waiting: Record<string, string> = {};
  await Promise.all(
    (progress?.steps ?? [])
      .filter((step) => step.status === 'running' && step.workflowId && step.jobInstanceId === null)
      .map(async (step) => {
        const state = await queryState(client, client.workflow.getHandle(step.workflowId!), 2_000);
        const wait = state && waitingOf(state);
        if (wait) waiting[step.id] = wait.for;
      }),
  );
  const input = await pipelineInputOf(client, workflowId, description.runId);
  return { workflowId, runId: description.runId, status, running, progress, failureMessage, waiting, links: pipelineLinks(ctx, workflowId, description.runId, progress, input), ...(unreadable !== undefined && { unreadable }) };
}

function time(iso: string | null | undefined): string {
  return iso ? esc(iso) : '<span class="muted">—</span>';
}

function stepCard(view: PipelineView, step: PipelineStepProgress, actions: ActionContext): string {
  const state = drawnState(step, view.waiting[step.id]);
  const links = view.links.steps[step.id] ?? {};
  const failure = step.failureReason
    ? `<dt>failure reason</dt><dd class="reason" data-role="failure-reason">${esc(step.failureReason.errorCode ? `${step.failureReason.errorCode}: ` : '')}${esc(step.failureReason.message)}</dd>`
    : '';
  const details = detailLines(step.details, { allActivities: false });
  const compensation = step.compensation
    ? `<dt>compensation</dt><dd>${badge(step.compensation.status)} ${esc(step.compensation.workflowId)}${step.compensation.failureReason ? ` <span class="reason">${esc(step.compensation.failureReason.message)}</span>` : ''}</dd>`
    : '';
  return (
    `<div class="card step" id="step-${esc(step.id)}" data-step="${esc(step.id)}"><h2>${esc(step.id)} ${badge(state)} <span class="muted">${esc(stateWords(state, view.waiting[step.id]))}</span></h2><dl class="kv">` +
    `<dt>needs</dt><dd>${esc(step.needs.join(', ') || '—')}</dd>` +
    `<dt>attempts</dt><dd>${step.attempts}</dd>` +
    `<dt>job instance</dt><dd>${time(step.jobInstanceId)}${step.jobStatus ? ` (${esc(step.jobStatus)})` : ''}</dd>` +
    `<dt>Fabric job times</dt><dd>${time(step.startTimeUtc)} → ${time(step.endTimeUtc)}</dd>` +
    `<dt>step times</dt><dd>${time(step.startedAt)} → ${time(step.endedAt)}</dd>` +
    (step.details?.exitValue !== undefined ? `<dt>exit value</dt><dd><code>${esc(step.details.exitValue)}</code></dd>` : '') +
    failure +
    details.filter((line) => line.startsWith('activity ')).map((line) => `<dt>failed activity</dt><dd class="reason">${esc(line)}</dd>`).join('') +
    (step.skipReason ? `<dt>skipped</dt><dd>${esc(step.skipReason)}</dd>` : '') +
    (step.reusedFrom ? `<dt>reused from</dt><dd>run ${esc(step.reusedFrom.runId)}</dd>` : '') +
    compensation +
    `<dt>links</dt><dd>${externalLink(links.fabricUrl, 'Fabric portal', 'fabric-link') || '<span class="muted">no Fabric link (job not started, or item not known by id)</span>'} ` +
    `${externalLink(links.temporalUrl, 'Temporal Web UI', 'temporal-link')}${step.workflowId ? ` · <a href="${esc(href('run', step.workflowId))}">step run</a>` : ''}</dd>` +
    `</dl>${step.awaitingDecision ? actionForms(actions, [{ action: 'retry', workflowId: view.workflowId, step: step.id }, { action: 'skip', workflowId: view.workflowId, step: step.id }]) : ''}</div>`
  );
}

export function pipelineBody(view: PipelineView, actions: ActionContext, nowMs = Date.now()): string {
  const progress = view.progress;
  const graph = progress
    ? stepGraphSvg(progress.steps.map((step) => {
        const state = drawnState(step, view.waiting[step.id]);
        const caption = step.status === 'failed' && step.failureReason ? `${stateWords(state)}: ${step.failureReason.errorCode ?? step.failureReason.message}` : stateWords(state, view.waiting[step.id]);
        return { id: step.id, needs: step.needs, state, caption };
      }))
    : '';
  const timeline = progress
    ? timelineSvg(progress.steps.map((step) => ({ id: step.id, state: drawnState(step, view.waiting[step.id]), startedAt: step.startedAt, endedAt: step.endedAt, jobStart: step.startTimeUtc, jobEnd: step.endTimeUtc, attempts: step.attempts })), nowMs)
    : '';
  const runActions = [
    ...(view.running ? [{ action: 'cancel' as const, workflowId: view.workflowId }] : []),
    ...(view.status === 'Paused' ? [{ action: 'abort' as const, workflowId: view.workflowId }] : []),
    ...(!view.running && ['Failed', 'Cancelled', 'TimedOut', 'Terminated'].includes(view.status) ? [{ action: 'repair' as const, workflowId: view.workflowId }] : []),
  ];
  const hint = progress ? pausedHint(progress, view.workflowId) : undefined;
  return (
    `<h1>Pipeline ${esc(progress?.name ?? view.workflowId)}</h1>` +
    `<div data-live="summary"><div class="card"><dl class="kv"><dt>status</dt><dd data-role="pipeline-status">${badge(view.status)}</dd>` +
    `<dt>workflow</dt><dd>${esc(view.workflowId)} <span class="muted">run ${esc(view.runId)}</span></dd>` +
    (progress ? `<dt>logical date</dt><dd>${esc(progress.logicalDate)}</dd><dt>summary</dt><dd>${esc(headline(progress, nowMs))}</dd>` : '') +
    (view.failureMessage ? `<dt>failure</dt><dd class="reason">${esc(view.failureMessage)}</dd>` : '') +
    (hint ? `<dt>paused</dt><dd>${esc(hint)}</dd>` : '') +
    `<dt>links</dt><dd>${externalLink(view.links.temporalUrl, 'Temporal Web UI', 'temporal-link') || '<span class="muted">Temporal Web UI address unknown (set TEMPORAL_UI_URL)</span>'}</dd></dl>` +
    `${actionForms(actions, runActions)}</div>` +
    (view.unreadable ? `<p class="notice">${esc(view.unreadable)}</p>` : '') +
    `<h2>Steps</h2><div class="graph">${graph}</div><h2>Timeline</h2><div class="timeline-box">${timeline}</div>` +
    `<h2>Step details</h2>${(progress?.steps ?? []).map((step) => stepCard(view, step, actions)).join('')}</div>`
  );
}
