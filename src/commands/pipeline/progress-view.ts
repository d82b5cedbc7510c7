/**
 * Live progress of a pipeline while `pipeline run` waits: on a terminal, a table of the steps
 * redrawn in place; otherwise one plain line per change (for logs and CI).
 */
import type { PipelineProgress, PipelineStepProgress } from '../../contracts/pipeline.js';
import { formatDuration } from '../../duration.js';

export interface PipelineProgressView {
  update(progress: PipelineProgress, nowMs?: number): void;
  /** Leaves the last table on screen (a TTY) or does nothing. */
  finish(): void;
}

type Stream = { write(text: string): unknown };

function seconds(ms: number): string {
  return formatDuration(Math.max(0, Math.floor(ms / 1000)) * 1000);
}

/** How long the step has run (or ran), from the workflow's times. */
function stepTime(step: PipelineStepProgress, nowMs: number): string {
  if (!step.startedAt) return '';
  const end = step.endedAt ? Date.parse(step.endedAt) : nowMs;
  return seconds(end - Date.parse(step.startedAt));
}

/**
 * The reason column: failure, skip reason, or what an operator must do. On one line, without control
 * characters: a message from Fabric must not break the table redrawn in place or drive the terminal.
 */
export function stepNote(step: PipelineStepProgress): string {
  return describeStep(step).replace(/\p{Cc}+/gu, ' ');
}

function describeStep(step: PipelineStepProgress): string {
  if (step.awaitingDecision) return `waiting for retry / skip / abort — ${step.failureReason?.message ?? 'failed'}`;
  if (step.compensation?.status === 'failed') return `compensation failed: ${step.compensation.failureReason?.message ?? ''}`;
  if (step.status === 'failed' || step.status === 'retrying') {
    const prefix = step.continued ? 'continued after: ' : step.status === 'retrying' ? 'retrying after: ' : '';
    return `${prefix}${step.failureReason?.errorCode ?? ''}: ${step.failureReason?.message ?? ''}`;
  }
  if (step.status === 'skipped') return step.skipReason ?? '';
  return '';
}

export function headline(progress: PipelineProgress, nowMs: number): string {
  const done = progress.steps.filter((step) => !['pending', 'running', 'retrying'].includes(step.status)).length;
  const elapsed = seconds((progress.endedAt ? Date.parse(progress.endedAt) : nowMs) - Date.parse(progress.startedAt));
  return `pipeline ${progress.name} · ${progress.status} · ${done}/${progress.steps.length} steps ended · ${elapsed}`;
}

/** What an operator can do about a paused pipeline. */
export function pausedHint(progress: PipelineProgress, workflowId: string): string | undefined {
  const waiting = progress.steps.filter((step) => step.awaitingDecision).map((step) => step.id);
  if (waiting.length === 0) return undefined;
  const step = waiting.length === 1 ? waiting[0] : '<step>';
  return `paused on ${waiting.join(', ')}: decide with \`fabric-temporal pipeline retry|skip ${workflowId} ${step}\` or \`fabric-temporal pipeline abort ${workflowId}\``;
}

/** The table's lines: a headline, a header and one row per step. */
export function progressTable(progress: PipelineProgress, nowMs = Date.now()): string[] {
  const rows = progress.steps.map((step) => [step.id, step.status, String(step.attempts || ''), step.jobInstanceId ?? '', stepTime(step, nowMs), stepNote(step)]);
  const header = ['STEP', 'STATUS', 'TRY', 'JOB INSTANCE', 'TIME', 'NOTE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`.trimEnd();
  return [headline(progress, nowMs), line(header), ...rows.map(line)];
}

export function ttyPipelineProgress(stream: Stream, workflowId: string): PipelineProgressView {
  let drawn = 0;
  return {
    update(progress, nowMs = Date.now()) {
      const hint = pausedHint(progress, workflowId);
      const lines = [...progressTable(progress, nowMs), ...(hint ? [hint] : [])];
      const up = drawn > 0 ? `\x1b[${drawn}F` : '';
      stream.write(`${up}\x1b[J${lines.join('\n')}\n`);
      drawn = lines.length;
    },
    finish() {
      drawn = 0;
    },
  };
}

export function linePipelineProgress(stream: Stream, workflowId: string): PipelineProgressView {
  const seen = new Map<string, string>();
  return {
    update(progress, nowMs = Date.now()) {
      const at = `[${seconds(nowMs - Date.parse(progress.startedAt))}]`;
      const lines: string[] = [];
      for (const step of progress.steps) {
        const key = `${step.status}|${step.attempts}|${step.jobInstanceId ?? ''}|${step.awaitingDecision ?? ''}`;
        if (seen.get(step.id) === key || (step.status === 'pending' && !seen.has(step.id))) continue;
        seen.set(step.id, key);
        const details = [step.attempts > 1 ? `attempt ${step.attempts}` : '', step.jobInstanceId ? `job ${step.jobInstanceId}` : '', stepNote(step)].filter(Boolean);
        lines.push(`${at} ${step.id}: ${step.status}${details.length > 0 ? ` (${details.join('; ')})` : ''}\n`);
      }
      if (seen.get('') !== progress.status) {
        seen.set('', progress.status);
        const hint = pausedHint(progress, workflowId);
        const line = `${at} pipeline ${progress.name}: ${progress.status}${hint ? ` — ${hint}` : ''}\n`;
        // A pipeline's start comes before its steps' lines, its end after them.
        if (progress.endedAt) lines.push(line);
        else lines.unshift(line);
      }
      for (const line of lines) stream.write(line);
    },
    finish() {},
  };
}
