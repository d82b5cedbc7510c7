/**
 * Validation problems of a pipeline file: each has a path into the file (`steps[1].needs[0]`), a
 * message, and — when the file was parsed from text — the line and column it points at. A problem
 * with a value given for the run (a param, the logical date) also says which, as a typed
 * {@link RunInputProblem}, so that a caller can word it its own way (the CLI names its flags).
 */
import { editDistance } from '../names/closest.js';
import { formatPath, type ValuePath } from '../templates.js';

/** A problem with a value given for the run rather than with the file. */
export type RunInputProblem =
  /** A param the file does not declare; `hint` is ` (did you mean "x"?)` or the declared names. */
  | { kind: 'unknownParam'; name: string; hint: string }
  /** A param value not of its default's type; `expected` says what it should be. */
  | { kind: 'paramValue'; name: string; value: string; expected: string }
  /** A param without default that the run gave no value. */
  | { kind: 'missingParam'; name: string }
  /** A param assignment that is not `NAME=VALUE`. */
  | { kind: 'paramAssignment'; text: string }
  /** A logical date that is not a calendar date `yyyy-mm-dd`. */
  | { kind: 'logicalDate'; value: string };

export interface PipelineIssue {
  path: ValuePath;
  message: string;
  /** 1-based line of the offending node (or of its nearest existing parent). */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** Set when the problem is with a value given for the run, not with the file. */
  input?: RunInputProblem;
}

/** The issue of a run-input problem, worded without reference to how the value was given. */
export function runInputIssue(input: RunInputProblem): PipelineIssue {
  switch (input.kind) {
    case 'unknownParam':
      return { path: [], input, message: `param ${input.name}: unknown param${input.hint}` };
    case 'paramValue':
      return { path: [], input, message: `param ${input.name}=${input.value}: ${input.expected}` };
    case 'missingParam':
      return { path: ['params', input.name], input, message: 'required: the file has no default and the run gave no value' };
    case 'paramAssignment':
      return { path: [], input, message: `param "${input.text}": expected NAME=VALUE` };
    case 'logicalDate':
      return { path: [], input, message: `logical date "${input.value}": expected a date as yyyy-mm-dd` };
  }
}

/**
 * `steps[1].needs[0]: unknown step "ingestt" (line 14)`. A problem of the whole file (a syntax
 * error, which names its line and column itself) has neither path nor line suffix.
 */
export function formatIssue(issue: PipelineIssue): string {
  const where = formatPath(issue.path);
  if (!where) return issue.message;
  return `${where}: ${issue.message}${issue.line === undefined ? '' : ` (line ${issue.line})`}`;
}

/** Thrown when a pipeline file is unreadable or invalid; carries every problem found. Matched by `name`. */
export class PipelineValidationError extends Error {
  override readonly name = 'PipelineValidationError';
  constructor(
    readonly issues: readonly PipelineIssue[],
    readonly source?: string,
  ) {
    const head = source ? `${source}: ` : '';
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${head}invalid pipeline (${count}):\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
  }
}

/** Sorts issues by line (unknown lines last, in their original order). */
export function sortIssues(issues: readonly PipelineIssue[]): PipelineIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.index - b.index)
    .map(({ issue }) => issue);
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined || match === word ? '' : ` (did you mean "${match}"?)`;
}
