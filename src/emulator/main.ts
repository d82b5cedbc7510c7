/**
 * CLI: `npm run emulator -- [--port N] [--host H] [--token T] [--scenario-file F] [--catalog-file F] [--page-size N]`.
 * Prints `Fabric emulator listening on http://HOST:PORT/v1`; bad flags exit 2; SIGINT/SIGTERM close cleanly.
 */
import { USAGE, parseCli } from './cli-options.js';
import { startEmulator } from './index.js';
import type { EmulatorOptions } from './index.js';

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
    process.exit(1);
  }
  console.log(`Fabric emulator listening on ${emulator.apiUrl}`);
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
