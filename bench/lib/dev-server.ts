/**
 * A Temporal dev server as a separate process with a file database, so that it can be SIGKILLed
 * and restarted on the same port and database (chaos), and measured apart from the worker (benchmark).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { obtainTemporalBinary } from '../../src/devserver/binaries.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared.js';
import { Child, freePort } from './child.js';

export interface DevServerProcessOptions {
  /** The SQLite file; kept across restarts. */
  dbFilename: string;
  /** Extra `--dynamic-config-value KEY=VALUE` settings. @default {} */
  dynamicConfig?: Record<string, string | number | boolean>;
  /** `--sqlite-pragma NAME=VALUE` settings, e.g. `{ journal_mode: 'WAL', synchronous: 'NORMAL' }`. @default {} (the server's own) */
  sqlitePragmas?: Record<string, string>;
  /** How long to wait for the server to answer after a (re)start. @default 60_000 */
  readyTimeoutMs?: number;
}

export class DevServerProcess {
  private child: Child | undefined;
  /** `127.0.0.1:port`, fixed for the life of this object. */
  address = '';

  private constructor(
    private readonly binary: string,
    private readonly options: DevServerProcessOptions,
  ) {}

  /** Starts the server on a free port and waits until it answers. */
  static async start(options: DevServerProcessOptions): Promise<DevServerProcess> {
    const binary = await obtainTemporalBinary('temporal');
    const server = new DevServerProcess(binary, options);
    server.address = `127.0.0.1:${await freePort()}`;
    await server.launch();
    return server;
  }

  get pid(): number | undefined {
    return this.child?.running ? this.child.pid : undefined;
  }

  private async launch(): Promise<void> {
    const port = this.address.split(':')[1]!;
    const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', port, '--db-filename', this.options.dbFilename, '--log-level', 'error'];
    for (const name of Object.values(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=Keyword`);
    for (const [key, value] of Object.entries(this.options.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
    for (const [key, value] of Object.entries(this.options.sqlitePragmas ?? {})) args.push('--sqlite-pragma', `${key}=${value}`);
    this.child = new Child({ name: 'temporal dev server', command: this.binary, args });
    await this.waitReady(this.options.readyTimeoutMs ?? 60_000);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (!this.child?.running) throw new Error(`the Temporal dev server exited while starting. Output:\n${this.child?.tail()}`);
      try {
        const connection = await Connection.connect({ address: this.address, connectTimeout: 2_000 });
        try {
          await connection.workflowService.describeNamespace({ namespace: 'default' });
          return;
        } finally {
          await connection.close();
        }
      } catch (err) {
        lastError = err;
        await sleep(250);
      }
    }
    throw new Error(`the Temporal dev server at ${this.address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
  }

  /** SIGKILL (no chance to flush anything), then wait for the process to be gone. */
  async kill(): Promise<void> {
    await this.child?.kill();
  }

  /** Starts it again on the same port and database. */
  async restart(): Promise<void> {
    if (this.child?.running) await this.child.kill();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.child?.stop();
  }
}
