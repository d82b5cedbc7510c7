/**
 * A pipeline as a Mermaid flowchart: one node per step (id, what it runs, its `when:` condition),
 * an edge per `needs`, dashed edges out of continueOnFailure steps, and each compensation as a side
 * node.
 */
import { jobTypeOfItemRef } from '../names/job-targets.js';
import { isRefreshEntry } from './refresh-step.js';
import type { PipelineFile } from './schema.js';

/**
 * What a step or compensation runs: a semantic model refresh, its job type, or the job type its
 * item's type implies (`Load orders.Notebook` → RunNotebook), as the run will infer it.
 */
function runs(spec: { kind?: string; jobType?: string; item?: string }): string {
  if (isRefreshEntry(spec)) return 'semantic model refresh';
  if (spec.jobType) return spec.jobType;
  return (typeof spec.item === 'string' ? jobTypeOfItemRef(spec.item) : undefined) ?? 'job type of the item';
}

/** Mermaid text (starts with a title front matter, then `flowchart TD`). */
export function pipelineToMermaid(pipeline: PipelineFile): string {
  const nodeId = new Map(pipeline.steps.map((step, i) => [step.id, `s${i}`]));
  const lines = ['---', `title: ${JSON.stringify(pipeline.name)}`, '---', 'flowchart TD'];
  for (const step of pipeline.steps) {
    const id = nodeId.get(step.id)!;
    const notes = [runs(step)];
    if (step.when) notes.push(`when ${step.when}`);
    if (step.retry && step.retry.maximumAttempts > 1) notes.push(`retry ×${step.retry.maximumAttempts}`);
    if (step.timeout) notes.push(`timeout ${step.timeout}`);
    lines.push(`  ${id}["${label(step.id)}<br/><small>${label(notes.join(' · '))}</small>"]`);
  }
  for (const step of pipeline.steps) {
    for (const need of step.needs ?? []) {
      const from = pipeline.steps.find((candidate) => candidate.id === need);
      const arrow = from?.continueOnFailure ? '-.->' : '-->';
      lines.push(`  ${nodeId.get(need)} ${arrow} ${nodeId.get(step.id)}`);
    }
  }
  pipeline.steps.forEach((step, i) => {
    if (!step.compensate) return;
    lines.push(`  c${i}[/"undo ${label(step.id)}<br/><small>${label(runs(step.compensate))}</small>"/]`);
    lines.push(`  s${i} -. compensate .- c${i}`);
  });
  const continuing = pipeline.steps.flatMap((step) => (step.continueOnFailure ? [nodeId.get(step.id)!] : []));
  const compensations = pipeline.steps.flatMap((step, i) => (step.compensate ? [`c${i}`] : []));
  if (continuing.length > 0) lines.push('  classDef continue stroke-dasharray: 4 3', `  class ${continuing.join(',')} continue`);
  if (compensations.length > 0) lines.push('  classDef compensation fill:#fff4e5,stroke:#d9822b', `  class ${compensations.join(',')} compensation`);
  return `${lines.join('\n')}\n`;
}

/** Text safe inside a quoted Mermaid label. */
function label(text: string): string {
  return text.replace(/[&"<>#]/g, (char) => `#${char.charCodeAt(0)};`);
}
