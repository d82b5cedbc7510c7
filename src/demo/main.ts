/**
 * `npm run demo [-- --keep-running] [--pipeline <file>] [--json]`: a local Temporal dev server
 * with its Web UI, the Fabric emulator and a worker, running a pipeline of Fabric jobs end to end.
 * See docs/demo.md.
 */
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { entryPoint } from '../entry-point.js';
import { DEMO_USAGE, parseDemoArgs, type DemoOptions } from './options.js';
import { EXIT_DEMO, runDemo } from './run-demo.js';
import { listenForStopSignals } from './stop-signal.js';
import { WorkerLog } from './worker-log.js';

// The demo needs less than the package's engines (Node 22, for the Azure and HTTP libraries that
// only the worker against real Fabric uses): what the Temporal SDK needs.
entryPoint({ program: 'fabric-temporal demo', usage: DEMO_USAGE, node: '>=20.3' });

function options(): DemoOptions | number {
  try {
    const parsed = parseDemoArgs(process.argv.slice(2));
    if (parsed !== 'help') return parsed;
    process.stdout.write(`${DEMO_USAGE}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`fabric-temporal demo: ${(error as Error).message}\n`);
    return EXIT_DEMO.invalidInput;
  }
}

async function main(): Promise<number> {
  const parsed = options();
  if (typeof parsed === 'number') return parsed;
  // Worker warnings as one short line each; the demo decides what a signal means (no SDK shutdown hooks).
  const workerLog = new WorkerLog(process.stderr);
  // Forwarded (not the core's console logging, which writes to stdout, where --json goes).
  Runtime.install({
    logger: new DefaultLogger('WARN', workerLog.sink),
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) } },
    shutdownSignals: [],
  });
  const stop = listenForStopSignals({
    onStop: (signal) => process.stderr.write(`\n${signal} received: stopping everything (again in 2s or later to force)\n`),
    onForce: () => process.exit(EXIT_DEMO.stopped),
  });
  try {
    return await runDemo(
      parsed,
      { stdout: process.stdout, stderr: process.stderr, stderrIsTTY: process.stderr.isTTY === true, stdoutIsTTY: process.stdout.isTTY === true },
      stop.signal,
      workerLog,
    );
  } finally {
    stop.dispose();
  }
}

process.exit(await main());
