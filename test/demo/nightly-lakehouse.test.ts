/**
 * The demo runs the example nightly lakehouse pipeline (load table → SQL endpoint metadata refresh →
 * semantic model refresh) against the emulator: two Fabric long-running operations and a Power BI
 * refresh, all on the emulator, and nothing left running afterwards.
 */
import { describe, expect, it } from 'vitest';
import { demoLauncher, leftovers } from './demo-process.js';

const demo = demoLauncher();

describe('npm run demo -- --pipeline examples/pipelines/nightly-lakehouse.yaml', () => {
  it('completes the three steps and stops everything', { timeout: 300_000 }, async () => {
    const run = demo(['--pipeline', 'examples/pipelines/nightly-lakehouse.yaml', '--json']);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { status: string; steps: { id: string; status: string; jobInstanceId: string }[] };
    expect(json.status).toBe('Completed');
    expect(json.steps.map((s) => [s.id, s.status])).toEqual([['load-sales', 'completed'], ['sync-sql-endpoint', 'completed'], ['refresh-model', 'completed']]);
    for (const step of json.steps) expect(step.jobInstanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await leftovers(run.marker)).toEqual([]);
  });
});
