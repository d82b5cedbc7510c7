/**
 * What the demo prints: where things run, the pipeline's result (the steps table and summary of
 * `pipeline run`, or its `--json` object plus the Web UI links) and the keep-running banner.
 */
import type { PipelineOutcome } from '../commands/pipeline/outcome.js';
import { summaryLine } from '../commands/pipeline/print.js';
import { progressTable } from '../commands/pipeline/progress-view.js';
import type { InfraReady } from './infra/protocol.js';

export interface DemoIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stderr is a terminal (the live table is redrawn in place there). */
  stderrIsTTY: boolean;
  /** Whether stdout is a terminal too (then the live table above is the result table). */
  stdoutIsTTY: boolean;
}

export interface WebUiLinks {
  /** The namespace's workflow list. */
  workflows: string;
  /** The pipeline run's page (its child workflows, one per step, are linked from it). */
  run: string;
}

export function webUiLinks(webUiUrl: string, namespace: string, workflowId: string, runId: string): WebUiLinks {
  const workflows = `${webUiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows`;
  return { workflows, run: `${workflows}/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history` };
}

export function info(io: DemoIo, line = ''): void {
  io.stderr.write(`${line}\n`);
}

/** The services once they are up. */
export function printInfrastructure(io: DemoIo, infra: InfraReady, taskQueue: string): void {
  info(io, `  Temporal dev server  ${infra.temporalAddress} (in memory)`);
  info(io, `  Temporal Web UI      ${infra.webUiUrl}`);
  info(io, `  Fabric emulator      ${infra.emulatorApiUrl}`);
  info(io, `  worker               task queue ${taskQueue}, in this process (FABRIC_AUTH=token)`);
}

/** The result: `--json` object on stdout, or the table (unless the live one is on screen), summary and links. */
export function printResult(io: DemoIo, outcome: PipelineOutcome, links: WebUiLinks, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ ...outcome.json, webUi: links.workflows, workflowUrl: links.run }, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  if (outcome.progress && !(io.stderrIsTTY && io.stdoutIsTTY)) lines.push(...progressTable(outcome.progress), '');
  lines.push(summaryLine(outcome), '', `Temporal Web UI: ${links.workflows}`, `This run:        ${links.run}`);
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** The settings a second terminal needs for the CLI (or another worker) to join the demo's stack. */
export function stackEnvironment(infra: InfraReady, taskQueue: string, namespace: string, emulatorToken: string): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    FABRIC_TASK_QUEUE: taskQueue,
    FABRIC_API_URL: infra.emulatorApiUrl,
    FABRIC_AUTH: 'token',
    FABRIC_TOKEN: emulatorToken,
  };
}

/** `--keep-running`: the environment for a second terminal, with commands to paste (printed once the stack is up). */
export function printSecondTerminal(io: DemoIo, env: Record<string, string>): void {
  info(io, 'In a second terminal, these settings point the CLI (and a second worker) at this stack:');
  info(io, `  export ${Object.entries(env).map(([key, value]) => `${key}=${value}`).join(' ')}`);
  info(io, '  npx fabric-temporal run --workspace "Sales Prod" --item "Join.Notebook"    # the emulator knows Sales Prod and Sales Dev');
  info(io, '  npx fabric-temporal pipeline run examples/pipelines/demo.yaml');
  info(io, '  npx fabric-temporal list');
}

/** `--keep-running`: what is up and how to stop it. */
export function printKeepRunning(io: DemoIo, infra: InfraReady, links: WebUiLinks | undefined, env: Record<string, string>, viewUrl?: string): void {
  const adminUrl = infra.emulatorApiUrl.replace(/\/v1$/, '/_emulator');
  info(io);
  info(io, 'Everything is still running, so you can explore:');
  info(io, `  Temporal Web UI      ${links?.run ?? infra.webUiUrl}`);
  if (viewUrl) info(io, `  fabric-temporal ui   ${viewUrl} (the pipelines' graphs, timelines and schedule grids)`);
  info(io, `  Temporal dev server  ${infra.temporalAddress}`);
  info(io, `  Fabric emulator      ${infra.emulatorApiUrl} (token ${env.FABRIC_TOKEN}); its jobs: ${adminUrl}/jobs (workspaces and items: ${adminUrl}/catalog)`);
  info(io, `  worker               in this process, task queue ${env.FABRIC_TASK_QUEUE}`);
  printSecondTerminal(io, env);
  info(io, 'Press Ctrl-C to stop everything.');
}
