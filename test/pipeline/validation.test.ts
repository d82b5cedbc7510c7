/**
 * The validation corpus: every file under test/pipeline/invalid/ must fail with exactly the
 * messages of its sibling `.expected.txt`; every example under examples/pipelines/ must validate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadPipelineFile, parsePipelineText, PipelineValidationError, resolvePipeline } from '../../src/pipeline/index.js';

const invalidDir = fileURLToPath(new URL('./invalid/', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../examples/pipelines/', import.meta.url));
const pipelineFiles = (dir: string) => readdirSync(dir).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();

async function problems(path: string): Promise<string[]> {
  const error = await loadPipelineFile(path).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(PipelineValidationError);
  return (error as PipelineValidationError).issues.map(formatIssue);
}

describe('invalid pipeline files', () => {
  const files = pipelineFiles(invalidDir);

  it('has a broad corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s reports exactly its expected problems', async (name) => {
    const expected = readFileSync(join(invalidDir, name.replace(/\.(ya?ml|json)$/, '.expected.txt')), 'utf8').trim().split('\n');
    expect(await problems(join(invalidDir, name))).toEqual(expected);
  });
});

describe('example pipelines', () => {
  const files = pipelineFiles(examplesDir);

  it('include the demo pipeline', () => {
    expect(files).toContain('demo.yaml');
  });

  it.each(files)('%s validates and resolves', async (name) => {
    const { pipeline } = await loadPipelineFile(join(examplesDir, name));
    const required = Object.entries(pipeline.params ?? {}).filter(([, value]) => value === null);
    const params = Object.fromEntries(required.map(([key]) => [key, '4b218778-e7a5-4d73-8187-f10824047715']));
    const input = resolvePipeline(pipeline, { params, logicalDate: '2024-05-01' });
    expect(input.steps.map((step) => step.id)).toEqual(pipeline.steps.map((step) => step.id));
  });
});

describe('loading', () => {
  it('reports an unreadable file as a problem', async () => {
    expect(await problems(join(invalidDir, 'does-not-exist.yaml'))).toEqual(['cannot read the file: no such file']);
  });

  it('reports an empty document', () => {
    expect(() => parsePipelineText('# nothing here\n')).toThrow(/the file is empty/);
  });

  it('reads JSON and YAML into the same pipeline', () => {
    const yaml = parsePipelineText(
      'name: p\nworkspace: 4b218778-e7a5-4d73-8187-f10824047715\nsteps:\n  - { id: a, item: 431e8d7b-4a95-4c02-8ccd-6faef5ba1bd7, jobType: Pipeline }\n',
    );
    const json = parsePipelineText(
      JSON.stringify({ name: 'p', workspace: '4b218778-e7a5-4d73-8187-f10824047715', steps: [{ id: 'a', item: '431e8d7b-4a95-4c02-8ccd-6faef5ba1bd7', jobType: 'Pipeline' }] }),
    );
    expect(json.pipeline).toEqual(yaml.pipeline);
  });

  it('names the source and every problem in the error message', () => {
    const error = (() => {
      try {
        parsePipelineText('name: p\nsteps: []\nextra: 1\n', 'p.yaml');
      } catch (err) {
        return err as Error;
      }
    })();
    expect(error?.message).toBe('p.yaml: invalid pipeline (2 problems):\n  steps: a pipeline needs at least one step (line 2)\n  extra: unknown field (line 3)');
  });
});
