/** Printing an outcome: the `--json` object on stdout, or human lines on stderr (details and links under the summary). */
import type { CliContext } from './context.js';
import { detailLines, indented, linkLines } from './details-lines.js';
import type { RunLinks, RunTarget } from './links.js';
import { describeOutcome, type JobOutcome } from './outcome.js';

/**
 * `--json`: the workflow and run ids, the job's target (`workspaceId`, `itemId`, `jobType` as ids, null
 * until known; `workspaceName` / `itemName` beside them when the run was given names), the outcome's
 * keys, then `details` (when the run read any), `fabricUrl` and `temporalUrl` (when known). Human: one
 * summary line; for a run that did not complete, the failed activity runs with their errors; the exit
 * value; the links.
 */
export function printOutcome(ctx: CliContext, outcome: JobOutcome, json: boolean, links: RunLinks = {}, target?: RunTarget): void {
  if (json) {
    const { workflowId, runId, status, jobInstanceId, startTimeUtc, endTimeUtc, failureReason, details } = outcome;
    const job = {
      workspaceId: target?.workspaceId ?? null,
      ...(target?.workspaceName !== undefined && { workspaceName: target.workspaceName }),
      itemId: target?.itemId ?? null,
      ...(target?.itemName !== undefined && { itemName: target.itemName }),
      jobType: target?.jobType ?? null,
    };
    ctx.json({ workflowId, runId, ...job, status, jobInstanceId, startTimeUtc, endTimeUtc, failureReason, ...(details !== undefined && { details }), ...links });
  } else {
    ctx.io.stderr.write(`${describeOutcome(outcome)}\n${indented([...detailLines(outcome.details), ...linkLines(links)])}`);
  }
}
