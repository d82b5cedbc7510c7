import { describe, expect, it } from 'vitest';
import type { PipelineOutcome } from '../commands/pipeline/outcome.js';
import { printResult, webUiLinks, type DemoIo } from './report.js';

function io(tty: boolean): DemoIo & { out: () => string } {
  let stdout = '';
  return { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, stderrIsTTY: tty, stdoutIsTTY: tty, out: () => stdout };
}

const outcome: PipelineOutcome = {
  json: { workflowId: 'pipeline-demo-1a2b3c4d', runId: 'r1', status: 'Completed', steps: [] },
  progress: {
    name: 'demo',
    status: 'completed',
    logicalDate: '2024-05-01',
    startedAt: '2024-05-01T00:00:00.000Z',
    endedAt: '2024-05-01T00:00:10.000Z',
    failureMessage: null,
    steps: [],
  } as unknown as PipelineOutcome['progress'],
  failureMessage: null,
};

describe('demo report', () => {
  it('Web UI links: the namespace list and the run page, ids encoded', () => {
    expect(webUiLinks('http://127.0.0.1:8233', 'default', 'a/b', 'r 1')).toEqual({
      workflows: 'http://127.0.0.1:8233/namespaces/default/workflows',
      run: 'http://127.0.0.1:8233/namespaces/default/workflows/a%2Fb/r%201/history',
    });
  });

  it('--json: one object with the pipeline result and the links', () => {
    const out = io(false);
    printResult(out, outcome, webUiLinks('http://ui', 'default', 'pipeline-demo-1a2b3c4d', 'r1'), true);
    expect(JSON.parse(out.out())).toEqual({ ...outcome.json, webUi: 'http://ui/namespaces/default/workflows', workflowUrl: 'http://ui/namespaces/default/workflows/pipeline-demo-1a2b3c4d/r1/history' });
  });

  it('human: the steps table unless the live one is on the same terminal, the summary and the links', () => {
    const links = webUiLinks('http://ui', 'default', 'pipeline-demo-1a2b3c4d', 'r1');
    const plain = io(false);
    printResult(plain, outcome, links, false);
    expect(plain.out()).toContain('STEP');
    expect(plain.out()).toContain('Completed: pipeline demo (workflow pipeline-demo-1a2b3c4d)');
    expect(plain.out()).toContain('This run:        http://ui/namespaces/default/workflows/pipeline-demo-1a2b3c4d/r1/history\n');
    const tty = io(true);
    printResult(tty, outcome, links, false);
    expect(tty.out()).not.toContain('STEP');
    expect(tty.out()).toMatch(/^Completed: pipeline demo/);
  });
});
