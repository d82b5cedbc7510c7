/** The CLI's words for each typed schedule problem: the flags to give or change. */
import { describe, expect, it } from 'vitest';
import { runInputIssue } from '../../pipeline/index.js';
import type { ScheduleProblem } from '../../schedules/problems.js';
import { describeScheduleProblem } from './problems.js';

describe('schedule problems as flags', () => {
  it.each<[ScheduleProblem, string]>([
    [{ kind: 'noTarget' }, 'give --pipeline <file>, --workspace, --item and --job-type for a single job, or --operation for a Fabric long-running operation'],
    [{ kind: 'pipelineAndJob' }, 'give either --pipeline <file> or --workspace/--item/--job-type, not both'],
    [{ kind: 'paramsWithoutPipeline' }, '--param applies to pipeline schedules only (give --pipeline <file>)'],
    [{ kind: 'missingJobFields', fields: ['workspaceId', 'jobType'], newSchedule: true }, 'a single-job schedule needs --workspace, --job-type (or use --pipeline <file>)'],
    [{ kind: 'missingJobFields', fields: ['itemId'], newSchedule: false }, 'a single-job schedule needs --item'],
    [{ kind: 'jobTemplate', field: 'executionData', expression: 'params.x' }, '--execution-data: {{ params.x }} is not available in a single-job schedule; only {{ logicalDate }} is'],
    [{ kind: 'jobTemplate', field: 'executionData', error: 'unterminated template "{{ a"' }, '--execution-data: unterminated template "{{ a"'],
    [{ kind: 'pipeline', source: 'p.yaml', issue: runInputIssue({ kind: 'unknownParam', name: 'regoin', hint: ' (did you mean "region"?)' }) }, 'p.yaml: --param regoin: unknown param (did you mean "region"?)'],
    [{ kind: 'pipeline', source: 'p.yaml', issue: { path: ['steps', 0, 'item'], message: 'not a UUID: "x"', line: 7 } }, 'p.yaml: steps[0].item: not a UUID: "x" (line 7)'],
    [{ kind: 'noTiming' }, 'give --cron "<expression>" or --every <duration>'],
    [{ kind: 'operation', problem: { field: 'tableName', message: 'required' } }, '--operation: tableName: required'],
    [{ kind: 'operationAndOther' }, 'an operation schedule runs the --operation given, alone: give --operation again to change it (not with --pipeline, --param or job flags)'],
    [
      { kind: 'dateTooCoarse', timing: { kind: 'cron', expression: '0 */6 * * *' }, firesPerDay: 4 },
      '--cron "0 */6 * * *" fires 4 times a day, but the logical date (yyyy-mm-dd) allows one run per day: every further run of a day would be a duplicate and be skipped; add --logical-date-format datetime',
    ],
  ])('%j', (problem, words) => {
    expect(describeScheduleProblem(problem)).toBe(words);
  });

  it('an interval shorter than a day', () => {
    expect(describeScheduleProblem({ kind: 'dateTooCoarse', timing: { kind: 'every', everyMs: 3_600_000 } })).toMatch(/^--every is shorter than a day, .* add --logical-date-format datetime$/);
  });
});
