/** One pipeline file for several environments: `environments:`, `--env`, `--values`, `{{ env.X }}`. */
import { describe, expect, it } from 'vitest';
import { parsePipelineText, resolvePipeline, type PipelineIssue } from '../../src/pipeline/index.js';

const DEV = '11111111-1111-4111-8111-111111111111';
const PROD = '22222222-2222-4222-8222-222222222222';
const ITEM = '33333333-3333-4333-8333-333333333333';

const FILE = `
name: envs
workspace: "{{ env.workspace }}"
params: { region: emea, days: 1 }
environments:
  dev:  { workspace: ${DEV}, label: dev, retries: 1 }
  prod: { workspace: ${PROD}, label: prod, retries: 3, params: { region: apac } }
steps:
  - id: a
    item: ${ITEM}
    jobType: RunNotebook
    executionData: { label: "run in {{ env.label }}", retries: "{{ env.retries }}", region: "{{ params.region }}" }
`;

function problems(text: string, selection = {}): string[] {
  try {
    parsePipelineText(text, 'f.yaml', selection);
  } catch (error) {
    return (error as { issues: PipelineIssue[] }).issues.map((i) => i.message);
  }
  return [];
}

describe('pipeline environments', () => {
  it('renders {{ env.X }} from the selected environment (typed when alone) and applies its params', () => {
    const prod = parsePipelineText(FILE, 'f.yaml', { env: 'prod' });
    expect(prod.env).toBe('prod');
    const input = resolvePipeline(prod.pipeline);
    expect(input.steps[0]).toMatchObject({ workspaceId: PROD, executionData: { label: 'run in prod', retries: 3, region: '{{ params.region }}' } });
    expect(input.params).toEqual({ region: 'apac', days: 1 });
    const dev = resolvePipeline(parsePipelineText(FILE, 'f.yaml', { env: 'dev' }).pipeline);
    expect(dev.steps[0]).toMatchObject({ workspaceId: DEV, executionData: { label: 'run in dev' } });
    expect(dev.params?.region).toBe('emea');
  });

  it('takes values from a values file, over the environment', () => {
    const input = resolvePipeline(parsePipelineText(FILE, 'f.yaml', { env: 'dev', values: { label: 'qa', params: { days: 7 } } }).pipeline);
    expect(input.steps[0]).toMatchObject({ workspaceId: DEV, executionData: { label: 'run in qa' } });
    expect(input.params?.days).toBe(7);
    const only = resolvePipeline(parsePipelineText(FILE, 'f.yaml', { values: { workspace: PROD, label: 'x', retries: 0 } }).pipeline);
    expect(only.steps[0]!.workspaceId).toBe(PROD);
  });

  it('without a selection, checks that every environment defines what the file reads', () => {
    expect(problems(FILE)).toEqual([]);
    const missing = FILE.replace(`prod: { workspace: ${PROD}, label: prod,`, `prod: { workspace: ${PROD}, lable: prod,`);
    expect(problems(missing)).toEqual(['{{ env.label }}: not defined in environment prod (did you mean "lable"?)']);
    expect(problems('name: x\nworkspace: "{{ env.ws }}"\nsteps: [{ id: a, item: ' + ITEM + ', jobType: X }]')).toEqual([
      '{{ env.ws }}: the file declares no environments; add an "environments:" block, or give the values with --values FILE',
    ]);
  });

  it('gives one clear message per bad selection or value', () => {
    expect(problems(FILE, { env: 'prd' })).toEqual(['--env "prd": unknown environment (did you mean "prod"?)']);
    expect(problems(FILE, { env: 'qa' })).toEqual(['--env "qa": unknown environment (declared: dev, prod)']);
    expect(problems(FILE, { values: { workspace: PROD, label: 'x' }, valuesSource: 'v.yaml' })).toEqual(['{{ env.retries }}: not defined in v.yaml']);
    expect(problems(FILE, { env: 'dev', values: { params: { regoin: 'x' } }, valuesSource: 'v.yaml' })).toEqual([
      'environment "dev" or v.yaml: params.regoin: unknown param (did you mean "region"?)',
    ]);
    expect(problems(FILE, { values: { workspace: { nested: true } }, valuesSource: 'v.yaml' })[0]).toBe('v.yaml: workspace: must be a string, a number or a boolean');
    expect(problems(FILE.replace('dev:  {', 'dev:  { bad key: 1,'))).toContain('value names must start with a letter or "_" and hold only letters, digits, "_" and "-"');
  });
});
