/** The Fabric emulator as a separate process (its event loop is not shared with the driver's work). */
import { EmulatorAdmin } from '../../src/emulator/index.js';
import { tsNode } from './child.js';
import type { Child } from './child.js';

export interface EmulatorProcess {
  /** `http://127.0.0.1:port/v1`: the Fabric base URL for the worker. */
  apiUrl: string;
  admin: EmulatorAdmin;
  child: Child;
  stop(): Promise<void>;
}

/** Starts `src/emulator/main.ts` on a random port. */
export async function startEmulatorProcess(token: string): Promise<EmulatorProcess> {
  const child = tsNode('fabric emulator', 'src/emulator/main.ts', ['--port', '0', '--host', '127.0.0.1', '--token', token]);
  const match = await child.waitForLine(/listening on (http:\/\/\S+)\/v1/, 30_000);
  const url = match[1]!;
  return { apiUrl: `${url}/v1`, admin: new EmulatorAdmin(`${url}/_emulator`), child, stop: () => child.stop() };
}
