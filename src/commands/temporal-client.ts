/**
 * The CLI's connection to Temporal. It uses the native (Rust core) connection, which fails at once
 * when nothing listens at the address, instead of retrying for the default 10 s connect timeout.
 */
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
// The worker package's connection, runtime and logger alone: its index also loads the Worker and the
// workflow bundler, which a CLI never uses (half of the start-up of a command that connects).
import { NativeConnection } from '@temporalio/worker/lib/connection.js';
import { DefaultLogger } from '@temporalio/worker/lib/logger.js';
import { Runtime } from '@temporalio/worker/lib/runtime.js';
import { makeTelemetryFilterString } from '@temporalio/worker/lib/runtime-options.js';
import type { TemporalConfig } from '../config.js';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { InfrastructureError } from './errors.js';
import { rememberAddress } from '../preflight/start-guard.js';

export interface ConnectedClient {
  client: Client;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * Sends the SDK's own log lines (its Rust core logs to stdout by default, e.g. a payload size
 * warning) to `stderr`, so that stdout holds only the command's output (`--json`). Once per
 * process, before the first connection; a process that installed a Runtime already keeps its own.
 */
export function installCliRuntime(stderr: { write(text: string): unknown }): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', (entry) => stderr.write(`fabric-temporal: Temporal SDK ${entry.level.toLowerCase()}: ${entry.message}\n`)),
      telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) } },
      shutdownSignals: [],
    });
  } catch {
    // A Runtime exists already (the CLI runs inside another program): its logger stays.
  }
}

/**
 * Connects to Temporal. `dataConverter`: the payload encryption converter (src/codec), when configured.
 * @throws InfrastructureError with one line naming the address.
 */
export async function connectTemporalClient(config: TemporalConfig, dataConverter?: DataConverter, workflowInterceptors: WorkflowClientInterceptor[] = []): Promise<ConnectedClient> {
  const { address } = config.connectionOptions;
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect(config.connectionOptions);
  } catch (error) {
    throw new InfrastructureError(`cannot reach Temporal at ${address}: ${oneLine(error)} (set --address, TEMPORAL_ADDRESS or a Temporal profile)`);
  }
  const client = new Client({
    connection,
    namespace: config.namespace,
    ...(dataConverter ? { dataConverter } : {}),
    ...(workflowInterceptors.length > 0 ? { interceptors: { workflow: workflowInterceptors } } : {}),
  });
  rememberAddress(client, address);
  return { client, close: () => connection.close() };
}
