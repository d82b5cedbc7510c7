/**
 * Bad-input corpus, pipeline files: every problem is reported with its place in the file (path and
 * line), exit 2, and no pipeline is started.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ITEM, WS, startCorpus } from './harness.js';
import type { BadInput, Corpus } from './harness.js';

const head = `name: p\nworkspace: ${WS}\n`;
const step = (id: string, extra = '') => `  - id: ${id}\n    item: ${ITEM}\n    jobType: RunNotebook\n${extra}`;

const FILES: Record<string, string> = {
  'typo.yaml': `${head}steps:\n${step('a', '    need: [b]\n')}`,
  'dup.yaml': `${head}steps:\n${step('a')}${step('a')}`,
  'ghost.yaml': `${head}steps:\n${step('a', '    needs: [ghost]\n')}`,
  'cycle.yaml': `${head}steps:\n${step('a', '    needs: [b]\n')}${step('b', '    needs: [a]\n')}`,
  'duration.yaml': `${head}steps:\n${step('a', '    timeout: 90\n')}`,
  'template.yaml': `${head}steps:\n${step('a', '    executionData: { x: "{{ params.nope }}" }\n')}`,
  'workspace.yaml': `name: p\nworkspace: not/a/uuid\nsteps:\n${step('a')}`,
  'route.yaml': `${head}steps:\n${step('a', '    route: body\n')}`,
  'compensate.yaml': `${head}steps:\n${step('a', `    compensate: { item: ${ITEM}, jobType: RunNotebook, onDeduped: ignore }\n`)}`,
  'syntax.yaml': `${head}steps:\n${step('a')}   bad-indent: [\n`,
  'empty.yaml': `${head}steps: []\n`,
  'parallel.yaml': `${head}maxParallel: 0\nsteps:\n${step('a')}`,
  'params.yaml': `${head}params: { days: 1, target: null }\nsteps:\n${step('a')}`,
  'bad.json': `{ "name": "p", "workspace": "${WS}", "steps": [ { "id": "a", "item": "${ITEM}", "jobType": "RunNotebook" }\n`,
};

const validate = (file: string): string[] => ['pipeline', 'validate', `{dir}/${file}`];

const cases: BadInput[] = [
  { name: 'file that does not exist', args: validate('missing.yaml'), exit: 2, mentions: ['missing.yaml', 'cannot read the file: no such file'] },
  { name: 'misspelt field', args: validate('typo.yaml'), exit: 2, mentions: ['steps[0].need: unknown field (did you mean "needs"?) (line 7)'] },
  { name: 'duplicate step id', args: validate('dup.yaml'), exit: 2, mentions: ['duplicate step id "a"', '(line 7)'] },
  { name: 'needs an unknown step', args: validate('ghost.yaml'), exit: 2, mentions: ['steps[0].needs[0]: unknown step "ghost"'] },
  { name: 'cycle', args: validate('cycle.yaml'), exit: 2, mentions: ['cycle: a → b → a'] },
  { name: 'duration without a unit', args: validate('duration.yaml'), exit: 2, mentions: ['steps[0].timeout: not a duration (a plain number has no unit: write 90s or 90ms)', 'ms, s, m, h, d', '(got 90) (line 7)'] },
  { name: 'template naming an unknown param', args: validate('template.yaml'), exit: 2, mentions: ['steps[0].executionData.x: unknown param "nope"'] },
  { name: 'workspace that is a path', args: validate('workspace.yaml'), exit: 2, mentions: ['workspace: a workspace is a name or an id, not a path', '(got "not/a/uuid") (line 2)'] },
  { name: 'step with an unknown run route', args: validate('route.yaml'), exit: 2, mentions: ['steps[0].route: must be one of query, path, notebook (got "body") (line 7)'] },
  { name: 'compensation with an unknown onDeduped', args: validate('compensate.yaml'), exit: 2, mentions: ['steps[0].compensate.onDeduped: must be one of fail, succeed (got "ignore") (line 7)'] },
  { name: 'YAML syntax error', args: validate('syntax.yaml'), exit: 2, mentions: ['syntax error at line 7'] },
  { name: 'JSON that is cut short', args: validate('bad.json'), exit: 2, mentions: ['bad.json', 'syntax error at line'] },
  { name: 'no steps', args: validate('empty.yaml'), exit: 2, mentions: ['steps: a pipeline needs at least one step'] },
  { name: 'maxParallel 0', args: validate('parallel.yaml'), exit: 2, mentions: ['maxParallel: must be at least 1'] },
  {
    name: 'unknown --param and a required param left out',
    args: ['pipeline', 'run', '{dir}/params.yaml', '--param', 'unknown=1'],
    exit: 2,
    mentions: ['--param unknown: unknown param (declared: days, target)', 'params.target: required: pass --param target=VALUE'],
  },
  { name: '--param of the wrong type', args: ['pipeline', 'start', '{dir}/params.yaml', '--param', 'days=three', '--param', 'target=x'], exit: 2, mentions: ['--param days=three: expected a number, like the default 1'] },
  {
    name: 'logical date that is not a date',
    args: ['pipeline', 'run', '{dir}/params.yaml', '--param', 'target=x', '--logical-date', '2024-13-01'],
    exit: 2,
    mentions: ['--logical-date', '2024-13-01'],
  },
];

let corpus: Corpus;
beforeAll(async () => {
  corpus = await startCorpus();
  for (const [name, text] of Object.entries(FILES)) corpus.file(name, text);
});
afterAll(async () => {
  await corpus?.close();
});

describe.concurrent('bad pipeline files', () => {
  it.each(cases)('$name', async (c) => {
    await corpus.check(c, await corpus.run(c));
  });
});
