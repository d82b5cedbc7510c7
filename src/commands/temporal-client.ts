/**
 * The CLI's connection to Temporal. It uses the native (Rust core) connection, which fails at once
 * when nothing listens at the address, instead of retrying for the default 10 s connect timeout.
 */
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig } from '../config.js';
import { connectionErrorLine as oneLine } from '../connection-error.js';
import { InfrastructureError } from './errors.js';
import { rememberAddress } from '../preflight/start-guard.js';

export interface ConnectedClient {
  client: Client;
  close(): Promise<void>;
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
    throw new InfrastructureError(`cannot reach Temporal at ${address}: ${oneLine(error)} (set TEMPORAL_ADDRESS or a Temporal profile)`);
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

/** Maps errors Temporal raises mid-command (namespace missing, server gone) to InfrastructureError. */
export function asInfrastructureError(error: unknown, config: TemporalConfig): unknown {
  const name = (error as Error | null)?.name;
  if (name === 'NamespaceNotFoundError') {
    return new InfrastructureError(`Temporal namespace ${JSON.stringify(config.namespace)} does not exist at ${config.connectionOptions.address} (set TEMPORAL_NAMESPACE)`);
  }
  if (name === 'ServiceError' || name === 'TransportError' || name === 'ConnectionError') {
    return new InfrastructureError(`Temporal at ${config.connectionOptions.address} failed: ${oneLine(error)}`);
  }
  return error;
}
