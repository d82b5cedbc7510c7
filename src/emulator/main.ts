/**
 * CLI: `npm run emulator -- [--port N] [--host H] [--token T] [--identity NAME=TOKEN]... [--scenario-file F] [--catalog-file F | --empty-catalog] [--page-size N] [--spark-job-limit N]`.
 * Prints `Fabric emulator listening on http://HOST:PORT/v1`; bad flags exit 2; SIGINT/SIGTERM close cleanly.
 */
import { entryPoint } from '../entry-point.js';
import { USAGE, parseCli } from './cli-options.js';
import { startEmulator } from './index.js';
import type { EmulatorOptions } from './index.js';

// The demo starts the emulator with its own Node.js, which may be 20.3+ (docs/demo.md).
entryPoint({ program: 'fabric emulator', usage: USAGE, node: '>=20.3' });

async function main(): Promise<void> {
  let options: EmulatorOptions | 'help';
  try {
    options = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`fabric emulator: ${(err as Error).message} (see --help)`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (err) {
    console.error(`fabric emulator: cannot start: ${(err as Error).message}`);
    process.exit(3);
  }
  console.log(`Fabric emulator listening on ${emulator.apiUrl}`);
  console.log(`Power BI refresh API on ${emulator.powerbiUrl}`);
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`fabric emulator: error while closing: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
