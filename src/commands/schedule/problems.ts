/** The schedule definition's problems (src/schedules/problems.ts) in the words of `schedule create|update` flags. */
import { JOB_FIELDS } from '../../contracts/job.js';
import type { ScheduleProblem } from '../../schedules/problems.js';
import { jobProblemAsFlags } from '../parse/job-options.js';
import { formatIssueForCli } from '../pipeline/issues.js';

/** The flag of a job field, from the job table. */
const flagOf = (field: string): string => {
  const flag = (JOB_FIELDS as Readonly<Record<string, { flags: readonly { name: string }[] }>>)[field]?.flags[0];
  return flag ? `--${flag.name}` : field;
};

const ONE_RUN_A_DAY =
  'but the logical date (yyyy-mm-dd) allows one run per day: every further run of a day would be a duplicate and be skipped; add --logical-date-format datetime';

/** One line naming the flags to give or change. */
export function describeScheduleProblem(problem: ScheduleProblem): string {
  switch (problem.kind) {
    case 'noTarget':
      return 'give --pipeline <file>, --workspace, --item and --job-type for a single job, or --operation for a Fabric long-running operation';
    case 'pipelineAndJob':
      return 'give either --pipeline <file> or --workspace/--item/--job-type, not both';
    case 'paramsWithoutPipeline':
      return '--param applies to pipeline schedules only (give --pipeline <file>)';
    case 'missingJobFields':
      return `a single-job schedule needs ${problem.fields.map(flagOf).join(', ')}${problem.newSchedule ? ' (or use --pipeline <file>)' : ''}`;
    case 'job':
      return jobProblemAsFlags(problem.problem);
    case 'jobTemplate':
      return problem.error !== undefined
        ? `${flagOf(problem.field)}: ${problem.error}`
        : `${flagOf(problem.field)}: {{ ${problem.expression} }} is not available in a single-job schedule; only {{ logicalDate }} is`;
    case 'pipeline':
      return `${problem.source}: ${formatIssueForCli(problem.issue)}`;
    case 'operationAndOther':
      return 'an operation schedule runs the --operation given, alone: give --operation again to change it (not with --pipeline, --param or job flags)';
    case 'operation':
      return `--operation: ${problem.problem.field}: ${problem.problem.message}`;
    case 'noTiming':
      return 'give --cron "<expression>" or --every <duration>';
    case 'dateTooCoarse':
      return problem.timing.kind === 'every'
        ? `--every is shorter than a day, ${ONE_RUN_A_DAY}`
        : `--cron "${problem.timing.expression}" fires ${problem.firesPerDay} times a day, ${ONE_RUN_A_DAY}`;
  }
}
