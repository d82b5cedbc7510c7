/**
 * The Temporal service under the benchmark and the chaos run: `--server dev` (the Temporal CLI's dev
 * server, one process on SQLite) or `--server cluster` (the released server on PostgreSQL,
 * temporal-cluster.ts), started by start-server.ts. Both can be SIGKILLed and restarted on the same address and data.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import type { Child } from './child.js';
export type ServerKind = 'dev' | 'cluster';
export const SERVER_KINDS: readonly ServerKind[] = ['dev', 'cluster'];

/** CPU seconds of the Temporal server process and of its database (0 for the dev server's in-process SQLite). */
export interface ServerCpu {
  server: number;
  database: number;
}

export interface TemporalServerProcess {
  readonly kind: ServerKind;
  /** `127.0.0.1:port` of the frontend. */
  readonly address: string;
  readonly pid: number | undefined;
  cpuSeconds(): ServerCpu;
  /** One line for reports. */
  describe(): string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Waits until the frontend at `address` answers `probe`; fails at once when the process exits, and
 * with the last error and the process's output after `timeoutMs`.
 */
export async function waitUntilAnswering(child: Child, address: string, timeoutMs: number, probe: (connection: Connection) => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!child.running) throw new Error(`${child.options.name} exited while starting. Output:\n${child.tail()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await probe(connection);
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await sleep(250);
    }
  }
  throw new Error(`${child.options.name} at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}. Output:\n${child.tail()}`);
}

/** What both kinds share: one server process that can be SIGKILLed and launched again on the same address and data. */
export abstract class RestartableServer {
  protected child: Child | undefined;
  /** `127.0.0.1:port`, fixed for the life of this object. */
  address = '';

  /** Starts the server process and waits until it answers. */
  protected abstract launch(): Promise<void>;

  get pid(): number | undefined {
    return this.child?.running ? this.child.pid : undefined;
  }

  /** SIGKILL (no chance to flush anything), then wait for the process to be gone. */
  async kill(): Promise<void> {
    await this.child?.kill();
  }

  /** Starts it again on the same address and data. */
  async restart(): Promise<void> {
    if (this.child?.running) await this.child.kill();
    await this.launch();
  }
}
