/** Human text for schedules: the `describe` block, the `list` table, one-line summaries. */
import { jobTypeOfItemRef } from '../../names/index.js';
import type { ScheduleView, TargetView } from './view.js';

/** `RunNotebook`, or for a job whose item's type chooses it at each run `RunNotebook (from the item type)`. */
function jobTypeText(target: Extract<TargetView, { kind: 'job' }>): string {
  if (target.jobType !== null) return target.jobType;
  const implied = jobTypeOfItemRef(target.itemId);
  return implied === undefined ? 'of the item type' : `${implied} (from the item type)`;
}

export function describeTarget(target: TargetView): string {
  if (target.kind === 'pipeline') {
    const params = Object.entries(target.params).map(([k, v]) => `${k}=${v}`);
    return `pipeline ${target.name} (${target.source})${params.length > 0 ? `, params ${params.join(' ')}` : ''}`;
  }
  if (target.kind === 'job') return `job ${jobTypeText(target)} on item ${target.itemId}${target.workspaceId ? ` (workspace ${target.workspaceId})` : ''}`;
  if (target.kind === 'operation') return `operation ${target.operation.kind}`;
  return `workflow ${target.workflowType} (not a fabric-temporal schedule)`;
}

/** An instant as the schedule's clock shows it: `2026-12-09 02:00 Europe/Paris` (`… UTC` for UTC). */
export function inZone(iso: string, timeZone: string): string {
  try {
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    return `${local.replace(/:00$/, '')} ${timeZone}`;
  } catch {
    return iso; // a zone this Node.js does not know: the instant as stored
  }
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
  for (const next of view.nextRuns.slice(0, 5)) lines.push(`    ${inZone(next.at, view.timeZone)}${next.logicalDate ? `  logical date ${next.logicalDate}` : ''}`);
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
      v.target.kind === 'pipeline' ? `pipeline ${v.target.name}` : v.target.kind === 'job' ? `job ${jobTypeText(v.target)}` : v.target.kind === 'operation' ? `operation ${v.target.operation.kind}` : v.target.workflowType,
      v.nextRuns[0] ? inZone(v.nextRuns[0].at, v.timeZone) : '-',
      last ? `${last.logicalDate ?? last.scheduledAt} ${last.status}` : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [header, ...cells].map((line) => line.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
