/**
 * Human lines about what a job produced and where to look: the failed activity runs of a Data
 * Pipeline with their errors, a notebook's exit value, and the Fabric / Temporal links. Pure.
 */
import type { ActivityRunSummary, JobRunDetails } from '../contracts/job-details.js';
import type { RunLinks } from './links.js';

/** Longest exit value or error message shown on one line (the JSON output has them whole). */
const MAX_TEXT = 300;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_TEXT ? flat : `${flat.slice(0, MAX_TEXT - 1)}…`;
}

function activityLine(run: ActivityRunSummary): string {
  const error = run.error ? `: ${run.error.errorCode ? `${run.error.errorCode}: ` : ''}${clip(run.error.message)}` : '';
  return `activity "${run.activityName}" (${run.activityType}) ${run.status}${error}`;
}

/** Lines about the details: failed activity runs (all of them when `all`), the exit value. */
export function detailLines(details: JobRunDetails | undefined, options: { allActivities?: boolean } = {}): string[] {
  if (!details) return [];
  const lines: string[] = [];
  const runs = details.activityRuns ?? [];
  for (const run of options.allActivities ? runs : runs.filter((r) => r.status === 'Failed')) lines.push(activityLine(run));
  if (details.exitValue !== undefined) lines.push(`exit value: ${clip(details.exitValue)}`);
  if (details.sessionTag !== undefined || details.sessionSource !== undefined) {
    lines.push(`high-concurrency session${details.sessionTag === undefined ? '' : ` "${clip(details.sessionTag)}"`}${details.sessionSource === undefined ? '' : ` (${details.sessionSource})`}`);
  }
  return lines;
}

/** `Fabric: <url>` and `Temporal: <url>`, for the links that are known. */
export function linkLines(links: RunLinks): string[] {
  return [...(links.fabricUrl ? [`Fabric: ${links.fabricUrl}`] : []), ...(links.temporalUrl ? [`Temporal: ${links.temporalUrl}`] : [])];
}

/** Indented lines under a summary line (empty when there are none). */
export function indented(lines: readonly string[], indent = '  '): string {
  return lines.map((line) => `${indent}${line}\n`).join('');
}
