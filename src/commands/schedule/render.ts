/** Human text for schedules: the `describe` block, the `list` table, one-line summaries. */
import type { ScheduleView, TargetView } from './view.js';

export function describeTarget(target: TargetView): string {
  if (target.kind === 'pipeline') {
    const params = Object.entries(target.params).map(([k, v]) => `${k}=${v}`);
    return `pipeline ${target.name} (${target.source})${params.length > 0 ? `, params ${params.join(' ')}` : ''}`;
  }
  if (target.kind === 'job') return `job ${target.jobType} on item ${target.itemId} (workspace ${target.workspaceId})`;
  if (target.kind === 'operation') return `operation ${target.operation.kind}`;
  return `workflow ${target.workflowType} (not a fabric-temporal schedule)`;
}

export function describeWhen(view: Pick<ScheduleView, 'cron' | 'every' | 'timeZone'>): string {
  if (view.cron !== null) return `cron "${view.cron}" in ${view.timeZone}`;
  if (view.every !== null) return `every ${view.every}`;
  return `(see the schedule's spec; time zone ${view.timeZone})`;
}

function logicalDateLine(view: ScheduleView): string {
  if (view.logicalDateFormat === null) return '-';
  const form = view.logicalDateFormat === 'date' ? `yyyy-mm-dd in ${view.timeZone}` : 'yyyy-mm-ddTHH:MM:SSZ (UTC)';
  return `${view.logicalDateFormat} (${form}); each date runs once as ${view.identity}/<logical date>`;
}

/** The multi-line `describe` text. */
export function renderSchedule(view: ScheduleView): string {
  const lines = [
    `Schedule ${view.scheduleId} (${view.paused ? 'paused' : 'active'})`,
    `  runs:          ${describeTarget(view.target)}`,
    `  when:          ${describeWhen(view)}`,
    `  logical date:  ${logicalDateLine(view)}`,
    `  overlap:       ${view.overlap}; catchup window ${view.catchupWindow}; pause on failure: ${view.pauseOnFailure ? 'yes' : 'no'}`,
  ];
  if (view.note) lines.push(`  note:          ${view.note}`);
  lines.push(`  actions:       ${view.actionsTaken} taken, ${view.skippedOverlap} skipped (overlap), ${view.missedCatchupWindow} missed (catchup window)`);
  lines.push('  next runs:');
  if (view.nextRuns.length === 0) lines.push('    (none)');
  for (const next of view.nextRuns.slice(0, 5)) lines.push(`    ${next.at}${next.logicalDate ? `  logical date ${next.logicalDate}` : ''}`);
  lines.push('  recent runs (newest first):');
  if (view.recentRuns.length === 0) lines.push('    (none)');
  for (const run of view.recentRuns) {
    const date = (run.logicalDate ?? '-').padEnd(20);
    lines.push(`    ${date}  ${run.status.padEnd(10)}  ${run.runWorkflowId ?? run.workflowId}  (scheduled ${run.scheduledAt})`);
  }
  return lines.join('\n');
}

/** The `list` table. */
export function renderScheduleTable(views: readonly ScheduleView[]): string {
  const header = ['SCHEDULE', 'STATE', 'WHEN', 'RUNS', 'NEXT RUN', 'LAST RUN'];
  const cells = views.map((v) => {
    const last = v.recentRuns[0];
    return [
      v.scheduleId,
      v.paused ? 'paused' : 'active',
      describeWhen(v),
      v.target.kind === 'pipeline' ? `pipeline ${v.target.name}` : v.target.kind === 'job' ? `job ${v.target.jobType}` : v.target.kind === 'operation' ? `operation ${v.target.operation.kind}` : v.target.workflowType,
      v.nextRuns[0]?.at ?? '-',
      last ? `${last.logicalDate ?? last.scheduledAt} ${last.status}` : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [header, ...cells].map((line) => line.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
