import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChoice, parseCount, parseJobType, parseUuid, parseWorkflowId } from './ids.js';
import { parseJsonObject } from './json-input.js';
import { parseJobFlags } from './job-options.js';
import { problemsThrown } from '../../../test/helpers/problems.js';

const problemsOf = (fn: () => unknown): readonly string[] => problemsThrown(fn, 'UsageError');

const dir = mkdtempSync(join(tmpdir(), 'cli-inputs-'));
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('ids', () => {
  it('accepts UUIDs in any case and normalises them to lower case', () => {
    expect(parseUuid('--item', ` ${UUID.toUpperCase()} `)).toBe(UUID);
  });

  it.each(['', 'abc', `${UUID}x`, '0f8fad5b-d9cb-469f-a165-70867728950'])('rejects UUID %j', (text) => {
    const [problem] = problemsOf(() => parseUuid('--workspace', text));
    expect(problem).toContain(`--workspace ${JSON.stringify(text)}: not a UUID`);
  });

  it('checks job types, workflow ids, choices and counts', () => {
    expect(parseJobType('--job-type', 'RunNotebook')).toBe('RunNotebook');
    expect(problemsOf(() => parseJobType('--job-type', 'Run Notebook'))[0]).toContain('e.g. RunNotebook');
    expect(problemsOf(() => parseJobType('--job-type', ''))[0]).toContain('not a job type');
    expect(parseWorkflowId('--workflow-id', ' nightly-2024 ')).toBe('nightly-2024');
    expect(problemsOf(() => parseWorkflowId('--workflow-id', '  '))[0]).toContain('not a workflow id');
    expect(parseChoice('--route', 'path', ['query', 'path'])).toBe('path');
    expect(problemsOf(() => parseChoice('--route', 'body', ['query', 'path']))[0]).toBe('--route "body": must be one of query, path');
    expect(parseCount('--limit', '20', 1, 1000)).toBe(20);
    expect(problemsOf(() => parseCount('--limit', '0', 1, 1000))[0]).toContain('from 1 to 1000');
    expect(problemsOf(() => parseCount('--limit', '2.5', 1, 1000))[0]).toContain('whole number');
  });
});

describe('JSON input', () => {
  it('parses inline objects and @file objects', () => {
    expect(parseJsonObject('--execution-data', '{"parameters":{"a":{"value":"1","type":"string"}}}')).toEqual({
      parameters: { a: { value: '1', type: 'string' } },
    });
    const file = join(dir, 'data.json');
    writeFileSync(file, '{ "tableName": "sales" }');
    expect(parseJsonObject('--execution-data', `@${file}`)).toEqual({ tableName: 'sales' });
  });

  it('names the parse failure', () => {
    const [problem] = problemsOf(() => parseJsonObject('--execution-data', '{bad'));
    expect(problem).toMatch(/^--execution-data "\{bad": not valid JSON \(.+\)$/);
    const file = join(dir, 'bad.json');
    writeFileSync(file, '[1,');
    expect(problemsOf(() => parseJsonObject('--execution-data', `@${file}`))[0]).toContain(`--execution-data file ${file}: not valid JSON`);
  });

  it('reports a missing file', () => {
    const missing = join(dir, 'missing.json');
    expect(problemsOf(() => parseJsonObject('--execution-data', `@${missing}`))[0]).toBe(
      `--execution-data ${JSON.stringify(`@${missing}`)}: cannot read ${missing}: no such file`,
    );
  });

  it.each([
    ['[1]', 'an array'],
    ['null', 'null'],
    ['"text"', 'a string'],
    ['42', 'a number'],
  ])('executionData %s is refused as %s', (text, what) => {
    expect(problemsOf(() => parseJsonObject('--execution-data', text))[0]).toContain(`must be a JSON object like {"parameters": {...}}, got ${what}`);
  });

  it('parses job parameters and names every bad entry in one message (the job table\'s rule)', () => {
    const good = '[{"name":"p","type":"Text","value":"x"},{"name":"n","type":"Integer","value":3}]';
    expect(parseJobFlags({ parameters: good }, { partial: true }).parameters).toHaveLength(2);
    expect(problemsOf(() => parseJobFlags({ parameters: '{"name":"p"}' }, { partial: true }))[0]).toContain('must be a JSON array');
    const text = '[1, {"name":"p","value":1}, {"name":"ok","type":"Text","value":null}, {"name":" ","type":"Text","value":1}]';
    expect(problemsOf(() => parseJobFlags({ parameters: text }, { partial: true }))).toEqual([
      `--parameters ${JSON.stringify(text)}: entry 0 must be an object with "name", "type" and "value", got a number; ` +
        'entry 1 needs a non-empty string "name", a non-empty string "type" (e.g. Text, Integer, Boolean) and a "value"; ' +
        'entry 3 needs a non-empty string "name", a non-empty string "type" (e.g. Text, Integer, Boolean) and a "value"',
    ]);
  });
});
