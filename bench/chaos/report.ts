/** The text report of a chaos run. */
import type { ChaosReport } from './run.js';

function list(title: string, items: { workflowId: string; detail: string }[]): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, 20).map((p) => `    ${p.workflowId}: ${p.detail}`);
  return [`  ${title}:`, ...shown, ...(items.length > 20 ? [`    ... and ${items.length - 20} more`] : [])];
}

export function formatChaosReport(r: ChaosReport): string {
  const v = r.verdict;
  const histogram = Object.entries(v.jobsPerRun)
    .map(([jobs, runs]) => `${jobs} job${jobs === '1' ? '' : 's'}: ${runs} runs`)
    .join(', ');
  return [
    `chaos: ${r.jobs} runs, ${r.workerKills} worker SIGKILLs (${r.workers} worker${r.workers === 1 ? '' : 's'}), ${r.serverKills} Temporal server SIGKILL (seed ${r.seed})`,
    `  Temporal:                   ${r.server}`,
    `  runs completed as expected: ${v.completedAsExpected} / ${v.runs}`,
    `  Fabric jobs per run:        ${histogram}`,
    `  duplicates:                 ${v.duplicates.length}`,
    `  orphans:                    ${v.orphans.length}`,
    `  lost runs:                  ${v.lost.length}`,
    `  stray Fabric jobs:          ${v.strayJobs}`,
    `  timed out before a job:     ${v.timedOutBeforeStart} (correct: the run's timeout passed while its start waited out a killed worker)`,
    `  early polls:                ${r.earlyPolls} (of ${r.fabricRequests} Fabric requests)`,
    `  wall time:                  ${(r.wallTimeMs / 1000).toFixed(1)} s`,
    ...list('lost', v.lost),
    ...list('duplicates', v.duplicates),
    ...list('orphans', v.orphans),
  ].join('\n');
}
