/** Printing a pipeline outcome: the `--json` object on stdout, or a table and one summary line. */
import type { CliContext } from '../context.js';
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

/**
 * `--json`: the one object on stdout. Otherwise the steps table (when `table`) on stdout and the
 * summary line on stderr.
 */
export function printPipelineOutcome(ctx: CliContext, outcome: PipelineOutcome, json: boolean, options: { table: boolean }): void {
  if (json) {
    ctx.json(outcome.json);
    return;
  }
  if (options.table && outcome.progress) {
    const hint = pausedHint(outcome.progress, outcome.json.workflowId);
    ctx.io.stdout.write(`${[...progressTable(outcome.progress), ...(hint ? [hint] : [])].join('\n')}\n`);
  }
  ctx.info(summaryLine(outcome));
}
