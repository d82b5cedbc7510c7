/**
 * A pipeline problem as the CLI words it: problems with a value given for the run name the flag
 * that gave it (`--param`, `--logical-date`); problems of the file keep their path and line.
 */
import { formatIssue, type PipelineIssue, type RunInputProblem } from '../../pipeline/index.js';

function flagMessage(input: RunInputProblem): string {
  switch (input.kind) {
    case 'unknownParam':
      return `--param ${input.name}: unknown param${input.hint}`;
    case 'paramValue':
      return `--param ${input.name}=${input.value}: ${input.expected}`;
    case 'missingParam':
      return `required: pass --param ${input.name}=VALUE`;
    case 'paramAssignment':
      return `--param "${input.text}": expected NAME=VALUE`;
    case 'logicalDate':
      return `--logical-date "${input.value}": expected a date as yyyy-mm-dd`;
  }
}

/** `steps[1].needs[0]: unknown step "x" (line 14)`, `--param days=many: expected a number, ...`. */
export function formatIssueForCli(issue: PipelineIssue): string {
  return formatIssue(issue.input ? { ...issue, message: flagMessage(issue.input) } : issue);
}
