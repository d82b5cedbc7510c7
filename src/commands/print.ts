/** Printing an outcome: the `--json` object on stdout, or one human line on stderr. */
import type { CliContext } from './context.js';
import { describeOutcome, type JobOutcome } from './outcome.js';

export function printOutcome(ctx: CliContext, outcome: JobOutcome, json: boolean): void {
  if (json) {
    const { workflowId, runId, status, jobInstanceId, startTimeUtc, endTimeUtc, failureReason } = outcome;
    ctx.json({ workflowId, runId, status, jobInstanceId, startTimeUtc, endTimeUtc, failureReason });
  } else {
    ctx.info(describeOutcome(outcome));
  }
}
