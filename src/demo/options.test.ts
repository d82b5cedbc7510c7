import { describe, expect, it } from 'vitest';
import { DEMO_PIPELINE, parseDemoArgs } from './options.js';

describe('demo flags', () => {
  it('defaults: the demo pipeline, stop after the run, human output', () => {
    expect(parseDemoArgs([], {})).toEqual({ keepRunning: false, pipelineFile: DEMO_PIPELINE, json: false });
    expect(DEMO_PIPELINE).toMatch(/examples\/pipelines\/demo\.yaml$/);
  });

  it('--keep-running, --pipeline <file>, --json, --help', () => {
    expect(parseDemoArgs(['--keep-running', '--pipeline', 'p.yaml', '--json'], {})).toEqual({ keepRunning: true, pipelineFile: 'p.yaml', json: true });
    expect(parseDemoArgs(['--pipeline=q.json'], {})).toMatchObject({ pipelineFile: 'q.json' });
    expect(parseDemoArgs(['-h'])).toBe('help');
  });

  it('a relative --pipeline is taken from where `npm run` was typed (INIT_CWD)', () => {
    const here = process.cwd();
    expect(parseDemoArgs(['--pipeline', 'p.yaml'], { INIT_CWD: `${here}/examples` })).toMatchObject({ pipelineFile: 'examples/p.yaml' });
    expect(parseDemoArgs(['--pipeline', 'p.yaml'], { INIT_CWD: here })).toMatchObject({ pipelineFile: 'p.yaml' });
    expect(parseDemoArgs(['--pipeline', '/abs/p.yaml'], { INIT_CWD: '/elsewhere' })).toMatchObject({ pipelineFile: '/abs/p.yaml' });
    expect(parseDemoArgs(['--pipeline', 'p.yaml'], {})).toMatchObject({ pipelineFile: 'p.yaml' });
  });

  it('refuses unknown flags, positionals and a missing or empty file name, naming the options', () => {
    const options = '(options: --keep-running, --pipeline <file>, --json, --help)';
    expect(() => parseDemoArgs(['--keep'])).toThrow(`Unknown option '--keep' ${options}`);
    expect(() => parseDemoArgs(['demo.yaml'])).toThrow(/Unexpected argument 'demo.yaml'/);
    expect(() => parseDemoArgs(['--pipeline'])).toThrow(/argument missing/);
    expect(() => parseDemoArgs(['--pipeline', ''])).toThrow('--pipeline needs a file name');
    try {
      parseDemoArgs(['--json=yes']);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('DemoUsageError');
    }
  });
});
