/** Printing a pipeline outcome: the `--json` object on stdout, or a table and one summary line. */
import type { CliContext } from '../context.js';
import { detailLines, indented, linkLines } from '../details-lines.js';
import type { PipelineLinks } from './links.js';
import type { PipelineOutcome } from './outcome.js';
import { pausedHint, progressTable } from './progress-view.js';

/** `Failed: pipeline nightly (workflow pipeline-nightly-1a2b3c4d) — step "transform" failed: ...` */
export function summaryLine(outcome: PipelineOutcome): string {
  const name = outcome.progress?.name ? `pipeline ${outcome.progress.name}` : 'pipeline';
  const ended = outcome.progress?.steps ?? [];
  const counts = new Map<string, number>();
  for (const step of ended) counts.set(step.status, (counts.get(step.status) ?? 0) + 1);
  const tally = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const why = outcome.failureMessage && outcome.json.status !== 'Completed' ? ` — ${outcome.failureMessage}` : '';
  return `${outcome.json.status}: ${name} (workflow ${outcome.json.workflowId})${tally ? `; steps: ${tally}` : ''}${why}`;
}

/** The `--json` object: each step with its `details` (when read) and links, and the run's own Web UI link. */
export function pipelineJson(outcome: PipelineOutcome, links: PipelineLinks = { steps: {} }): Record<string, unknown> {
  const steps = outcome.json.steps.map((step) => {
    const details = outcome.progress?.steps.find((candidate) => candidate.id === step.id)?.details;
    return { ...step, ...(details !== undefined && { details }), ...links.steps[step.id] };
  });
  return { ...outcome.json, steps, ...(links.temporalUrl !== undefined && { temporalUrl: links.temporalUrl }) };
}

/** Under the summary of a run that did not complete: each failed step, its failed activity runs and its links. */
function failedStepLines(outcome: PipelineOutcome, links: PipelineLinks): string {
  if (outcome.json.status === 'Completed') return '';
  const failed = (outcome.progress?.steps ?? []).filter((step) => step.status === 'failed' || step.status === 'compensationFailed');
  const lines = failed.map((step) => {
    const reason = step.failureReason ? ` — ${step.failureReason.errorCode}: ${step.failureReason.message}` : '';
    return `step ${step.id} failed${reason}\n${indented([...detailLines(step.details), ...linkLines(links.steps[step.id] ?? {})], '    ')}`;
  });
  return lines.map((line) => `  ${line}`).join('');
}

/**
 * `--json`: the one object on stdout. Otherwise the steps table (when `table`) on stdout and the
 * summary line on stderr, with the failed steps (their failed activity runs, their links) and the
 * run's Web UI link under it.
 */
export function printPipelineOutcome(ctx: CliContext, outcome: PipelineOutcome, json: boolean, options: { table: boolean }, links: PipelineLinks = { steps: {} }): void {
  if (json) {
    ctx.json(pipelineJson(outcome, links));
    return;
  }
  if (options.table && outcome.progress) {
    const hint = pausedHint(outcome.progress, outcome.json.workflowId);
    ctx.io.stdout.write(`${[...progressTable(outcome.progress), ...(hint ? [hint] : [])].join('\n')}\n`);
  }
  ctx.io.stderr.write(`${summaryLine(outcome)}\n${failedStepLines(outcome, links)}${indented(linkLines({ ...(links.temporalUrl !== undefined && { temporalUrl: links.temporalUrl }) }))}`);
  const hint = repairHint(outcome);
  if (hint) ctx.info(hint);
}

/** After a run that ended without completing (what `pipeline repair` takes): the command that runs it again, its completed steps kept. */
export function repairHint(outcome: PipelineOutcome): string | undefined {
  if (!['Failed', 'Cancelled', 'TimedOut', 'Terminated'].includes(outcome.json.status)) return undefined;
  const kept = (outcome.progress?.steps ?? []).filter((step) => step.status === 'completed').length;
  const keeps = kept > 0 ? `, keeping its ${kept} completed step${kept === 1 ? '' : 's'}` : '';
  return `Run it again from where it stopped${keeps}: \`fabric-temporal pipeline repair ${outcome.json.workflowId}\``;
}
