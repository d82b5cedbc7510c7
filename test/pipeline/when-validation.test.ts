/** Load-time checks of `when:` expressions (semantic part: syntax and references). */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/pipeline/index.js';
import { semanticIssues } from '../../src/pipeline/semantics.js';

const ws = '4b218778-e7a5-4d73-8187-f10824047715';
const item = '431e8d7b-4a95-4c02-8ccd-6faef5ba1bd7';

function problemsOf(when: string): string[] {
  const raw = {
    name: 'p',
    workspace: ws,
    params: { region: 'emea' },
    steps: [
      { id: 'extract', item, jobType: 'RunNotebook' },
      { id: 'load', needs: ['extract'], item, jobType: 'Pipeline' },
      { id: 'other', item, jobType: 'Pipeline' },
      { id: 'notify', needs: ['load'], item, jobType: 'RunNotebook', when },
    ],
  };
  return semanticIssues(raw).map(formatIssue);
}

describe('when: at load time', () => {
  it.each([
    "steps.load.status == 'Failed'",
    'steps.extract.exitValue.rows > 0 && params.region == "emea"',
    "steps.load.failureReason.errorCode in ['E1', 'E2'] or logicalDate > '2024-01-01'",
    'true',
  ])('accepts %s (upstream steps through needs, known params)', (when) => {
    expect(problemsOf(when)).toEqual([]);
  });

  it.each([
    ["steps.other.status == 'Failed'", 'steps[3].when: step "other" is not among the needs of "notify": add it to the needs of "notify" to read its output'],
    ["steps.nowhere.status == 'Failed'", 'steps[3].when: unknown step "nowhere"'],
    ['params.regoin == 1', 'steps[3].when: unknown param "regoin" (did you mean "region"?)'],
    ['steps.load.state == 1', 'steps[3].when: unknown step field "state" in "steps.load.state" (known: jobInstanceId, exitValue, status, startTimeUtc, endTimeUtc, failureReason)'],
    ['steps.load.status.x == 1', 'steps[3].when: "steps.load.status" has no fields (in "steps.load.status.x")'],
    ['env.HOME', 'steps[3].when: unknown variable "env.HOME" (known: params.NAME, logicalDate, steps.ID.FIELD with FIELD one of jobInstanceId, exitValue, status, startTimeUtc, endTimeUtc, failureReason)'],
    ["steps.load.status = 'Failed'", 'steps[3].when: invalid expression: unexpected character "=" (column 19)'],
  ])('refuses %s', (when, message) => {
    expect(problemsOf(when)).toEqual([message]);
  });
});
