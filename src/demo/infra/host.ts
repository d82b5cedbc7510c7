/**
 * The demo's infrastructure host: a child process that starts the Temporal dev server (with its
 * Web UI and the project's search attributes) and the Fabric emulator, reports over IPC, and stops
 * both when the demo disconnects (or dies: the channel closes with it) or sends SIGTERM.
 *
 * Running them here rather than in the demo's own process keeps their output off the demo's
 * stdout (the dev server writes a banner there) and guarantees no orphan: whatever happens to the
 * demo, this process sees the channel close and cleans up. Started by client.ts; not a user command.
 */
import { createServer, type AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalBinary } from '../../devserver/binaries.js';
import { startDevServer } from '../../devserver/start.js';
import { startEmulatorChild, type EmulatorChild } from './emulator-child.js';
import type { InfraHostArgs, InfraMessage } from './protocol.js';

/** Resolves once the message is handed over (or at once when the demo is already gone). */
function send(message: InfraMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

/** The SDK's start-up errors, said briefly. */
function devServerProblem(error: unknown): string {
  if ((error as Error | null)?.name === 'TemporalBinaryUnavailable') return oneLine(error).slice(0, 500);
  const message = oneLine(error).replace(/^Failed to start ephemeral server: /, '');
  const timeout = /did not start within (\S+?)\.? /.exec(message);
  if (timeout) return `it did not answer within ${timeout[1]}`;
  if (/download/i.test(message)) return `downloading the Temporal CLI failed (${message.slice(0, 200)})`;
  return message.slice(0, 300);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function parseHostArgs(argv: string[]): InfraHostArgs {
  const { values } = parseArgs({ args: argv, strict: true, options: { token: { type: 'string' }, 'scenario-file': { type: 'string' } } });
  if (!values.token || !values['scenario-file']) throw new Error('usage: host.ts --token T --scenario-file F');
  return { token: values.token, scenarioFile: values['scenario-file'] };
}

/** Resolves when the demo disconnects or a stop signal arrives. */
function stopRequested(): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) resolve();
    process.once('disconnect', () => resolve());
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
}

async function main(): Promise<number> {
  const args = parseHostArgs(process.argv.slice(2));
  let stopping = false;
  const stop = stopRequested().then(() => {
    stopping = true;
  });

  let env: TestWorkflowEnvironment;
  const uiPort = await freePort();
  try {
    env = await startDevServer({ uiPort, logLevel: 'error', notice: (line) => void send({ type: 'notice', message: line }) });
  } catch (error) {
    await send({ type: 'failed', component: 'temporal', message: devServerProblem(error) });
    return 3;
  }
  let emulator: EmulatorChild | undefined;
  try {
    if (!stopping) emulator = await startEmulatorChild({ token: args.token, scenarioFile: args.scenarioFile });
  } catch (error) {
    await send({ type: 'failed', component: 'emulator', message: oneLine(error) });
    await env.teardown().catch(() => undefined);
    return 3;
  }
  if (!stopping && emulator) {
    await send({
      type: 'ready',
      temporalAddress: env.address,
      webUiUrl: `http://127.0.0.1:${uiPort}`,
      temporalBinary: findTemporalBinary('temporal') ?? null,
      emulatorApiUrl: emulator.apiUrl,
    });
  }
  await stop;
  await emulator?.stop();
  await env.teardown().catch(() => undefined);
  await send({ type: 'stopped' });
  return 0;
}

// Quiet: problems are reported to the demo, which prints them. Signals are handled above.
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
process.exit(await main());
