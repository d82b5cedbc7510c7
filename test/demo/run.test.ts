/**
 * `npm run demo` as a user runs it: a real Temporal dev server, the emulator and a worker as real
 * processes; the demo pipeline completes; nothing is left running; a second run right after works.
 */
import { describe, expect, it } from 'vitest';
import { cleanEnv, jsonOf, runCli } from '../cli/process.js';
import { demoLauncher, leftovers } from './demo-process.js';

const STEPS = ['load-orders', 'load-customers', 'join', 'optimize', 'report'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const demo = demoLauncher();

describe('npm run demo', () => {
  it('runs the demo pipeline to completion and stops everything; a second run right after does too', { timeout: 480_000 }, async () => {
    const first = demo(['--json'], { launcher: 'npm' });
    await first.waitFor(/Started pipeline demo/);
    const tree = first.descendants().map((p) => p.command);
    expect(tree.some((command) => command.includes('temporal server start-dev') && command.includes('--ui-port'))).toBe(true);
    expect(tree.some((command) => command.includes('src/emulator/main.ts'))).toBe(true);

    const result = await first.done;
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      workflowId: string;
      runId: string;
      status: string;
      steps: { id: string; status: string; jobInstanceId: string }[];
      webUi: string;
      workflowUrl: string;
    };
    expect(json.status).toBe('Completed');
    expect(json.steps.map((step) => [step.id, step.status])).toEqual(STEPS.map((id) => [id, 'completed']));
    for (const step of json.steps) expect(step.jobInstanceId).toMatch(UUID);
    expect(json.webUi).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/namespaces\/default\/workflows$/);
    expect(json.workflowUrl).toBe(`${json.webUi}/${json.workflowId}/${json.runId}/history`);
    expect(result.stderr).toContain('Stopped.');
    expect(await leftovers(first.marker)).toEqual([]);

    const second = demo([]);
    const again = await second.done;
    expect(again.code, again.stderr).toBe(0);
    for (const id of STEPS) expect(again.stdout).toMatch(new RegExp(`^  ${id} +completed +1 +[0-9a-f-]{36} `, 'm'));
    expect(again.stdout).toMatch(/^Completed: pipeline demo \(workflow pipeline-demo-[0-9a-f]{8}\); steps: 5 completed$/m);
    expect(again.stdout).toMatch(/^Temporal Web UI: http:\/\/127\.0\.0\.1:\d+\/namespaces\/default\/workflows$/m);
    expect(again.stdout).toMatch(/^This run: +http:\/\/127\.0\.0\.1:\d+\/namespaces\/default\/workflows\/pipeline-demo-[0-9a-f]{8}\/[0-9a-f-]{36}\/history$/m);
    // Plain progress lines (not a terminal), and the faults the scenario injects, handled.
    expect(again.stderr).toMatch(/^\[\d+s\] join: completed \(job [0-9a-f-]{36}\)$/m);
    expect(again.stderr).toMatch(/^worker: load-customers: runJob attempt 1 failed, retrying: .*HTTP 503/m);
    expect(again.stderr).toMatch(/^worker: join: getJobStatus attempt 1 failed, retrying: .*HTTP 429/m);
    expect(again.stderr).toMatch(/^worker: report: Fabric refused to start the job for capacity \(1 time\); sending it again in \d+ s/m);
    expect(await leftovers(second.marker)).toEqual([]);
  });

  it('--keep-running: the Web UI shows the run and the emulator ran one job per step, until Ctrl-C', { timeout: 240_000 }, async () => {
    const run = demo(['--keep-running']);
    await run.waitFor(/Press Ctrl-C to stop everything\./);
    const output = run.output();
    const [, webUi, workflowId] = output.match(/ {2}Temporal Web UI +(http:\/\/127\.0\.0\.1:\d+)\/namespaces\/default\/workflows\/(pipeline-demo-[0-9a-f]{8})\//)!;
    const [, jobsUrl] = output.match(/its jobs: (http:\/\/\S+)/)!;

    const described = (await (await fetch(`${webUi}/api/v1/namespaces/default/workflows/${workflowId}`)).json()) as {
      workflowExecutionInfo: { type: { name: string }; status: string };
    };
    expect(described.workflowExecutionInfo.type.name).toBe('fabricPipeline');
    expect(described.workflowExecutionInfo.status).toBe('WORKFLOW_EXECUTION_STATUS_COMPLETED');
    const jobs = ((await (await fetch(jobsUrl!)).json()) as { value: { itemId: string; status: string }[] }).value;
    // Five steps, five items, one job each: the 503 on a start did not start a second job.
    expect(jobs).toHaveLength(5);
    expect(new Set(jobs.map((job) => job.itemId)).size).toBe(5);
    expect(jobs.every((job) => job.status === 'Completed')).toBe(true);

    // The web view is up beside the Web UI and shows the pipeline's graph.
    const [, viewUrl] = output.match(/ {2}fabric-temporal ui +(http:\/\/127\.0\.0\.1:\d+\/)/)!;
    const view = await fetch(`${viewUrl}pipeline/${encodeURIComponent(workflowId!)}`);
    expect(view.status).toBe(200);
    expect((await view.text()).match(/<g class="node" data-step="[^"]+" data-state="completed"/g)).toHaveLength(5);

    // A second terminal: the printed settings are all the CLI needs, and the sample catalog's names work.
    const exported = output.match(/^ {2}export (.+)$/m)![1]!;
    const stackEnv = Object.fromEntries(exported.split(' ').map((pair) => pair.split('=') as [string, string]));
    expect(Object.keys(stackEnv)).toEqual(['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'FABRIC_TASK_QUEUE', 'FABRIC_API_URL', 'FABRIC_AUTH', 'FABRIC_TOKEN']);
    const byName = await runCli(['run', '--workspace', 'Sales Prod', '--item', 'Join.Notebook', '--json'], cleanEnv(stackEnv));
    expect(byName.code, byName.stderr).toBe(0);
    expect(jsonOf(byName)).toMatchObject({ status: 'Completed', jobType: 'RunNotebook', itemId: '71d671cd-52ab-4a67-b501-45a53eade486' });
    const listed = jsonOf(await runCli(['list', '--json'], cleanEnv(stackEnv))).workflows as { workflowId: string }[];
    expect(listed.map((w) => w.workflowId)).toContain(workflowId);
    const items = await runCli(['items', '--workspace', 'Sales Dev', '--json'], cleanEnv(stackEnv));
    expect(items.code, items.stderr).toBe(0);

    process.kill(-run.pid, 'SIGINT'); // Ctrl-C in a terminal: the whole foreground group
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0); // the pipeline had completed
    expect(result.stderr).toContain('SIGINT received: stopping everything');
    expect(result.stderr).toContain('Stopped.');
    expect(await leftovers(run.marker)).toEqual([]);
  });
});
