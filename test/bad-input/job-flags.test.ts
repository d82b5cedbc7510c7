/**
 * Bad-input corpus, job commands (run, start, status, list, and the program itself): each bad flag
 * is one clear message naming the value and what is allowed, exit 2, and nothing reaches Temporal.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ITEM, JOB, WS, startCorpus } from './harness.js';
import type { BadInput, Corpus } from './harness.js';

const cases: BadInput[] = [
  { name: 'workspace that is a path', args: ['run', '--workspace', 'ws/1', '--item', ITEM, '--job-type', 'RunNotebook'], exit: 2, mentions: ['--workspace "ws/1"', 'a workspace is a name or an id, not a path'] },
  { name: 'item name without its type', args: ['start', '--workspace', WS, '--item', 'notebook-7', '--job-type', 'RunNotebook'], exit: 2, mentions: ['--item "notebook-7"', 'add the item type after a dot, e.g. "notebook-7.Notebook"'] },
  { name: 'item path with three parts', args: ['start', '--item', 'Sales.Workspace/f/x.Notebook'], exit: 2, mentions: ['a path has two parts'] },
  { name: 'item type suffix unknown', args: ['start', '--workspace', WS, '--item', 'Load.Notbook'], exit: 2, mentions: ['unknown item type "Notbook" (did you mean Notebook?)'] },
  {
    name: 'two bad ids are both reported',
    args: ['start', '--workspace', 'bad/1', '--item', 'bad2', '--job-type', 'RunNotebook'],
    exit: 2,
    mentions: ['--workspace "bad/1"', '--item "bad2"'],
  },
  { name: 'job type with a space', args: ['run', '--workspace', WS, '--item', ITEM, '--job-type', 'Run Notebook'], exit: 2, mentions: ['--job-type "Run Notebook"', 'letters, digits, _ . -'] },
  { name: 'executionData that is not JSON', args: ['run', ...JOB, '--execution-data', '{bad'], exit: 2, mentions: ['--execution-data "{bad"', 'not valid JSON'] },
  { name: 'executionData that is an array', args: ['run', ...JOB, '--execution-data', '[1,2]'], exit: 2, mentions: ['--execution-data', 'must be a JSON object', 'got an array'] },
  { name: 'executionData from a missing file', args: ['run', ...JOB, '--execution-data', '@{dir}/nope.json'], exit: 2, mentions: ['nope.json', 'no such file'] },
  { name: 'parameters that are an object', args: ['start', ...JOB, '--parameters', '{"a":1}'], exit: 2, mentions: ['--parameters', 'must be a JSON array', 'got an object'] },
  { name: 'parameter without a type', args: ['start', ...JOB, '--parameters', '[{"name":"x"}]'], exit: 2, mentions: ['--parameters "[{\\"name\\":\\"x\\"}]": entry 0 needs', 'a non-empty string "type"'] },
  { name: 'timeout without a unit', args: ['run', ...JOB, '--timeout', '90'], exit: 2, mentions: ['--timeout "90"', 'write 90s or 90ms', 'ms, s, m, h, d'] },
  { name: 'zero timeout', args: ['run', ...JOB, '--timeout', '0s'], exit: 2, mentions: ['--timeout "0s"', 'must be longer than 0'] },
  { name: 'poll minimum above the maximum', args: ['run', ...JOB, '--poll-min', '10m', '--poll-max', '1m'], exit: 2, mentions: ['--poll-min "10m" --poll-max "1m": min 10m is longer than max 1m', 'must not exceed'] },
  { name: 'poll fallback without a unit', args: ['start', ...JOB, '--poll-fallback', '30'], exit: 2, mentions: ['--poll-fallback "30"', 'write 30s or 30ms'] },
  { name: 'unknown onDeduped choice', args: ['run', ...JOB, '--on-deduped', 'ignore'], exit: 2, mentions: ['--on-deduped "ignore"', 'one of fail, succeed'] },
  { name: 'unknown route', args: ['start', ...JOB, '--route', 'body'], exit: 2, mentions: ['--route "body"', 'one of query, path'] },
  { name: 'empty workflow id', args: ['start', ...JOB, '--workflow-id', ''], exit: 2, mentions: ['--workflow-id ""', '1 to 1000 printable characters'] },
  { name: 'missing required flag', args: ['run', '--workspace', WS, '--job-type', 'RunNotebook'], exit: 2, mentions: ["'--item <ref>' not specified"] },
  { name: 'unknown flag', args: ['run', ...JOB, '--frobnicate'], exit: 2, mentions: ["unknown option '--frobnicate'"] },
  { name: 'unknown command', args: ['frobnicate'], exit: 2, mentions: ["unknown command 'frobnicate'"] },
  { name: 'list limit out of range', args: ['list', '--limit', '5000'], exit: 2, mentions: ['--limit "5000"', 'from 1 to 1000'] },
  { name: 'status without a workflow id', args: ['status'], exit: 2, mentions: ["missing required argument 'workflowId'"] },
  {
    name: 'bad flags win over a bad configuration',
    args: ['run', '--workspace', 'bad/1', '--item', ITEM, '--job-type', 'RunNotebook'],
    env: { TEMPORAL_ADDRESS: 'http://localhost:7233' },
    exit: 2,
    mentions: ['--workspace "bad/1"'],
  },
];

let corpus: Corpus;
beforeAll(async () => {
  corpus = await startCorpus();
});
afterAll(async () => {
  await corpus?.close();
});

describe.concurrent('bad job flags', () => {
  it.each(cases)('$name', async (c) => {
    await corpus.check(c, await corpus.run(c));
  });
});
